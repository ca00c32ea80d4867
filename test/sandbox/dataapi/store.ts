// Collections kept in the CQL engine (DATA_API.md §7): one table per collection in its keyspace, options in the
// table comment, documents in `doc_json` plus the shredded index columns. The engine is the only copy of the
// data, so the CQL explorer and `SELECT` see exactly what the Data API serves.
import type { Engine, ExecContext, Result } from '../engine/api.js';
import { encodeValue } from '../types/codec.js';
import type { CqlType, CqlValue } from '../types/cqltype.js';
import { isObject, Num, parseJson, stringifyJson, type JsonObject } from './json.js';
import { idKey, shred } from './shred.js';
import type { Metric } from './vector.js';

export interface Collection {
  keyspace: string;
  name: string;
  /** Options as findCollections reports them (and as stored in the comment). */
  options: JsonObject;
  dimension?: number;
  metric?: Metric;
}

export interface StoredDoc {
  key: [number, string];
  token: bigint;
  doc: JsonObject;
  vector?: number[];
}

const REQUIRED_COLUMNS = [
  'key', 'tx_id', 'doc_json', 'exist_keys', 'array_size', 'array_contains', 'query_bool_values', 'query_dbl_values',
  'query_text_values', 'query_timestamp_values', 'query_null_values',
];
const INDEXED_COLUMNS: [string, string][] = [
  ['exists_keys', 'exist_keys'], ['array_size', 'ENTRIES(array_size)'], ['array_contains', 'array_contains'],
  ['query_bool_values', 'ENTRIES(query_bool_values)'], ['query_dbl_values', 'ENTRIES(query_dbl_values)'],
  ['query_text_values', 'ENTRIES(query_text_values)'], ['query_timestamp_values', 'ENTRIES(query_timestamp_values)'],
  ['query_null_values', 'VALUES(query_null_values)'],
];

