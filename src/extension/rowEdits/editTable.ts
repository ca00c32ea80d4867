// A table's primary key and column roles for row editing, read from the driver's metadata (vscode-free).

import type { Client } from 'cassandra-driver';
import { readTable, readView } from '../schema/schemaReader.js';
import { cqlTypeText } from '../schema/schemaTypes.js';
import type { EditTable } from './editTarget.js';

const COUNTER = 0x05;

/** The table's key and column roles, or why it cannot be edited (a view, a virtual table, gone). */
export async function loadEditTable(client: Client, keyspace: string, name: string): Promise<EditTable | { reason: string }> {
  let meta;
  try {
    meta = await readTable(client, keyspace, name);
  } catch (e) {
    const isView = await readView(client, keyspace, name).then(() => true, () => false);
    return { reason: isView ? 'Read-only: materialized views cannot be written; edit the base table.' : `Read-only: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (meta.virtual) return { reason: 'Read-only: virtual tables cannot be written here.' };
  const partitionKey = meta.partitionKeys.map((c) => c.name);
  const clustering = meta.clusteringKeys.map((c) => c.name);
  const columns: EditTable['columns'] = new Map();
  for (const c of meta.columns) {
    const role = partitionKey.includes(c.name) ? 'partition' : clustering.includes(c.name) ? 'clustering' : c.isStatic ? 'static' : c.type.code === COUNTER ? 'counter' : 'regular';
    columns.set(c.name, { type: cqlTypeText(c.type), role });
  }
  return { keyspace, name, partitionKey, clustering, columns };
}
