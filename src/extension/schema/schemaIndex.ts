// The plain schema model the editor features work on, and an index over it built once per schema load so that
// every keystroke is a few map lookups (schemas with thousands of tables are common on shared clusters).

export type ColumnKind = 'partition_key' | 'clustering' | 'static' | 'regular';

export interface SchemaColumn {
  name: string;
  type: string;
  kind: ColumnKind;
  /** Position within the partition key / clustering columns (system_schema `position`); -1 for others. */
  position?: number;
  /** 'asc' | 'desc' for clustering columns. */
  clusteringOrder?: string;
}

export interface SchemaTable {
  name: string;
  columns: SchemaColumn[];
  /** True for materialized views (they read like tables). */
  view?: boolean;
}

export interface SchemaKeyspace {
  name: string;
  tables: SchemaTable[];
}

export interface SchemaModel {
  keyspaces: SchemaKeyspace[];
}

export interface IndexedTable {
  keyspace: string;
  table: SchemaTable;
  /** Columns in display order: partition key, clustering (by position), static, then regular by name. */
  columns: SchemaColumn[];
  columnsByName: Map<string, SchemaColumn>;
}

export interface IndexedKeyspace {
  name: string;
  tables: Map<string, IndexedTable>;
  /** Tables sorted by name (what completion lists). */
  sortedTables: IndexedTable[];
}

const KIND_ORDER: Record<ColumnKind, number> = { partition_key: 0, clustering: 1, static: 2, regular: 3 };

function sortColumns(columns: SchemaColumn[]): SchemaColumn[] {
  return [...columns].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.position ?? -1) - (b.position ?? -1) || a.name.localeCompare(b.name),
  );
}

export class SchemaIndex {
  readonly keyspaces = new Map<string, IndexedKeyspace>();
  readonly sortedKeyspaces: string[];
  /** Table name → keyspaces that have it (for unqualified names without a current keyspace). */
  private readonly byTableName = new Map<string, string[]>();
  /** Every table, sorted by lower-cased name, for prefix searches across keyspaces. */
  private readonly allTables: IndexedTable[];
  private readonly allLower: string[];

  constructor(model: SchemaModel) {
    const all: IndexedTable[] = [];
    for (const ks of model.keyspaces) {
      const tables = new Map<string, IndexedTable>();
      for (const table of ks.tables) {
        const columns = sortColumns(table.columns);
        const t: IndexedTable = { keyspace: ks.name, table, columns, columnsByName: new Map(columns.map((c) => [c.name, c])) };
        tables.set(table.name, t);
        all.push(t);
        const list = this.byTableName.get(table.name);
        if (list) list.push(ks.name);
        else this.byTableName.set(table.name, [ks.name]);
      }
      const sortedTables = [...tables.values()].sort((a, b) => a.table.name.localeCompare(b.table.name));
      this.keyspaces.set(ks.name, { name: ks.name, tables, sortedTables });
    }
    this.sortedKeyspaces = [...this.keyspaces.keys()].sort();
    const lower = (t: IndexedTable) => t.table.name.toLowerCase();
    this.allTables = all.sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));
    this.allLower = this.allTables.map(lower);
  }

  keyspace(name: string): IndexedKeyspace | undefined {
    return this.keyspaces.get(name);
  }

  /**
   * Resolves a table reference. Unqualified names look in the current keyspace first, then in the only keyspace
   * that has such a table (an ambiguous name resolves to nothing).
   */
  table(keyspace: string | undefined, name: string, currentKeyspace?: string): IndexedTable | undefined {
    if (keyspace !== undefined) return this.keyspaces.get(keyspace)?.tables.get(name);
    if (currentKeyspace !== undefined) {
      const t = this.keyspaces.get(currentKeyspace)?.tables.get(name);
      if (t) return t;
    }
    const owners = this.byTableName.get(name);
    return owners?.length === 1 ? this.keyspaces.get(owners[0]!)!.tables.get(name) : undefined;
  }

  /** Keyspaces that have a table with this exact name. */
  keyspacesWithTable(name: string): readonly string[] {
    return this.byTableName.get(name) ?? [];
  }

  /** Tables of every keyspace whose name starts with `prefix` (case-insensitive), at most `limit`. */
  tablesWithPrefix(prefix: string, limit: number): IndexedTable[] {
    const p = prefix.toLowerCase();
    let lo = 0;
    let hi = this.allLower.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.allLower[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    const out: IndexedTable[] = [];
    for (let i = lo; i < this.allLower.length && out.length < limit && this.allLower[i]!.startsWith(p); i++) out.push(this.allTables[i]!);
    return out;
  }

  get tableCount(): number {
    return this.allTables.length;
  }
}
