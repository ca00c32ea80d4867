// What we keep of the DevOps API's database objects (docs/astra-protocol.md §6), and the wording the pickers show.
// Parsing is defensive: the API adds fields freely and a malformed entry must not hide the user's other databases.

export interface AstraDatacenter {
  id: string;
  name: string;
  region: string;
  cloudProvider?: string;
  status?: string;
}

export interface AstraDatabase {
  id: string;
  name: string;
  /** ACTIVE, PARKED, HIBERNATED, MAINTENANCE, INITIALIZING, TERMINATING… (kept verbatim). */
  status: string;
  region: string;
  cloudProvider: string;
  /** The database's default keyspace first, then the additional ones. */
  keyspaces: string[];
  datacenters: AstraDatacenter[];
  tier?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function parseDatabase(raw: unknown): AstraDatabase | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const info = (o.info && typeof o.info === 'object' ? o.info : {}) as Record<string, unknown>;
  const id = str(o.id);
  if (!id) return undefined;
  const keyspaces: string[] = [];
  const addKs = (k: unknown) => {
    if (typeof k === 'string' && k && !keyspaces.includes(k)) keyspaces.push(k);
  };
  addKs(info.keyspace);
  if (Array.isArray(info.additionalKeyspaces)) info.additionalKeyspaces.forEach(addKs);
  const region = str(info.region) ?? '';
  const cloudProvider = str(info.cloudProvider) ?? '';
  const datacenters: AstraDatacenter[] = [];
  if (Array.isArray(info.datacenters)) {
    for (const d of info.datacenters as unknown[]) {
      if (!d || typeof d !== 'object') continue;
      const dc = d as Record<string, unknown>;
      const dcId = str(dc.id);
      if (!dcId) continue;
      datacenters.push({
        id: dcId,
        name: str(dc.name) ?? dcId,
        region: str(dc.region) ?? region,
        cloudProvider: str(dc.cloudProvider) ?? cloudProvider,
        status: str(dc.status),
      });
    }
  }
  return {
    id,
    name: str(info.name) ?? id,
    status: (str(o.status) ?? 'UNKNOWN').toUpperCase(),
    region,
    cloudProvider,
    keyspaces,
    datacenters,
    tier: str(info.tier),
  };
}

export const isActive = (db: AstraDatabase): boolean => db.status === 'ACTIVE';

/** Codicon id for a database's state: running, asleep (needs the console), or in transition. */
export function statusIconId(db: AstraDatabase): string {
  if (isActive(db)) return 'database';
  return db.status === 'HIBERNATED' || db.status === 'PARKED' ? 'debug-pause' : 'loading~spin';
}

/**
 * Why a database cannot be used right now, in words the user can act on; undefined when it is ACTIVE.
 * Hibernated and parked databases only wake up from the Astra console (or its API), not from a CQL connection.
 */
export function statusExplanation(db: AstraDatabase): string | undefined {
  switch (db.status) {
    case 'ACTIVE':
      return undefined;
    case 'HIBERNATED':
    case 'HIBERNATING':
      return (
        `"${db.name}" is hibernated after a period without use. Resume it in the Astra console ` +
        '(open the database and choose Resume), wait until it is Active, then add it again.'
      );
    case 'PARKED':
    case 'PARKING':
      return `"${db.name}" is parked. Unpark it in the Astra console, wait until it is Active, then add it again.`;
    case 'UNPARKING':
    case 'RESUMING':
    case 'INITIALIZING':
    case 'PENDING':
    case 'MAINTENANCE':
      return `"${db.name}" is ${db.status.toLowerCase()}. Wait until the Astra console shows it as Active, then try again.`;
    default:
      return `"${db.name}" is ${db.status}; only Active databases can be connected to.`;
  }
}

export function describeDatabase(db: AstraDatabase): { label: string; description: string; detail: string } {
  const where = [db.cloudProvider, db.datacenters.length > 1 ? db.datacenters.map((d) => d.region).join(', ') : db.region]
    .filter(Boolean)
    .join(' · ');
  return {
    label: db.name,
    description: isActive(db) ? where : `${db.status} · ${where}`,
    detail: db.keyspaces.length ? `keyspaces: ${db.keyspaces.join(', ')}` : 'no keyspaces',
  };
}

/** Active first, then by name: what the user can connect to is at the top. */
export function sortDatabases(dbs: readonly AstraDatabase[]): AstraDatabase[] {
  return [...dbs].sort((a, b) => Number(isActive(b)) - Number(isActive(a)) || a.name.localeCompare(b.name));
}

// Astra's own rule for keyspace names (stricter than CQL's): a letter, then letters, digits or underscores, ≤ 48.
const KEYSPACE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

export function validateKeyspaceName(name: string, existing: readonly string[] = []): string | undefined {
  const v = name.trim();
  if (!v) return 'Enter a keyspace name.';
  if (v.length > 48) return 'Keyspace names are at most 48 characters.';
  if (!/^[A-Za-z]/.test(v)) return 'A keyspace name must start with a letter.';
  if (!KEYSPACE_NAME.test(v)) return 'Use only letters, digits and underscores.';
  if (/^system/i.test(v)) return 'Names starting with "system" are reserved.';
  if (existing.some((k) => k.toLowerCase() === v.toLowerCase())) return `A keyspace named "${v}" already exists.`;
  return undefined;
}

/**
 * The database id inside a real Astra bundle host (`<uuid>-<region>.db.astra.datastax.com`), so Create Keyspace also
 * works for bundles added by hand.
 */
export function databaseIdFromHost(host: string): string | undefined {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[a-z0-9-]+\.db\.astra(?:-\w+)?\.datastax\.com$/i.exec(host);
  return m?.[1]?.toLowerCase();
}

/** The Astra database a saved bundle connection belongs to: recorded when added from the account, else from its host. */
export function astraDatabaseId(profile: { astraDatabaseId?: string; host: string }): string | undefined {
  return profile.astraDatabaseId ?? databaseIdFromHost(profile.host);
}
