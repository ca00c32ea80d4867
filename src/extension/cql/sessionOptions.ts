// How a CqlSession on a profile runs (notebooks and `.cql` files alike): the astra.notebook settings, the
// connection (connecting with progress when needed), DESCRIBE wording, error context and schema-change events.

import * as vscode from 'vscode';
import { connectWithProgress } from '../connections/connectProgress.js';
import type { ConnectionService } from '../connections/types.js';
import { createDescriber } from './describeCommand.js';
import type { SessionOptions } from './session.js';

export function sessionOptions(connections: ConnectionService, profileId: string, keyspace: string | undefined): SessionOptions {
  const config = vscode.workspace.getConfiguration('astra.notebook');
  return {
    client: () => connectWithProgress(connections, profileId),
    ...(connections.keyspaceClient ? { keyspaceClient: (ks: string) => connections.keyspaceClient!(profileId, ks) } : {}),
    errorContext: () => connections.errorContext(profileId),
    defaultConsistency: () => connections.defaultConsistency(),
    pageSize: Math.max(1, config.get<number>('pageSize', 100)),
    timeZone: resolveTimeZone(config.get<string>('timeZone', 'UTC')),
    keyspace,
    describe: createDescriber(() => connections.profile(profileId)?.kind === 'bundle'),
    onSchemaChanged: () => connections.notifySchemaChanged(profileId),
  };
}

/** 'local' means the extension host's zone; anything else must be a valid IANA name (else UTC). */
function resolveTimeZone(setting: string): string {
  const zone = setting === 'local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : setting;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
