// Profiles live in globalState (no secrets); credentials live in SecretStorage under the profile id; bundle
// copies live in global storage. Written against minimal interfaces so unit tests run without VS Code.

import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { rememberSecret } from '../secrets/knownSecrets.js';
import { readBundleFile, type VerifiedBundle } from './bundle.js';
import type { ConnectionProfile, Credentials } from './types.js';

export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

const PROFILES_KEY = 'astra.connections.v1';
const ACTIVE_KEY = 'astra.activeConnection';
const secretKey = (id: string) => `astra.credentials.${id}`;

export class ProfileStore {
  constructor(
    private readonly state: MementoLike,
    private readonly secrets: SecretStorageLike,
    /** Folder inside the extension's global storage; bundles are copied here. */
    private readonly bundleDir: string,
  ) {}

  static newId(): string {
    return randomUUID();
  }

  list(): ConnectionProfile[] {
    const raw = this.state.get(PROFILES_KEY);
    return Array.isArray(raw) ? raw.filter(isProfile) : [];
  }

  get(id: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  findByName(name: string): ConnectionProfile | undefined {
    return this.list().find((p) => p.name === name);
  }

  async save(profile: ConnectionProfile): Promise<void> {
    const others = this.list().filter((p) => p.id !== profile.id);
    // Never let a secret slip into globalState through an extra property.
    await this.state.update(PROFILES_KEY, [...others, sanitize(profile)]);
  }

  async rename(id: string, name: string): Promise<void> {
    const profile = this.get(id);
    if (profile) await this.save({ ...profile, name });
  }

  /** Removes the profile, its credentials and its bundle copy. */
  async remove(id: string): Promise<void> {
    const profile = this.get(id);
    const wasActive = this.activeId() === id;
    await this.state.update(
      PROFILES_KEY,
      this.list().filter((p) => p.id !== id),
    );
    await this.secrets.delete(secretKey(id));
    if (wasActive) await this.setActiveId(undefined);
    if (profile?.kind === 'bundle' && profile.bundlePath.startsWith(this.bundleDir)) {
      await fs.rm(profile.bundlePath, { force: true });
    }
  }

  async credentials(id: string): Promise<Credentials | undefined> {
    const raw = await this.secrets.get(secretKey(id));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<Credentials>;
      if (typeof parsed.username === 'string' && typeof parsed.password === 'string') {
        rememberCredentials(this.get(id), parsed.username, parsed.password);
        return { username: parsed.username, password: parsed.password };
      }
    } catch {
      // fall through: an unreadable entry is treated as missing so the user is asked again
    }
    return undefined;
  }

  async setCredentials(id: string, credentials: Credentials | undefined): Promise<void> {
    if (credentials) rememberCredentials(this.get(id), credentials.username, credentials.password);
    if (credentials) await this.secrets.store(secretKey(id), JSON.stringify(credentials));
    else await this.secrets.delete(secretKey(id));
  }

  activeId(): string | undefined {
    const id = this.state.get(ACTIVE_KEY);
    return typeof id === 'string' && this.get(id) ? id : undefined;
  }

  async setActiveId(id: string | undefined): Promise<void> {
    await this.state.update(ACTIVE_KEY, id);
  }

  /**
   * Stores the bundle rebuilt from its verified entries (see readBundleFile), never the user's file as is: the
   * driver inflates every entry on each connect. Only reads the original: it may sit on a read-only file system,
   * and the Python driver's habit of extracting next to the bundle is exactly what we avoid.
   */
  async copyBundle(sourcePath: string, profileId: string): Promise<string> {
    return this.saveBundle(await readBundleFile(sourcePath), profileId);
  }

  /** Writes a verified bundle (its rebuilt zip) into storage, atomically, readable by the user only. */
  async saveBundle(bundle: VerifiedBundle, profileId: string): Promise<string> {
    await fs.mkdir(this.bundleDir, { recursive: true });
    const dest = join(this.bundleDir, `${profileId}.zip`);
    const tmp = `${dest}.${process.pid}.tmp`;
    await fs.writeFile(tmp, bundle.bytes, { mode: 0o600 });
    await fs.rename(tmp, dest);
    return dest;
  }
}

/**
 * Masks these credentials in every later log line and message. An Astra client ID is half of the credential; a
 * cluster username (often "cassandra") is not secret, and masking it would mangle unrelated text.
 */
function rememberCredentials(profile: ConnectionProfile | undefined, username: string, password: string): void {
  rememberSecret(password);
  if (profile?.kind === 'bundle' && username !== 'token') rememberSecret(username);
}

function isProfile(v: unknown): v is ConnectionProfile {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  if (typeof p.id !== 'string' || typeof p.name !== 'string') return false;
  if (p.kind === 'bundle') return typeof p.bundlePath === 'string' && typeof p.host === 'string';
  if (p.kind === 'contactPoints') {
    return Array.isArray(p.contactPoints) && typeof p.port === 'number' && typeof p.localDataCenter === 'string';
  }
  return false;
}

function sanitize(p: ConnectionProfile): ConnectionProfile {
  if (p.kind === 'bundle') {
    const out: ConnectionProfile = { id: p.id, name: p.name, kind: 'bundle', bundlePath: p.bundlePath, host: p.host, authKind: p.authKind };
    if (p.localDataCenter) out.localDataCenter = p.localDataCenter;
    if (p.defaultKeyspace) out.defaultKeyspace = p.defaultKeyspace;
    if (p.astraDatabaseId) out.astraDatabaseId = p.astraDatabaseId;
    return out;
  }
  const out: ConnectionProfile = {
    id: p.id,
    name: p.name,
    kind: 'contactPoints',
    contactPoints: [...p.contactPoints],
    port: p.port,
    localDataCenter: p.localDataCenter,
    useTls: p.useTls,
  };
  if (p.defaultKeyspace) out.defaultKeyspace = p.defaultKeyspace;
  if (p.username) out.username = p.username;
  return out;
}
