// The connections module's contract: what a saved connection is and what the rest of the extension may ask of the
// connection service. Features import these types (and nothing from the service's implementation).

import type * as vscode from 'vscode';
import type { Client } from 'cassandra-driver';
import type { BundleInfo, VerifiedBundle } from './bundle.js';
import type { KeyspaceLease } from './keyspaceClients.js';

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

export type BundleProfile = Extract<ConnectionProfile, { kind: 'bundle' }>;

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface Credentials {
  username: string;
  password: string;
}

/** What the error mapping needs to word a failure on one profile. */
export interface ErrorContext {
  profileName: string;
  profileKind: 'bundle' | 'contactPoints';
  connectTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  secrets?: Iterable<string>;
}

/** A secure connect bundle to save as a profile: a file path or the downloaded bytes, already inspected. */
export interface BundleProfileRequest {
  /** Re-use this id (refreshing a profile's bundle); otherwise a new profile is created. */
  id?: string;
  name: string;
  /** A bundle file to verify and store, or one already verified (its rebuilt zip). */
  bundle: { path: string } | VerifiedBundle;
  info: BundleInfo;
  authKind: BundleProfile['authKind'];
  /** Stored with the profile; omit to keep the credentials already stored. */
  credentials?: Credentials;
  astraDatabaseId?: string;
  /** Used when the bundle's config.json names no data center / keyspace. */
  fallbackDataCenter?: string;
  fallbackKeyspace?: string;
}

export interface ConnectionService {
  readonly onDidChange: vscode.Event<void>; // profiles added/removed/renamed, state or active changed
  /** Fired with the affected profile id when its schema changed (driver schema events or DDL we ran). */
  readonly onDidChangeSchema: vscode.Event<string>;
  profiles(): readonly ConnectionProfile[];
  profile(id: string): ConnectionProfile | undefined;
  state(id: string): ConnectionState;
  lastError(id: string): string | undefined;
  activeProfileId(): string | undefined;
  setActive(id: string | undefined): Promise<void>;
  /** Returns a connected client, connecting if needed (no UI; concurrent calls share one attempt). */
  client(id: string, tokens?: readonly vscode.CancellationToken[]): Promise<Client>;
  /** A client of the connection bound to `keyspace` (opened on first use, shared, closed with the connection). */
  keyspaceClient?(id: string, keyspace: string): Promise<KeyspaceLease>;
  /** Connected client or undefined, never connects. */
  connectedClient(id: string): Client | undefined;
  /** Profile name, kind, timeouts and known secrets, for wording errors of statements run on this profile. */
  errorContext(id: string): ErrorContext;
  disconnect(id: string): Promise<void>;
  /** Tell listeners the schema of `id` changed (after DDL run from a notebook, for instance). */
  notifySchemaChanged(id: string): void;
  /** Saves (adds or replaces) a profile and, when given, its credentials. */
  saveProfile(profile: ConnectionProfile, credentials?: Credentials): Promise<void>;
  /** Copies the bundle into the extension's storage and saves the bundle profile built from it. */
  saveBundleProfile(req: BundleProfileRequest): Promise<BundleProfile>;
  /** The stored credentials of a profile (for re-use, never for display). */
  credentials(id: string): Promise<Credentials | undefined>;
  setCredentials(id: string, credentials: Credentials | undefined): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** The driver's default consistency for new statements, from the settings. */
  defaultConsistency(): number;
}
