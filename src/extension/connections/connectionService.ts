// Owns the driver clients: several may be open at once, one profile is "active" (used for new notebooks).
// cassandra-driver is imported on the first connect only (sessionFactory), so activation does not pay for it.

import * as vscode from 'vscode';
import type { Client } from 'cassandra-driver';
import type { LogService, Logger } from '../logging.js';
import { buildBundleProfile } from './bundleProfile.js';
import { CONSISTENCY_LEVELS, type ConnectionSettings } from './clientOptions.js';
import { ConnectCancelledError, ConnectionError, mapConnectionError } from './connectionErrors.js';
import type { ProfileStore } from './profileStore.js';
import { watchSchemaChanges } from './schemaEvents.js';
import { createClient } from './sessionFactory.js';
import { KeyspaceClients, type KeyspaceLease } from './keyspaceClients.js';
import type {
  BundleProfile, BundleProfileRequest, ConnectionProfile, ConnectionService, ConnectionState, Credentials, ErrorContext,
} from './types.js';

interface Entry {
  state: ConnectionState;
  client?: Client;
  stopSchemaWatch?: () => void;
  pending?: Promise<Client>;
  error?: string;
  /** Clients bound to one keyspace each, for documents that would otherwise wait for another keyspace's requests. */
  keyspaceClients?: KeyspaceClients;
}

