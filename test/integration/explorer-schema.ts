// A schema that uses every object kind the explorer shows, plus helpers shared by the explorer integration tests.
import type { Client } from 'cassandra-driver';
import { splitStatements } from '../../src/shared/statements.js';

/** DDL for keyspace `ks` (already created). Functions and aggregates need plain (non-Astra) mode. */
export function schemaDdl(ks: string, opts: { functions: boolean }): string[] {
  const ddl = [
    `CREATE TYPE ${ks}.address (street text, zip int)`,
    `CREATE TYPE ${ks}."Contact" (name text, home frozen<address>, phones list<text>)`,
    `CREATE TABLE ${ks}.events (tenant text, day int, ts timestamp, "Seq" int, owner text static, payload map<text, int>,
       tags set<text>, who frozen<"Contact">, embedding vector<float, 3>,
       PRIMARY KEY ((tenant, day), ts, "Seq"))
     WITH CLUSTERING ORDER BY (ts DESC, "Seq" ASC) AND comment = 'it''s events' AND default_time_to_live = 3600`,
    `CREATE TABLE ${ks}."Users" (id uuid PRIMARY KEY, name text, "Email" text)`,
    `CREATE TABLE ${ks}.counts (k text PRIMARY KEY, hits counter)`,
    `CREATE INDEX users_name_idx ON ${ks}."Users" (name)`,
    `CREATE INDEX events_payload_idx ON ${ks}.events (values(payload))`,
    `CREATE CUSTOM INDEX events_ann ON ${ks}.events (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'}`,
    `CREATE CUSTOM INDEX events_owner_sai ON ${ks}.events (owner) USING 'StorageAttachedIndex'`,
  ];
  if (opts.functions) {
    ddl.push(
      `CREATE FUNCTION ${ks}.add_one(state int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java
         AS 'return (state == null ? 0 : state) + (v == null ? 0 : v);'`,
      `CREATE FUNCTION ${ks}.half(v int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$return v / 2;$$`,
      `CREATE AGGREGATE ${ks}.total(int) SFUNC add_one STYPE int FINALFUNC half INITCOND 0`,
    );
  }
  return ddl;
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
