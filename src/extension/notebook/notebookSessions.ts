// One CqlSession per open notebook, bound to the notebook's connection profile. Rebinding the notebook (another
// connection) or closing it drops its session, which also ends "Load more" for its outputs.

import * as vscode from 'vscode';
import type { Services } from '../services.js';
import type { ConnectionService } from '../connections/types.js';
import { createDescriber } from '../cql/describeCommand.js';
import { notebookProfileId, type CqlNotebookMetadata } from './serializer.js';
import { CqlSession, type SessionOptions } from '../cql/session.js';
import { connectWithProgress } from '../connections/connectProgress.js';

export interface BoundSession {
  session: CqlSession;
  profileId: string;
}

export class NotebookSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, BoundSession>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.NotebookDocument>();
  /** Fired when a notebook's binding or keyspace changed (for the status item). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: Services) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.drop(nb)),
    );
  }

  /** The profile a notebook runs on: its own binding if that profile still exists, else the active one. */
  profileIdFor(nb: vscode.NotebookDocument): string | undefined {
    return notebookProfileId(nb, this.services.connections);
  }

  get(nb: vscode.NotebookDocument): BoundSession | undefined {
    return this.sessions.get(nb.uri.toString());
  }

  all(): BoundSession[] {
    return [...this.sessions.values()];
  }

  /** The notebook's session, created (and the notebook bound to the profile) on first use. */
  async ensure(nb: vscode.NotebookDocument): Promise<BoundSession> {
    const profileId = this.profileIdFor(nb);
    if (!profileId) {
      throw new Error('No connection for this notebook: add one in the Astra DB view, or choose one with "Select Connection" in the notebook toolbar.');
    }
    const key = nb.uri.toString();
    const existing = this.sessions.get(key);
    if (existing && existing.profileId === profileId) return existing;
    existing?.session.dispose();
    const profile = this.services.connections.profile(profileId)!;
    const meta = nb.metadata as CqlNotebookMetadata;
    const session = new CqlSession(sessionOptions(this.services.connections, profileId, meta.keyspace ?? profile.defaultKeyspace));
    const bound = { session, profileId };
    this.sessions.set(key, bound);
    if (meta.connection?.profileId !== profileId) await this.bind(nb, profileId, session.keyspace);
    this.changed.fire(nb);
    return bound;
  }

  /** Writes the binding into the notebook's metadata (saved with the file; never secrets). */
  async bind(nb: vscode.NotebookDocument, profileId: string, keyspace: string | undefined): Promise<void> {
    const profile = this.services.connections.profile(profileId);
    const meta: CqlNotebookMetadata = { ...(nb.metadata as CqlNotebookMetadata) };
    if (profile) meta.connection = { profileId, name: profile.name };
    if (keyspace) meta.keyspace = keyspace;
    else delete meta.keyspace;
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.uri, [vscode.NotebookEdit.updateNotebookMetadata(meta as Record<string, unknown>)]);
    await vscode.workspace.applyEdit(edit);
    const bound = this.sessions.get(nb.uri.toString());
    if (bound && bound.profileId !== profileId) this.drop(nb);
    else if (bound) bound.session.keyspace = keyspace;
    this.changed.fire(nb);
  }

  /** Records a keyspace change made by `USE` in a cell. */
  async keyspaceChanged(nb: vscode.NotebookDocument, keyspace: string | undefined): Promise<void> {
    const meta = nb.metadata as CqlNotebookMetadata;
    if (meta.keyspace === keyspace) return;
    const profileId = this.get(nb)?.profileId ?? this.profileIdFor(nb);
    if (profileId) await this.bind(nb, profileId, keyspace);
  }

  private drop(nb: vscode.NotebookDocument): void {
    const key = nb.uri.toString();
    this.sessions.get(key)?.session.dispose();
    this.sessions.delete(key);
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.session.dispose();
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }
}

/** How a CqlSession on `profileId` runs (notebooks and `.cql` files alike): the astra.notebook settings, DESCRIBE. */
export function sessionOptions(connections: ConnectionService, profileId: string, keyspace: string | undefined): SessionOptions {
  const config = vscode.workspace.getConfiguration('astra.notebook');
  return {
    client: () => connectWithProgress(connections, profileId),
    errorContext: () => connections.errorContext(profileId),
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