export class AstraConnectionService implements ConnectionService, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly schemaChanged = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeSchema = this.schemaChanged.event;
  private readonly entries = new Map<string, Entry>();
  private readonly log: Logger;
  private readonly driverLog: Logger;

  constructor(
    readonly store: ProfileStore,
    private readonly logs: LogService,
    readonly settings: () => ConnectionSettings,
  ) {
    this.log = logs.logger('connections');
    this.driverLog = logs.logger('driver');
  }

  profiles(): readonly ConnectionProfile[] {
    return this.store.list();
  }

  profile(id: string): ConnectionProfile | undefined {
    return this.store.get(id);
  }

  state(id: string): ConnectionState {
    return this.entries.get(id)?.state ?? 'disconnected';
  }

  lastError(id: string): string | undefined {
    return this.entries.get(id)?.error;
  }

  activeProfileId(): string | undefined {
    return this.store.activeId();
  }

  async setActive(id: string | undefined): Promise<void> {
    await this.store.setActiveId(id);
    this.changed.fire();
  }

  connectedClient(id: string): Client | undefined {
    const e = this.entries.get(id);
    if (e?.state !== 'connected' || !e.client) return undefined;
    // Shut down by someone else (another extension, a test): the driver refuses to reconnect it, so forget it and
    // let the next use open a new client. `isShuttingDown` is public at runtime but missing from the typings.
    if ((e.client as { isShuttingDown?: boolean }).isShuttingDown) {
      this.log.info(`the client of ${id} was shut down outside the connection service; reconnecting on next use`);
      this.forget(id);
      return undefined;
    }
    return e.client;
  }

  /** What the error mapping needs to word a failure of this profile (notebook cells map statement errors with it). */
  errorContext(id: string): ErrorContext {
    const profile = this.profile(id);
    const settings = this.settings();
    return {
      profileName: profile?.name ?? id,
      profileKind: profile?.kind ?? 'bundle',
      connectTimeoutSeconds: settings.connectTimeoutSeconds,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
      secrets: this.logs.knownSecrets(),
    };
  }

  /** Connects without UI (callers show progress and failures); concurrent calls share one attempt. */
  client(id: string, tokens: readonly vscode.CancellationToken[] = []): Promise<Client> {
    const ready = this.connectedClient(id);
    if (ready) return Promise.resolve(ready);
    const entry = this.entry(id);
    if (!entry.pending) {
      entry.pending = this.open(id, tokens).finally(() => {
        entry.pending = undefined;
      });
    }
    return entry.pending;
  }

  /** A client of the connection `id` bound to `keyspace`: opened on first use, shared, closed with the connection. */
  async keyspaceClient(id: string, keyspace: string): Promise<KeyspaceLease> {
    await this.client(id);
    const entry = this.entry(id);
    entry.keyspaceClients ??= new KeyspaceClients((ks) => this.openKeyspaceClient(id, ks));
    return entry.keyspaceClients.acquire(keyspace);
  }

  async disconnect(id: string): Promise<void> {
    const client = this.forget(id);
    if (client) await this.shutdown(client, id);
  }

  notifySchemaChanged(id: string): void {
    this.schemaChanged.fire(id);
  }

  defaultConsistency(): number {
    return CONSISTENCY_LEVELS[this.settings().defaultConsistency];
  }

  credentials(id: string): Promise<Credentials | undefined> {
    return this.store.credentials(id);
  }

  /**
   * Applies the consistency setting to open clients at once: the driver reads `options.queryOptions` on every
   * execute, so there is no need to reconnect (timeouts, in contrast, apply on the next connect).
   */
  applyConsistencySetting(): void {
    const level = CONSISTENCY_LEVELS[this.settings().defaultConsistency];
    for (const entry of this.entries.values()) {
      // `options` is public at runtime but missing from the driver's typings.
      const queryOptions = (entry.client as { options?: { queryOptions?: { consistency?: number } } } | undefined)?.options
        ?.queryOptions;
      if (queryOptions) queryOptions.consistency = level;
    }
    this.changed.fire();
  }

  // ----- profile management -----

  async saveProfile(profile: ConnectionProfile, credentials?: Credentials): Promise<void> {
    if (credentials) {
      this.rememberSecrets(credentials, profile.kind);
      await this.store.setCredentials(profile.id, credentials);
    }
    await this.store.save(profile);
    this.changed.fire();
  }

  async saveBundleProfile(req: BundleProfileRequest): Promise<BundleProfile> {
    const profile = await buildBundleProfile(this.store, req);
    await this.saveProfile(profile, req.credentials);
    return profile;
  }

  async setCredentials(id: string, credentials: Credentials | undefined): Promise<void> {
    this.rememberSecrets(credentials, this.profile(id)?.kind);
    await this.store.setCredentials(id, credentials);
    // The open client still authenticates with the old secret; drop it so the next use reconnects.
    await this.disconnect(id);
    this.changed.fire();
  }

  async rename(id: string, name: string): Promise<void> {
    await this.store.rename(id, name);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.disconnect(id);
    await this.store.remove(id);
    this.changed.fire();
  }

  async shutdownAll(): Promise<void> {
    const ids = [...this.entries.keys()];
    await Promise.all(ids.map((id) => this.disconnect(id)));
  }

  dispose(): void {
    void this.shutdownAll();
    this.changed.dispose();
    this.schemaChanged.dispose();
  }

  // ----- internals -----

  /** Drops the profile's entry (state → disconnected) and returns its client for the caller to shut down. */
  private forget(id: string): Client | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    entry.stopSchemaWatch?.();
    void entry.keyspaceClients?.closeAll();
    this.entries.delete(id);
    this.changed.fire();
    return entry.client;
  }

  private entry(id: string): Entry {
    let e = this.entries.get(id);
    if (!e) {
      e = { state: 'disconnected' };
      this.entries.set(id, e);
    }
    return e;
  }

  private setState(id: string, state: ConnectionState, error?: string): void {
    const e = this.entry(id);
    e.state = state;
    e.error = error;
    this.changed.fire();
  }

  private async open(id: string, tokens: readonly vscode.CancellationToken[]): Promise<Client> {
    const profile = this.profile(id);
    if (!profile) throw new Error(`There is no saved connection with id ${id}.`);
    const settings = this.settings();
    const credentials = await this.store.credentials(id);
    this.rememberSecrets(credentials, profile.kind);
    const ctx = this.errorContext(id);
    this.setState(id, 'connecting');
    const entry = this.entry(id);
    this.log.info(`connecting to "${profile.name}" (${describeTarget(profile)}), consistency ${settings.defaultConsistency}`);
    const started = Date.now();
    let client: Client | undefined;
    let connecting: Promise<void> | undefined;
    try {
      if (profile.kind === 'bundle' && !credentials) {
        throw new ConnectionError(
          { message: `No credentials are stored for "${profile.name}".`, actions: ['reenterCredentials'] },
          id,
        );
      }
      client = await createClient(profile, credentials, settings);
      throwIfCancelled(tokens);
      client.on('log', (level: string, className: string, message: string) => this.onDriverLog(level, className, message));
      connecting = client.connect();
      await untilCancelled(connecting, tokens);
      // disconnect() or remove() while we were connecting: this client is no longer wanted.
      if (this.entries.get(id) !== entry) throw new ConnectCancelledError();
      entry.client = client;
      entry.stopSchemaWatch = watchSchemaChanges(client, () => this.schemaChanged.fire(id));
      this.setState(id, 'connected');
      this.log.info(`connected to "${profile.name}" in ${Date.now() - started} ms`);
      return client;
    } catch (err) {
      // A cancelled connect() keeps running inside the driver; shutting down before it settles would leave the
      // sockets it opens afterwards behind, so close once it has finished either way.
      if (client) {
        const c = client;
        void (connecting ?? Promise.resolve()).catch(() => undefined).then(() => this.shutdown(c, id));
      }
      if (err instanceof ConnectCancelledError) {
        this.log.info(`connecting to "${profile.name}" was cancelled`);
        if (this.entries.get(id) === entry) this.entries.delete(id);
        this.changed.fire();
        throw err;
      }
      const mapped = err instanceof ConnectionError ? err.mapped : mapConnectionError(err, ctx);
      this.log.error(`connecting to "${profile.name}" failed: ${mapped.message}`, err);
      this.setState(id, 'error', mapped.message);
      throw err instanceof ConnectionError ? err : new ConnectionError(mapped, id, err);
    }
  }

  private async openKeyspaceClient(id: string, keyspace: string): Promise<Client> {
    const profile = this.profile(id);
    if (!profile) throw new Error(`There is no saved connection with id ${id}.`);
    const started = Date.now();
    const client = await createClient({ ...profile, defaultKeyspace: keyspace }, await this.store.credentials(id), this.settings());
    client.on('log', (level: string, className: string, message: string) => this.onDriverLog(level, className, message));
    try {
      await client.connect();
    } catch (err) {
      void this.shutdown(client, id);
      this.log.warn(`opening a client for keyspace ${keyspace} of "${profile.name}" failed: ${mapConnectionError(err, this.errorContext(id)).message}`);
      throw err;
    }
    // For a bundle this is a whole cloud connection (metadata service, TLS to every node): worth seeing in the log.
    this.log.info(`opened a client for keyspace ${keyspace} of "${profile.name}" in ${Date.now() - started} ms`);
    return client;
  }

  /**
   * Client secrets have no recognisable shape, and an Astra Client ID is half of the credential: mask both.
   * A cluster username (often "cassandra") is not secret, and masking it would mangle unrelated log text.
   */
  private rememberSecrets(credentials: Credentials | undefined, kind: ConnectionProfile['kind'] | undefined): void {
    if (!credentials) return;
    this.logs.addSecret(credentials.password);
    if (kind === 'bundle' && credentials.username !== 'token') this.logs.addSecret(credentials.username);
  }

  private onDriverLog(level: string, className: string, message: string): void {
    if (level === 'error') this.driverLog.error(`${className}: ${message}`);
    else if (level === 'warning') this.driverLog.warn(`${className}: ${message}`);
    else if (level === 'info') this.driverLog.debug(`${className}: ${message}`);
  }

  private async shutdown(client: Client, id: string): Promise<void> {
    try {
      await client.shutdown();
    } catch (err) {
      this.log.warn(`closing the connection ${id} failed`, err);
    }
  }
}

function describeTarget(p: ConnectionProfile): string {
  return p.kind === 'bundle' ? `bundle, host ${p.host}` : `${p.contactPoints.join(',')}:${p.port}, DC ${p.localDataCenter}`;
}

function throwIfCancelled(tokens: readonly vscode.CancellationToken[]): void {
  if (tokens.some((t) => t.isCancellationRequested)) throw new ConnectCancelledError();
}

function untilCancelled<T>(work: Promise<T>, tokens: readonly vscode.CancellationToken[]): Promise<T> {
  throwIfCancelled(tokens);
  const subs: vscode.Disposable[] = [];
  const cancelled = new Promise<never>((_resolve, reject) => {
    for (const t of tokens) subs.push(t.onCancellationRequested(() => reject(new ConnectCancelledError())));
  });
  return Promise.race([work, cancelled]).finally(() => subs.forEach((s) => s.dispose()));
}
