// Fetch a database's secure connect bundle through the DevOps API and save it as a bundle profile, reusing the
// connections module's bundle inspection and stores. vscode-free so the integration test runs it for real.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstraDatabase, AstraDatacenter } from './core/databases.js';
import { DevopsError } from './core/devopsErrors.js';
import { BundleError, inspectBundle, type BundleInfo } from '../connections/bundle.js';
import type { Credentials } from '../connections/clientOptions.js';
import type { ConnectionProfile } from '../services.js';
import type { DevopsClient } from './devopsClient.js';

/** What we need from the connection service (AstraConnectionService provides it) to save a profile. */
export interface ProfileWriter {
  profiles(): readonly ConnectionProfile[];
  saveProfile(profile: ConnectionProfile, credentials?: Credentials): Promise<void>;
  store: {
    copyBundle(sourcePath: string, profileId: string): Promise<string>;
    credentials?(profileId: string): Promise<Credentials | undefined>;
  };
}

export function isProfileWriter(v: unknown): v is ProfileWriter {
  const o = v as Partial<ProfileWriter> | undefined;
  return typeof o?.saveProfile === 'function' && typeof o.store?.copyBundle === 'function' && typeof o.profiles === 'function';
}

export type BundleProfile = Extract<ConnectionProfile, { kind: 'bundle' }>;

export interface FetchedBundle {
  bytes: Buffer;
  info: BundleInfo;
}

/** Requests a fresh link, downloads and validates the bundle. A bad bundle is Astra's fault, so it says so. */
export async function fetchBundle(client: DevopsClient, dbId: string, datacenterId?: string, signal?: AbortSignal): Promise<FetchedBundle> {
  const link = await client.secureBundleLink(dbId, datacenterId, signal);
  const bytes = await client.downloadBundle(link.downloadURL, { signal });
  try {
    return { bytes, info: inspectBundle(bytes) };
  } catch (err) {
    if (err instanceof BundleError) {
      throw new DevopsError('badResponse', `The secure connect bundle Astra returned is unusable: ${err.message}`);
    }
    throw err;
  }
}

/** The datacenter a saved profile was made for: its local DC by name or region, or the only one there is. */
export function datacenterFor(profile: BundleProfile, db: AstraDatabase): AstraDatacenter | undefined {
  const dc = profile.localDataCenter;
  const match = dc ? db.datacenters.find((d) => d.name === dc || d.region === dc) : undefined;
  return match ?? (db.datacenters.length === 1 ? db.datacenters[0] : undefined);
}

/** The saved profile for this database (and datacenter, when several), if the user added it before. */
export function existingProfile(writer: ProfileWriter, db: AstraDatabase, dc?: AstraDatacenter): BundleProfile | undefined {
  return writer
    .profiles()
    .filter((p): p is BundleProfile => p.kind === 'bundle' && p.astraDatabaseId === db.id)
    .find((p) => !dc || db.datacenters.length < 2 || datacenterFor(p, db)?.id === dc.id);
}

function uniqueProfileName(writer: ProfileWriter, wanted: string): string {
  const taken = new Set(writer.profiles().map((p) => p.name));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted} ${i}`)) return `${wanted} ${i}`;
}

export interface SaveRequest {
  db: AstraDatabase;
  datacenter?: AstraDatacenter;
  bundle: FetchedBundle;
  /** Stored as the profile's credentials (user "token"); omit to keep the credentials already stored. */
  token?: string;
  /** Re-use this profile (Refresh Bundle); otherwise a new one is created. */
  existing?: BundleProfile;
  newId: () => string;
}

/** Writes the bundle into the profile store's bundle folder and saves the profile (+ token credentials). */
export async function saveBundleProfile(writer: ProfileWriter, req: SaveRequest): Promise<BundleProfile> {
  const id = req.existing?.id ?? req.newId();
  // copyBundle only copies from a path; keep the key material in a private temp dir for the blink it exists.
  const dir = await mkdtemp(join(tmpdir(), 'astra-scb-'));
  let bundlePath: string;
  try {
    const tmp = join(dir, 'secure-connect.zip');
    await writeFile(tmp, req.bundle.bytes, { mode: 0o600 });
    bundlePath = await writer.store.copyBundle(tmp, id);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const { info } = req.bundle;
  const multiRegion = req.db.datacenters.length > 1 && req.datacenter;
  const profile: BundleProfile = {
    id,
    name: req.existing?.name ?? uniqueProfileName(writer, multiRegion ? `${req.db.name} (${req.datacenter!.region})` : req.db.name),
    kind: 'bundle',
    bundlePath,
    host: info.host,
    authKind: req.token ? 'token' : (req.existing?.authKind ?? 'token'),
    astraDatabaseId: req.db.id,
  };
  const localDc = info.localDataCenter ?? req.datacenter?.name ?? req.existing?.localDataCenter;
  if (localDc) profile.localDataCenter = localDc;
  const keyspace = info.keyspace ?? req.db.keyspaces[0] ?? req.existing?.defaultKeyspace;
  if (keyspace) profile.defaultKeyspace = keyspace;
  await writer.saveProfile(profile, req.token ? { username: 'token', password: req.token } : undefined);
  return profile;
}
