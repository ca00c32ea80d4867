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
  /** `CREATE FUNCTION` / `CREATE AGGREGATE`: off by default in cassandra.yaml, refused by Astra. */
  functions: boolean;
  /** `CREATE MATERIALIZED VIEW`: off by default in cassandra.yaml since 4.0, refused by Astra. */
  views: boolean;
}

export type Feature = 'vector' | 'sai' | 'functions' | 'views';

const WHAT: Record<Feature, string> = {
  vector: 'vector<float, n> types',
  sai: 'storage-attached indexes (SAI)',
  functions: 'user-defined functions enabled',
  views: 'materialized views enabled',
};

export async function serverFeatures(client: Client, target: TestTarget): Promise<ServerFeatures> {
  const rs = await client.execute('SELECT release_version FROM system.local');
  const releaseVersion = String(rs.first()?.release_version ?? '');
  const major = Number(releaseVersion.split('.')[0]);
  const optional = await probeOptional(client, target.keyspace);
  if (major >= 5) return { releaseVersion, vector: true, sai: true, ...optional };
  // A self-managed 4.x cluster has neither; a bundle target (Astra reports 4.0.x) may have both: ask it.
  if (!target.bundlePath) return { releaseVersion, vector: false, sai: false, ...optional };
  return { releaseVersion, ...(await probe(client, target.keyspace)), ...optional };
}

/** Functions and views depend on cassandra.yaml (or Astra's guardrails), not on the version: try them. */
async function probeOptional(client: Client, keyspace: string): Promise<{ functions: boolean; views: boolean }> {
  const suffix = randomBytes(4).toString('hex');
  const attempt = (cql: string) => client.execute(cql).then(() => true, () => false);
  const fn = `${keyspace}.feature_probe_fn_${suffix}`;
  const functions = await attempt(`CREATE FUNCTION ${fn}(v int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return v;'`);
  if (functions) await client.execute(`DROP FUNCTION IF EXISTS ${fn}`);
  const table = `${keyspace}.feature_probe_mv_${suffix}`;
  await client.execute(`CREATE TABLE ${table} (id int PRIMARY KEY, v int)`);
  try {
    const views = await attempt(`CREATE MATERIALIZED VIEW ${table}_v AS SELECT id, v FROM ${table} WHERE v IS NOT NULL AND id IS NOT NULL PRIMARY KEY (v, id)`);
    if (views) await client.execute(`DROP MATERIALIZED VIEW IF EXISTS ${table}_v`);
    return { functions, views };
  } finally {
    await client.execute(`DROP TABLE IF EXISTS ${table}`);
  }
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
