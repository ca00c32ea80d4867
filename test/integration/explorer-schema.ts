// A schema that uses every object kind the explorer shows, plus helpers shared by the explorer integration tests.
import { Client } from 'cassandra-driver';
import { serverFeatures, type ServerFeatures } from '../support/features.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';
import { splitStatements } from '../../src/extension/cql/statements.js';
import type { KeyspaceSchema } from '../../src/extension/schema/describe.js';
import type { TypeInfo } from '../../src/extension/schema/schemaTypes.js';

export interface SchemaDdlOptions {
  /** Functions and an aggregate (refused by Astra and by Cassandra without enable_user_defined_functions). */
  functions: boolean;
  /** A materialized view (refused by Astra and by Cassandra without materialized views enabled). */
  views: boolean;
  /** A vector column and its SAI index; false on servers without vector types (Cassandra 4.0). */
  vector?: boolean;
  /** SAI indexes; false on servers without storage-attached indexes. */
  sai?: boolean;
  /** Object names (target.name): unique per run in a shared keyspace. */
  n?: (base: string) => string;
}

/** DDL for keyspace `ks` (already created), using every object kind the explorer shows. */
export function schemaDdl(ks: string, opts: SchemaDdlOptions): string[] {
  const n = opts.n ?? ((base: string) => base);
  const vector = opts.vector ?? true;
  const sai = opts.sai ?? true;
  const ddl = [
    `CREATE TYPE ${ks}.${n('address')} (street text, zip int)`,
    `CREATE TYPE ${ks}."${n('Contact')}" (name text, home frozen<${n('address')}>, phones list<text>)`,
    `CREATE TABLE ${ks}.${n('events')} (tenant text, day int, ts timestamp, "Seq" int, owner text static, payload map<text, int>,
       tags set<text>, who frozen<"${n('Contact')}">,${vector ? ' embedding vector<float, 3>,' : ''}
       PRIMARY KEY ((tenant, day), ts, "Seq"))
     WITH CLUSTERING ORDER BY (ts DESC, "Seq" ASC) AND comment = 'it''s events' AND default_time_to_live = 3600`,
    `CREATE TABLE ${ks}."${n('Users')}" (id uuid PRIMARY KEY, name text, "Email" text)`,
    `CREATE TABLE ${ks}.${n('counts')} (k text PRIMARY KEY, hits counter)`,
    `CREATE INDEX ${n('users_name_idx')} ON ${ks}."${n('Users')}" (name)`,
    `CREATE INDEX ${n('events_payload_idx')} ON ${ks}.${n('events')} (values(payload))`,
  ];
  if (vector && sai) {
    ddl.push(`CREATE CUSTOM INDEX ${n('events_ann')} ON ${ks}.${n('events')} (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'}`);
  }
  if (sai) ddl.push(`CREATE CUSTOM INDEX ${n('events_owner_sai')} ON ${ks}.${n('events')} (owner) USING 'StorageAttachedIndex'`);
  if (opts.views) {
    ddl.push(`CREATE MATERIALIZED VIEW ${ks}.${n('users_by_name')} AS SELECT id, name FROM ${ks}."${n('Users')}"
       WHERE name IS NOT NULL AND id IS NOT NULL PRIMARY KEY (name, id)
       WITH CLUSTERING ORDER BY (id DESC) AND comment = 'by name' AND gc_grace_seconds = 3600`);
  }
  if (opts.functions) {
    ddl.push(
      `CREATE FUNCTION ${ks}.${n('add_one')}(state int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java
         AS 'return (state == null ? 0 : state) + (v == null ? 0 : v);'`,
      `CREATE FUNCTION ${ks}.${n('half')}(v int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$return v / 2;$$`,
      `CREATE AGGREGATE ${ks}.${n('total')}(int) SFUNC ${n('add_one')} STYPE int FINALFUNC ${n('half')} INITCOND 0`,
    );
  }
  return ddl;
}

export interface SchemaFixture {
  target: TestTarget;
  client: Client;
  features: ServerFeatures;
  /** Object names unique to this run (target.name). */
  n: (base: string) => string;
}

