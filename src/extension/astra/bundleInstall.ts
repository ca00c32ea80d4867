// Fetch a database's secure connect bundle through the DevOps API and save it as a bundle profile, reusing the
// connections module's bundle inspection and stores. vscode-free so the integration test runs it for real.

import type { AstraDatabase, AstraDatacenter } from './core/databases.js';
import { DevopsError } from './core/devopsErrors.js';
import { BundleError, readBundle, type BundleInfo } from '../connections/bundle.js';
import type { BundleProfile, ConnectionService } from '../connections/types.js';
import type { DevopsClient } from './devopsClient.js';

/** The part of the connection service that saving a fetched bundle needs. */
export type ProfileWriter = Pick<ConnectionService, 'profiles' | 'saveBundleProfile'>;

export interface FetchedBundle {
  bytes: Buffer;
  info: BundleInfo;
}

/** Requests a fresh link, downloads and verifies the bundle (`bytes` is the rebuilt zip). A bad bundle is Astra's fault, so it says so. */
export async function fetchBundle(client: DevopsClient, dbId: string, datacenterId?: string, signal?: AbortSignal): Promise<FetchedBundle> {
  const link = await client.secureBundleLink(dbId, datacenterId, signal);
  const bytes = await client.downloadBundle(link.downloadURL, { signal });
  try {
    return await readBundle(bytes);
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
  newId?: () => string;
}

/** Saves the bundle as a profile (a new one, or `existing` refreshed) with the token as its credentials. */
export async function saveBundleProfile(writer: ProfileWriter, req: SaveRequest): Promise<BundleProfile> {
  const multiRegion = req.db.datacenters.length > 1 && req.datacenter;
  const id = req.existing?.id ?? req.newId?.();
  return writer.saveBundleProfile({
    ...(id ? { id } : {}),
    name: req.existing?.name ?? uniqueProfileName(writer, multiRegion ? `${req.db.name} (${req.datacenter!.region})` : req.db.name),
    bundle: req.bundle,
    info: req.bundle.info,
    authKind: req.token ? 'token' : (req.existing?.authKind ?? 'token'),
    ...(req.token ? { credentials: { username: 'token', password: req.token } } : {}),
    astraDatabaseId: req.db.id,
    ...optional('fallbackDataCenter', req.datacenter?.name ?? req.existing?.localDataCenter),
    ...optional('fallbackKeyspace', req.db.keyspaces[0] ?? req.existing?.defaultKeyspace),
  });
}

const optional = <K extends string>(key: K, value: string | undefined) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
