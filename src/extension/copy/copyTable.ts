// What both COPY directions need from the schema: the table's columns in cqlsh's order (partition key, clustering
// columns, the rest), the ones the statement chose, and their driver types.

import type { Client } from 'cassandra-driver';
import { readTable } from '../schema/schemaReader.js';
import type { DriverType } from '../cql/valueEncoder.js';

export interface CopyColumn {
  name: string;
  type: DriverType;
  /** Part of the primary key (a row without it cannot be written). */
  key: boolean;
  /** Part of the partition key. */
  partition: boolean;
}

export interface CopyTable {
  keyspace: string;
  name: string;
  /** Every column, in cqlsh's order. */
  columns: CopyColumn[];
  partitionKey: CopyColumn[];
}

interface RawColumn { name: string; type: DriverType }
interface RawTable { columns: RawColumn[]; partitionKeys: RawColumn[]; clusteringKeys: RawColumn[] }

export async function copyTable(client: Client, keyspace: string, name: string): Promise<CopyTable> {
  const t = (await readTable(client, keyspace, name)) as unknown as RawTable;
  const pk = new Set(t.partitionKeys.map((c) => c.name));
  const ck = new Set(t.clusteringKeys.map((c) => c.name));
  const col = (c: RawColumn): CopyColumn => ({ name: c.name, type: c.type, key: pk.has(c.name) || ck.has(c.name), partition: pk.has(c.name) });
  const rest = t.columns.filter((c) => !pk.has(c.name) && !ck.has(c.name)).sort((a, b) => a.name.localeCompare(b.name));
  const columns = [...t.partitionKeys, ...t.clusteringKeys, ...rest].map(col);
  return { keyspace, name, columns, partitionKey: columns.filter((c) => c.partition) };
}

/** The named columns (all when none are named); an Error names the first unknown one. */
export function chooseColumns(table: CopyTable, names: readonly string[]): CopyColumn[] {
  if (names.length === 0) return table.columns;
  return names.map((n) => {
    const c = table.columns.find((x) => x.name === n);
    if (!c) throw new Error(`Table ${table.keyspace}.${table.name} has no column ${n}.`);
    return c;
  });
}
