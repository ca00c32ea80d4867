// Reads schema for the explorer and DESCRIBE through a connected driver Client. No vscode, so the
// integration tests and the benchmark drive exactly this code against the sandbox.

import type { Client } from 'cassandra-driver';
import type { KeyspaceSchema } from './describe.js';
import type { AggregateMeta, FolderKind, FunctionMeta, KeyspaceListing, KeyspaceMeta, TableMeta, UdtMeta, ViewMeta } from './schemaTypes.js';

type Row = Record<string, unknown>;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** All keyspaces the driver knows about (loading them if metadata sync left the map empty). */
export async function listKeyspaces(client: Client): Promise<KeyspaceMeta[]> {
  let keyspaces = client.metadata.keyspaces as unknown as Record<string, KeyspaceMeta>;
  if (!keyspaces || Object.keys(keyspaces).length === 0) {
    await client.metadata.refreshKeyspaces();
    keyspaces = client.metadata.keyspaces as unknown as Record<string, KeyspaceMeta>;
  }
  return Object.values(keyspaces);
}

export function keyspaceMeta(client: Client, keyspace: string): KeyspaceMeta | undefined {
  return (client.metadata.keyspaces as unknown as Record<string, KeyspaceMeta>)[keyspace];
}

/** All rows of a query, following page states (system_schema.columns can hold tens of thousands of rows). */
export async function allRows(client: Client, cql: string, ...params: string[]): Promise<Row[]> {
  // Not prepared: these run once per expand or schema load, and preparing system_schema queries buys nothing.
  const out: Row[] = [];
  let pageState: string | undefined;
  do {
    const rs = await client.execute(cql, params, { prepare: false, fetchSize: 5000, ...(pageState ? { pageState } : {}) });
    out.push(...((rs.rows ?? []) as unknown as Row[]));
    pageState = rs.pageState ?? undefined;
  } while (pageState);
  return out;
}

const LIST_QUERIES: Record<FolderKind, string> = {
  tables: 'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?',
  views: 'SELECT view_name, base_table_name FROM system_schema.views WHERE keyspace_name = ?',
  types: 'SELECT type_name FROM system_schema.types WHERE keyspace_name = ?',
  functions: 'SELECT function_name, argument_types FROM system_schema.functions WHERE keyspace_name = ?',
  aggregates: 'SELECT aggregate_name, argument_types FROM system_schema.aggregates WHERE keyspace_name = ?',
};
const VIRTUAL_TABLES = 'SELECT table_name FROM system_virtual_schema.tables WHERE keyspace_name = ?';

/**
 * What a keyspace holds: one query per kind of object, run together, each allowed to fail on its own
 * (the failure is reported in `errors` and shown as an error node under that folder).
 */
export async function listKeyspace(client: Client, keyspace: string, virtual = false): Promise<KeyspaceListing> {
  const listing: KeyspaceListing = { tables: [], views: [], types: [], functions: [], aggregates: [], errors: {} };
  const kinds: FolderKind[] = virtual ? ['tables'] : ['tables', 'views', 'types', 'functions', 'aggregates'];
  await Promise.all(
    kinds.map(async (kind) => {
      try {
        const result = await allRows(client, kind === 'tables' && virtual ? VIRTUAL_TABLES : LIST_QUERIES[kind], keyspace);
        switch (kind) {
          case 'tables':
            listing.tables = result.map((r) => String(r.table_name));
            break;
          case 'views':
            listing.views = result.map((r) => ({ name: String(r.view_name), baseTable: String(r.base_table_name) }));
            break;
          case 'types':
            listing.types = result.map((r) => String(r.type_name));
            break;
          case 'functions':
            listing.functions = result.map((r) => ({ name: String(r.function_name), argTypes: (r.argument_types as string[]) ?? [] }));
            break;
          case 'aggregates':
            listing.aggregates = result.map((r) => ({ name: String(r.aggregate_name), argTypes: (r.argument_types as string[]) ?? [] }));
            break;
        }
      } catch (err) {
        listing.errors[kind] = `Could not list ${kind}: ${message(err)}`;
      }
    }),
  );
  return listing;
}

function notFound(kind: string, keyspace: string, name: string): Error {
  return new Error(`${kind} ${keyspace}.${name} not found (it may have been dropped; refresh)`);
}

export async function readTable(client: Client, keyspace: string, name: string): Promise<TableMeta> {
  let table = await client.metadata.getTable(keyspace, name);
  if (!table && !keyspaceMeta(client, keyspace)) {
    // The driver only answers for keyspaces it has loaded; a keyspace created a moment ago may be missing.
    await client.metadata.refreshKeyspace(keyspace);
    table = await client.metadata.getTable(keyspace, name);
  }
  if (!table) throw notFound('Table', keyspace, name);
  return table as unknown as TableMeta;
}

// Table options cassandra-driver 4.x does not parse, which cqlsh on Cassandra 4+ prints (for views too, plus cdc,
// which the driver reads for tables only).
const EXTRA_TABLE_OPTIONS = ['additional_write_policy', 'allow_auto_snapshot', 'incremental_backups', 'memtable', 'read_repair'];
const EXTRA_VIEW_OPTIONS = [...EXTRA_TABLE_OPTIONS, 'cdc'];

