// What feature modules (explorer, notebook, language) receive from the composition root.
// extension.ts builds one Services object and hands it to each register*() function.

import type * as vscode from 'vscode';
import type { Client } from 'cassandra-driver';
import type { ErrorContext } from './connections/connectionErrors.js';

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** A saved connection. Never holds a secret: credentials live in SecretStorage under the profile id. */
export type ConnectionProfile =
  | {
      id: string;
      name: string;
      kind: 'bundle';
      bundlePath: string; // copy inside globalStorage, never the user's original
      host: string; // from config.json, for display
      localDataCenter?: string;
      defaultKeyspace?: string;
      authKind: 'token' | 'clientId';
      astraDatabaseId?: string; // when the profile came from the DevOps API
    }
  | {
      id: string;
      name: string;
      kind: 'contactPoints';
      contactPoints: string[];
      port: number;
      localDataCenter: string;
      defaultKeyspace?: string;
      username?: string; // password (if any) in SecretStorage
      useTls: boolean;
    };

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface ConnectionService {
  readonly onDidChange: vscode.Event<void>; // profiles added/removed/renamed, state or active changed
  /** Fired with the affected profile id when its schema changed (driver schema events or DDL we ran). */
  readonly onDidChangeSchema: vscode.Event<string>;
  profiles(): readonly ConnectionProfile[];
  profile(id: string): ConnectionProfile | undefined;
  state(id: string): ConnectionState;
  lastError(id: string): string | undefined;
  activeProfileId(): string | undefined;
  setActive(id: string): void;
  /** Returns a connected client, connecting (with progress) if needed. Throws a user-facing Error on failure. */
  client(id: string, token?: vscode.CancellationToken): Promise<Client>;
  /** Connected client or undefined, never connects. */
  connectedClient(id: string): Client | undefined;
  /** Profile name, kind, timeouts and known secrets, for wording errors of statements run on this profile. */
  errorContext(id: string): ErrorContext;
  disconnect(id: string): Promise<void>;
  /** Tell listeners the schema of `id` changed (after DDL run from a notebook, for instance). */
  notifySchemaChanged(id: string): void;
}

export interface Services {
  context: vscode.ExtensionContext;
  logger(prefix: string): Logger;
  connections: ConnectionService;
}
