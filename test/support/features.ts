// What the server under test supports, found out rather than assumed, so a test can skip with a reason instead of
// failing on a server that lacks a feature: release_version first (vector types and SAI arrived in Cassandra 5.0),
// then, for servers that report 4.x but may still have them (Astra), by trying the DDL in the test keyspace.
import { randomBytes } from 'node:crypto';
import type { Client } from 'cassandra-driver';
import type { TestTarget } from './target.js';

export interface ServerFeatures {
  releaseVersion: string;
  /** `vector<float, n>` columns. */
  vector: boolean;
  /** `CREATE CUSTOM INDEX … USING 'StorageAttachedIndex'`. */
  sai: boolean;
}

export type Feature = 'vector' | 'sai';

const WHAT: Record<Feature, string> = { vector: 'vector<float, n> types', sai: 'storage-attached indexes (SAI)' };

export async function serverFeatures(client: Client, target: TestTarget): Promise<ServerFeatures> {
  const rs = await client.execute('SELECT release_version FROM system.local');
  const releaseVersion = String(rs.first()?.release_version ?? '');
  const major = Number(releaseVersion.split('.')[0]);
  if (major >= 5) return { releaseVersion, vector: true, sai: true };
  // A self-managed 4.x cluster has neither; a bundle target (Astra reports 4.0.x) may have both: ask it.
  if (!target.bundlePath) return { releaseVersion, vector: false, sai: false };
  return { releaseVersion, ...(await probe(client, target.keyspace)) };
}

async function probe(client: Client, keyspace: string): Promise<{ vector: boolean; sai: boolean }> {
  const table = `${keyspace}.feature_probe_${randomBytes(4).toString('hex')}`;
  const attempt = (cql: string) => client.execute(cql).then(() => true, () => false);
  const vector = await attempt(`CREATE TABLE ${table} (id int PRIMARY KEY, v vector<float, 2>)`);
  if (!vector) return { vector, sai: false };
  try {
    return { vector, sai: await attempt(`CREATE CUSTOM INDEX ON ${table} (v) USING 'StorageAttachedIndex'`) };
  } finally {
    await client.execute(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** undefined when the server has every feature, else the reason to give `test(…, { skip })` or `t.skip()`. */
export function lacks(features: ServerFeatures, ...needed: Feature[]): string | undefined {
  const missing = needed.filter((f) => !features[f]);
  if (!missing.length) return undefined;
  return `server ${features.releaseVersion} has no ${missing.map((f) => WHAT[f]).join(' or ')}`;
}
