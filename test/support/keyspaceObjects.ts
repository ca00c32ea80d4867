// The objects of one keyspace, listed and dropped by name. On Astra (and whenever CQL_TEST_KEYSPACE is given) every
// test file works inside one existing keyspace, so each drops what it named when it stops — even if its set-up
// failed half way.
import type { Client } from 'cassandra-driver';

export interface KeyspaceObject {
  kind: 'view' | 'aggregate' | 'function' | 'table' | 'type';
  name: string;
  /** Functions and aggregates: argument types, which pick the overload to drop. */
  args?: string[];
}

const key = (o: KeyspaceObject) => `${o.kind}:${o.name}(${o.args?.join(',') ?? ''})`;
const quote = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/** Every user object of `keyspace`, in a stable order (views before their tables, routines before types). */
export async function listKeyspaceObjects(client: Client, keyspace: string): Promise<KeyspaceObject[]> {
  const rows = async (table: string, cols: string) =>
    (await client.execute(`SELECT ${cols} FROM system_schema.${table} WHERE keyspace_name = ?`, [keyspace], { prepare: true })).rows;
  const out: KeyspaceObject[] = [];
  for (const r of await rows('views', 'view_name')) out.push({ kind: 'view', name: r.view_name });
  for (const r of await rows('aggregates', 'aggregate_name, argument_types')) {
    out.push({ kind: 'aggregate', name: r.aggregate_name, args: r.argument_types ?? [] });
  }
  for (const r of await rows('functions', 'function_name, argument_types')) {
    out.push({ kind: 'function', name: r.function_name, args: r.argument_types ?? [] });
  }
  for (const r of await rows('tables', 'table_name')) out.push({ kind: 'table', name: r.table_name });
  for (const r of await rows('types', 'type_name')) out.push({ kind: 'type', name: r.type_name });
  const order = ['view', 'aggregate', 'function', 'table', 'type'];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || key(a).localeCompare(key(b)));
}

function dropStatement(keyspace: string, o: KeyspaceObject): string {
  const name = `${quote(keyspace)}.${quote(o.name)}`;
  switch (o.kind) {
    case 'view': return `DROP MATERIALIZED VIEW IF EXISTS ${name}`;
    case 'aggregate': return `DROP AGGREGATE IF EXISTS ${name}(${o.args!.join(', ')})`;
    case 'function': return `DROP FUNCTION IF EXISTS ${name}(${o.args!.join(', ')})`;
    case 'table': return `DROP TABLE IF EXISTS ${name}`;
    case 'type': return `DROP TYPE IF EXISTS ${name}`;
  }
}

/** Drops every object of `keyspace` whose name `mine` accepts. Types can depend on each other, so they go in rounds. */
export async function dropObjectsNamed(client: Client, keyspace: string, mine: (name: string) => boolean): Promise<KeyspaceObject[]> {
  const created = (await listKeyspaceObjects(client, keyspace)).filter((o) => mine(o.name));
  let pending = created;
  while (pending.length) {
    const failed: KeyspaceObject[] = [];
    let lastError: unknown;
    for (const o of pending) {
      try {
        await client.execute(dropStatement(keyspace, o));
      } catch (e) {
        failed.push(o);
        lastError = e;
      }
    }
    if (failed.length === pending.length) throw lastError;
    pending = failed;
  }
  return created;
}