/** The plain test target with schemaDdl() created in its keyspace, using what the server supports. */
export async function openSchemaFixture(): Promise<SchemaFixture> {
  const target = await testTarget({ mode: 'plain', seed: 'none' });
  const client = new Client(nodeClientOptions(target));
  await client.connect();
  const n = target.name;
  const features = await serverFeatures(client, target);
  await runAll(client, schemaDdl(target.keyspace, { ...features, n }));
  return { target, client, features, n };
}

export async function runAll(client: Client, statements: string[]): Promise<void> {
  for (const s of statements) await client.execute(s);
}

/** Executes a DESCRIBE script the way a notebook would: statement by statement, comments skipped. */
export async function runScript(client: Client, script: string): Promise<number> {
  let n = 0;
  for (const st of splitStatements(script)) {
    const text = st.text.replace(/\/\*[\s\S]*?\*\//g, '').trim();
    if (!text) continue;
    await client.execute(text);
    n++;
  }
  return n;
}

/** Driver type info without the resolved UDT bodies (compared separately) — just names and shape. */
function typeShape(t: TypeInfo): unknown {
  if (t.code === 0x30) return { udt: (t.info as { name: string }).name, frozen: !!t.options?.frozen };
  if (t.code === 0x0a || t.code === 0x0d) return 'text';
  const info = Array.isArray(t.info)
    ? t.info.map((i) => (i && typeof i === 'object' ? typeShape(i as TypeInfo) : i))
    : t.info && typeof t.info === 'object'
      ? typeShape(t.info as TypeInfo)
      : (t.info ?? null);
  return { code: t.code, info, frozen: !!t.options?.frozen, custom: t.customTypeName ?? null };
}

/** Everything the driver knows about a keyspace's contents, minus the keyspace name and server-assigned ids. */
export function normalize(s: KeyspaceSchema): unknown {
  const col = (c: { name: string; type: TypeInfo; isStatic?: boolean }) => ({ name: c.name, type: typeShape(c.type), static: !!c.isStatic });
  return {
    types: s.types.map((u) => ({ name: u.name, fields: u.fields.map(col) })),
    tables: s.tables.map((t) => ({
      name: t.name,
      columns: t.columns.map(col).sort((a, b) => a.name.localeCompare(b.name)),
      partitionKeys: t.partitionKeys.map((c) => c.name),
      clusteringKeys: t.clusteringKeys.map((c) => c.name),
      clusteringOrder: t.clusteringOrder,
      indexes: (t.indexes ?? []).map((i) => ({ name: i.name, kind: i.kind, target: i.target, options: i.options })).sort((a, b) => a.name.localeCompare(b.name)),
      options: {
        comment: t.comment, defaultTtl: t.defaultTtl, caching: t.caching, compactionClass: t.compactionClass,
        compactionOptions: t.compactionOptions, compression: t.compression, gcGraceSeconds: t.gcGraceSeconds,
        bloom: t.bloomFilterFalsePositiveChance, crc: t.crcCheckChance, speculativeRetry: t.speculativeRetry,
        minIndexInterval: t.minIndexInterval, maxIndexInterval: t.maxIndexInterval, memtableFlushPeriod: t.memtableFlushPeriod,
        cdc: t.cdc ?? null, isCompact: t.isCompact,
      },
    })),
    functions: s.functions.map((f) => ({
      name: f.name, args: f.argumentNames, argTypes: f.argumentTypes.map(typeShape), body: f.body, calledOnNullInput: f.calledOnNullInput,
      language: f.language, returnType: typeShape(f.returnType),
    })),
    aggregates: s.aggregates.map((a) => ({
      name: a.name, argTypes: a.argumentTypes.map(typeShape), stateFunction: a.stateFunction, stateType: typeShape(a.stateType),
      finalFunction: a.finalFunction ?? null, initCondition: a.initCondition ?? null, returnType: typeShape(a.returnType),
    })),
    views: s.views.map((v) => ({
      name: v.name, base: v.tableName, where: v.whereClause, all: v.includeAllColumns, columns: v.columns.map(col),
      partitionKeys: v.partitionKeys.map((c) => c.name), clusteringKeys: v.clusteringKeys.map((c) => c.name), order: v.clusteringOrder,
    })),
  };
}