/** Per table (or view), the options above as stored in system_schema; empty when the server has none of them. */
async function extraTableOptions(
  client: Client, keyspace: string, table?: string, kind: 'tables' | 'views' = 'tables',
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  const nameColumn = kind === 'views' ? 'view_name' : 'table_name';
  const options = kind === 'views' ? EXTRA_VIEW_OPTIONS : EXTRA_TABLE_OPTIONS;
  try {
    const result = table === undefined
      ? await allRows(client, `SELECT * FROM system_schema.${kind} WHERE keyspace_name = ?`, keyspace)
      : await allRows(client, `SELECT * FROM system_schema.${kind} WHERE keyspace_name = ? AND ${nameColumn} = ?`, keyspace, table);
    for (const r of result) {
      const extras = Object.fromEntries(options.filter((o) => r[o] !== undefined && r[o] !== null).map((o) => [o, r[o]]));
      out.set(String(r[nameColumn]), extras);
    }
  } catch {
    // Only cosmetic: DESCRIBE still prints everything the driver knows.
  }
  return out;
}

/** The table as DESCRIBE prints it: driver metadata plus the options the driver leaves out. */
export async function readTableForDescribe(client: Client, keyspace: string, name: string): Promise<TableMeta> {
  const [table, extras] = await Promise.all([readTable(client, keyspace, name), extraTableOptions(client, keyspace, name)]);
  return { ...table, extraOptions: extras.get(name) };
}

export async function readView(client: Client, keyspace: string, name: string): Promise<ViewMeta> {
  // The driver's typings declare this overload as returning void; at runtime it returns the promise.
  const get = client.metadata.getMaterializedView as unknown as (k: string, n: string) => Promise<unknown>;
  const view = await get.call(client.metadata, keyspace, name);
  if (!view) throw notFound('Materialized view', keyspace, name);
  return view as unknown as ViewMeta;
}

/** The view as DESCRIBE prints it: driver metadata plus the options the driver leaves out. */
export async function readViewForDescribe(client: Client, keyspace: string, name: string): Promise<ViewMeta> {
  const [view, extras] = await Promise.all([readView(client, keyspace, name), extraTableOptions(client, keyspace, name, 'views')]);
  return { ...view, extraOptions: extras.get(name) };
}

export async function readType(client: Client, keyspace: string, name: string): Promise<UdtMeta> {
  const udt = await client.metadata.getUdt(keyspace, name);
  if (!udt) throw notFound('Type', keyspace, name);
  return udt as unknown as UdtMeta;
}

/** Overloads of a function; with `argTypes` only the one with that signature. */
export async function readFunctions(client: Client, keyspace: string, name: string, argTypes?: string[]): Promise<FunctionMeta[]> {
  if (argTypes) {
    const fn = await client.metadata.getFunction(keyspace, name, argTypes);
    if (!fn) throw notFound('Function', keyspace, `${name}(${argTypes.join(', ')})`);
    return [fn as unknown as FunctionMeta];
  }
  return ((await client.metadata.getFunctions(keyspace, name)) ?? []) as unknown as FunctionMeta[];
}

export async function readAggregates(client: Client, keyspace: string, name: string, argTypes?: string[]): Promise<AggregateMeta[]> {
  if (argTypes) {
    const agg = await client.metadata.getAggregate(keyspace, name, argTypes);
    if (!agg) throw notFound('Aggregate', keyspace, `${name}(${argTypes.join(', ')})`);
    return [agg as unknown as AggregateMeta];
  }
  return ((await client.metadata.getAggregates(keyspace, name)) ?? []) as unknown as AggregateMeta[];
}

/** Everything DESCRIBE KEYSPACE prints, read through the driver's metadata. */
export async function readKeyspaceSchema(client: Client, keyspace: string): Promise<KeyspaceSchema> {
  let ks = keyspaceMeta(client, keyspace);
  if (!ks) {
    await client.metadata.refreshKeyspace(keyspace);
    ks = keyspaceMeta(client, keyspace);
  }
  if (!ks) throw new Error(`Keyspace ${keyspace} not found`);
  const listing = await listKeyspace(client, keyspace, !!ks.virtual);
  const failed = Object.values(listing.errors);
  if (failed.length) throw new Error(failed.join('; '));
  const unique = (xs: { name: string }[]) => [...new Set(xs.map((x) => x.name))].sort();
  const [types, tables, views, functions, aggregates, extras, viewExtras] = await Promise.all([
    Promise.all([...listing.types].sort().map((t) => readType(client, keyspace, t))),
    Promise.all([...listing.tables].sort().map((t) => readTable(client, keyspace, t))),
    Promise.all(listing.views.map((v) => v.name).sort().map((v) => readView(client, keyspace, v))),
    Promise.all(unique(listing.functions).map((f) => readFunctions(client, keyspace, f))),
    Promise.all(unique(listing.aggregates).map((a) => readAggregates(client, keyspace, a))),
    ks.virtual ? new Map<string, Record<string, unknown>>() : extraTableOptions(client, keyspace),
    ks.virtual ? new Map<string, Record<string, unknown>>() : extraTableOptions(client, keyspace, undefined, 'views'),
  ]);
  const described = tables.map((t) => ({ ...t, extraOptions: extras.get(t.name) }));
  const describedViews = views.map((v) => ({ ...v, extraOptions: viewExtras.get(v.name) }));
  return { keyspace: ks, types, tables: described, views: describedViews, functions: functions.flat(), aggregates: aggregates.flat() };
}