export const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export class DocumentStore {
  private readonly bindTypes = new Map<string, CqlType[]>();

  constructor(
    private readonly engine: Engine,
    private readonly ctx: () => ExecContext,
  ) {}

  private run(cql: string, values?: CqlValue[]): Result {
    const ctx = this.ctx();
    if (!values) return this.engine.query(cql, null, ctx);
    let types = this.bindTypes.get(cql);
    if (!types) {
      types = this.engine.prepare(cql, ctx).bindVariables.map((b) => b.type);
      this.bindTypes.set(cql, types);
    }
    const t = types;
    return this.engine.query(cql, { positional: values.map((v, i) => (v === null ? null : encodeValue(t[i], v))) }, ctx);
  }

  private rows(cql: string, values?: CqlValue[]): CqlValue[][] {
    const res = this.run(cql, values);
    return res.kind === 'rows' ? res.rows : [];
  }

  keyspaces(): string[] {
    return this.rows('SELECT keyspace_name FROM system_schema.keyspaces')
      .map((r) => String(r[0]))
      .filter((k) => !k.startsWith('system') && k !== 'data_endpoint_auth')
      .sort();
  }

  keyspaceExists(ks: string): boolean {
    return this.rows('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [ks]).length > 0;
  }

  createKeyspace(name: string): void {
    const ctx = this.ctx();
    const rf = Math.min(3, ctx.peers.length + 1);
    this.run(`CREATE KEYSPACE IF NOT EXISTS ${quoteId(name)} WITH replication = {'class': 'NetworkTopologyStrategy', ${literal(ctx.node.dataCenter)}: '${rf}'}`);
  }

  dropKeyspace(name: string): void {
    this.run(`DROP KEYSPACE IF EXISTS ${quoteId(name)}`);
    this.bindTypes.clear();
  }

  /** Tables of `ks` with the collection shape, with options read back from their comments. */
  collections(ks: string, only?: string): Collection[] {
    const cols = new Map<string, Map<string, { kind: string; type: string }>>();
    const colCql = only
      ? 'SELECT table_name, column_name, kind, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?'
      : 'SELECT table_name, column_name, kind, type FROM system_schema.columns WHERE keyspace_name = ?';
    for (const [table, column, kind, type] of this.rows(colCql, only ? [ks, only] : [ks])) {
      const t = cols.get(String(table)) ?? new Map<string, { kind: string; type: string }>();
      t.set(String(column), { kind: String(kind), type: String(type) });
      cols.set(String(table), t);
    }
    const out: Collection[] = [];
    for (const [name, columns] of cols) {
      const kinds = [...columns.values()].map((c) => c.kind);
      if (columns.get('key')?.kind !== 'partition_key' || kinds.filter((k) => k !== 'regular').length !== 1) continue;
      if (!REQUIRED_COLUMNS.every((c) => columns.has(c))) continue;
      const [row] = this.rows('SELECT comment FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [ks, name]);
      const options = optionsFromComment(String(row?.[0] ?? ''));
      const vector = isObject(options.vector) ? options.vector : undefined;
      const dim = /vector<float, (\d+)>/.exec(columns.get('query_vector_value')?.type ?? '');
      out.push({
        keyspace: ks,
        name,
        options,
        dimension: dim ? Number(dim[1]) : undefined,
        metric: dim ? ((typeof vector?.metric === 'string' ? vector.metric : 'cosine') as Metric) : undefined,
      });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  collection(ks: string, name: string): Collection | undefined {
    return this.collections(ks, name)[0];
  }

  tableExists(ks: string, name: string): boolean {
    return this.rows('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [ks, name]).length > 0;
  }

  /** CREATE TABLE + SAI indexes; `comment` holds the options in the server's key order. */
  createCollection(ks: string, name: string, commentOptions: JsonObject, dimension?: number): void {
    const table = `${quoteId(ks)}.${quoteId(name)}`;
    const comment = stringifyJson({ collection: { name, schema_version: Num.of(2), options: commentOptions } });
    this.run(
      `CREATE TABLE IF NOT EXISTS ${table} (key frozen<tuple<tinyint, text>> PRIMARY KEY, tx_id timeuuid, doc_json text, ` +
        'exist_keys set<text>, array_size map<text, int>, array_contains set<text>, query_bool_values map<text, tinyint>, ' +
        'query_dbl_values map<text, decimal>, query_text_values map<text, text>, query_timestamp_values map<text, timestamp>, ' +
        `query_null_values set<text>${dimension ? `, query_vector_value vector<float, ${dimension}>` : ''}) ` +
        `WITH comment = ${literal(comment)}`,
    );
    const indexing = isObject(commentOptions.indexing) ? commentOptions.indexing : {};
    const denyAll = Array.isArray(indexing.deny) && indexing.deny.includes('*');
    if (!denyAll) {
      for (const [suffix, target] of INDEXED_COLUMNS) {
        this.run(`CREATE CUSTOM INDEX IF NOT EXISTS ${quoteId(`${name}_${suffix}`)} ON ${table} (${target}) USING 'StorageAttachedIndex'`);
      }
    }
    const vector = isObject(commentOptions.vector) ? commentOptions.vector : undefined;
    if (dimension && vector) {
      const opts = `{'similarity_function': ${literal(String(vector.metric))}, 'source_model': ${literal(String(vector.sourceModel))}}`;
      this.run(
        `CREATE CUSTOM INDEX IF NOT EXISTS ${quoteId(`${name}_query_vector_value`)} ON ${table} (query_vector_value) ` +
          `USING 'StorageAttachedIndex' WITH OPTIONS = ${opts}`,
      );
    }
    this.bindTypes.clear();
  }

  dropCollection(ks: string, name: string): void {
    this.run(`DROP TABLE IF EXISTS ${quoteId(ks)}.${quoteId(name)}`);
    this.bindTypes.clear();
  }

  /** Every document in token order (the order a CQL full scan returns). */
  scan(c: Collection): StoredDoc[] {
    const vec = c.dimension ? ', query_vector_value' : '';
    return this.rows(`SELECT token(key), key, doc_json${vec} FROM ${quoteId(c.keyspace)}.${quoteId(c.name)}`).map(toStored);
  }

  /** Up to `limit` documents after token `after` (from the start when undefined), in token order. */
  scanFrom(c: Collection, after: bigint | undefined, limit: number): StoredDoc[] {
    const vec = c.dimension ? ', query_vector_value' : '';
    const table = `${quoteId(c.keyspace)}.${quoteId(c.name)}`;
    const rows = after === undefined
      ? this.rows(`SELECT token(key), key, doc_json${vec} FROM ${table} LIMIT ?`, [limit])
      : this.rows(`SELECT token(key), key, doc_json${vec} FROM ${table} WHERE token(key) > ? LIMIT ?`, [after, limit]);
    return rows.map(toStored);
  }

  get(c: Collection, key: [number, string]): StoredDoc | undefined {
    const vec = c.dimension ? ', query_vector_value' : '';
    const [row] = this.rows(`SELECT token(key), key, doc_json${vec} FROM ${quoteId(c.keyspace)}.${quoteId(c.name)} WHERE key = ?`, [key]);
    return row && toStored(row);
  }

  /** Writes the whole row (insert or full replacement). */
  write(c: Collection, doc: JsonObject, vector: number[] | undefined): void {
    const s = shred(doc);
    const vecCol = c.dimension ? ', query_vector_value' : '';
    const values: CqlValue[] = [
      idKey(doc._id), stringifyJson(doc), s.existKeys, s.arraySize, s.arrayContains, s.bools, s.dbls, s.texts,
      s.timestamps, s.nulls,
    ];
    if (c.dimension) values.push(vector ?? null);
    this.run(
      `INSERT INTO ${quoteId(c.keyspace)}.${quoteId(c.name)} (key, tx_id, doc_json, exist_keys, array_size, array_contains, ` +
        `query_bool_values, query_dbl_values, query_text_values, query_timestamp_values, query_null_values${vecCol}) ` +
        `VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?${c.dimension ? ', ?' : ''})`,
      values.map((v) => (Array.isArray(v) && v.length === 0 ? null : v)),
    );
  }

  delete(c: Collection, key: [number, string]): void {
    this.run(`DELETE FROM ${quoteId(c.keyspace)}.${quoteId(c.name)} WHERE key = ?`, [key]);
  }

  truncate(c: Collection): void {
    this.run(`TRUNCATE ${quoteId(c.keyspace)}.${quoteId(c.name)}`);
  }
}

function toStored(row: CqlValue[]): StoredDoc {
  const doc = parseJson(String(row[2]));
  return {
    token: row[0] as bigint,
    key: row[1] as [number, string],
    doc: isObject(doc) ? doc : {},
    vector: Array.isArray(row[3]) ? (row[3] as number[]) : undefined,
  };
}

function optionsFromComment(comment: string): JsonObject {
  if (!comment) return {};
  try {
    const parsed = parseJson(comment);
    const coll = isObject(parsed) && isObject(parsed.collection) ? parsed.collection : undefined;
    return coll && isObject(coll.options) ? coll.options : {};
  } catch {
    return {};
  }
}
