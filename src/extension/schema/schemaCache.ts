// Schema for completion, hover and diagnostics: read from system_schema (one query per table: keyspaces, tables,
// views, columns) over the profile's existing connection, indexed once, cached per profile and dropped when the
// schema or the connection changes. Never connects by itself: typing must not open connections.

import type { Client } from 'cassandra-driver';
import type * as vscode from 'vscode';
import { SchemaIndex, type ColumnKind, type SchemaKeyspace, type SchemaModel } from './schemaIndex.js';
import { allRows } from './schemaReader.js';
import type { ConnectionService } from '../connections/types.js';
import type { Logger } from '../logging.js';

type Row = Record<string, unknown>;

const KINDS = new Set<ColumnKind>(['partition_key', 'clustering', 'static', 'regular']);

export class SchemaCache implements vscode.Disposable {
  private readonly entries = new Map<string, Promise<SchemaIndex | undefined>>();
  private readonly subs: vscode.Disposable[];
  private readonly listeners = new Set<(profileId: string) => void>();

  constructor(
    private readonly connections: ConnectionService,
    private readonly log: Logger,
  ) {
    this.subs = [
      connections.onDidChangeSchema((id) => this.invalidate(id)),
      // A disconnect or reconnect may mean another cluster behind the same profile id: start over.
      connections.onDidChange(() => {
        for (const id of [...this.entries.keys()]) if (connections.state(id) !== 'connected') this.invalidate(id);
      }),
    ];
  }

  /** Called with the profile id whenever its cached schema is dropped (so diagnostics can refresh). */
  onDidInvalidate(listener: (profileId: string) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The schema of a connected profile (loaded on first use), or undefined when it is not connected. */
  get(profileId: string): Promise<SchemaIndex | undefined> {
    const cached = this.entries.get(profileId);
    if (cached) return cached;
    const client = this.connections.connectedClient(profileId);
    if (!client) return Promise.resolve(undefined);
    const started = Date.now();
    const loading = loadSchema(client).then(
      (model) => {
        const index = new SchemaIndex(model);
        this.log.debug(`schema of ${profileId}: ${model.keyspaces.length} keyspaces, ${index.tableCount} tables in ${Date.now() - started} ms`);
        return index;
      },
      (e: unknown) => {
        this.log.warn(`could not read the schema for completion: ${e instanceof Error ? e.message : String(e)}`);
        // Retry on the next request (unless an invalidation already replaced this attempt).
        if (this.entries.get(profileId) === loading) this.entries.delete(profileId);
        return undefined;
      },
    );
    this.entries.set(profileId, loading);
    return loading;
  }

  invalidate(profileId: string): void {
    if (!this.entries.delete(profileId)) return;
    for (const l of this.listeners) l(profileId);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.entries.clear();
    this.listeners.clear();
  }
}

export async function loadSchema(client: Client): Promise<SchemaModel> {
  const [keyspaces, tables, views, columns] = await Promise.all([
    allRows(client, 'SELECT keyspace_name FROM system_schema.keyspaces'),
    allRows(client, 'SELECT keyspace_name, table_name FROM system_schema.tables'),
    // Views are optional (some clusters disable them); their absence must not cost completion.
    allRows(client, 'SELECT keyspace_name, view_name FROM system_schema.views').catch(() => [] as Row[]),
    allRows(client, 'SELECT keyspace_name, table_name, column_name, kind, position, type, clustering_order FROM system_schema.columns'),
  ]);
  return buildModel(keyspaces, tables, views, columns);
}

/** Assembles the model from system_schema rows (exported for tests). */
export function buildModel(keyspaces: Row[], tables: Row[], views: Row[], columns: Row[]): SchemaModel {
  const byKs = new Map<string, SchemaKeyspace>();
  const ks = (name: string) => {
    let k = byKs.get(name);
    if (!k) byKs.set(name, (k = { name, tables: [] }));
    return k;
  };
  for (const r of keyspaces) ks(String(r['keyspace_name']));
  const tableMap = new Map<string, SchemaModel['keyspaces'][number]['tables'][number]>();
  const addTable = (r: Row, nameField: string, view: boolean) => {
    const k = String(r['keyspace_name']);
    const t = { name: String(r[nameField]), columns: [], ...(view ? { view: true } : {}) };
    ks(k).tables.push(t);
    tableMap.set(`${k}\u0000${t.name}`, t);
  };
  for (const r of tables) addTable(r, 'table_name', false);
  for (const r of views) addTable(r, 'view_name', true);
  for (const r of columns) {
    const t = tableMap.get(`${String(r['keyspace_name'])}\u0000${String(r['table_name'])}`);
    if (!t) continue;
    const kind = String(r['kind']) as ColumnKind;
    const order = r['clustering_order'];
    t.columns.push({
      name: String(r['column_name']),
      type: String(r['type']),
      kind: KINDS.has(kind) ? kind : 'regular',
      position: Number(r['position'] ?? -1),
      ...(typeof order === 'string' && order !== 'none' ? { clusteringOrder: order } : {}),
    });
  }
  return { keyspaces: [...byKs.values()] };
}
