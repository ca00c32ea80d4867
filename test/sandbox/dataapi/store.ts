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
  private readonly prepared = new Map<string, { id: Buffer; types: CqlType[] }>();
  private readonly cache = new Map<string, Collection | undefined>();
  private cachedVersion = '';
  /** Parsed documents by their `doc_json` text: callers never mutate them (updates work on clones). */
  private readonly parsed = new Map<string, JsonObject>();

  constructor(
    private readonly engine: Engine,
    private readonly ctx: () => ExecContext,
  ) {}

  /** Statements with values run prepared (no re-parse per document); a statement the node forgot is prepared again. */
  private run(cql: string, values?: CqlValue[]): Result {
    const ctx = this.ctx();
    if (!values) return this.engine.query(cql, null, ctx);
    const prepare = () => {
      const p = this.engine.prepare(cql, ctx);
      const entry = { id: p.id, types: p.bindVariables.map((b) => b.type) };
      this.prepared.set(cql, entry);
      return entry;
    };
    const entry = this.prepared.get(cql) ?? prepare();
    const bound = { positional: values.map((v, i) => (v === null ? null : encodeValue(entry.types[i], v))) };
    try {
      return this.engine.execute(entry.id, bound, ctx);
    } catch (e) {
      if ((e as { extra?: { kind?: string } }).extra?.kind !== 'unprepared') throw e;
      return this.engine.execute(prepare().id, bound, ctx);
    }
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
    this.prepared.clear();
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

  /** Looked up once per schema version: every command resolves its collection, and schema changes are rare. */
  collection(ks: string, name: string): Collection | undefined {
    const version = this.engine.schemaVersion();
    if (version !== this.cachedVersion) {
      this.cache.clear();
      this.cachedVersion = version;
    }
    const key = `${ks}\u0000${name}`;
    if (!this.cache.has(key)) this.cache.set(key, this.collections(ks, name)[0]);
    return this.cache.get(key);
  }

  tableExists(ks: string, name: string): boolean {
    return this.rows('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?', [ks, name]).length > 0;
  }

  /** CREATE TABLE + SAI indexes; `comment` holds the options in the server's key order. */
  createCollection(ks: string, name: string, commentOptions: JsonObject, dimension?: number): void {
    const table = `${quoteId(ks)}.${quoteId(name)}`;
    const lexical = isObject(commentOptions.lexical) && commentOptions.lexical.enabled === true;
    const comment = stringifyJson({ collection: { name, schema_version: Num.of(2), options: commentOptions } });
    this.run(
      `CREATE TABLE IF NOT EXISTS ${table} (key frozen<tuple<tinyint, text>> PRIMARY KEY, tx_id timeuuid, doc_json text, ` +
        'exist_keys set<text>, array_size map<text, int>, array_contains set<text>, query_bool_values map<text, tinyint>, ' +
        'query_dbl_values map<text, decimal>, query_text_values map<text, text>, query_timestamp_values map<text, timestamp>, ' +
        `query_null_values set<text>${dimension ? `, query_vector_value vector<float, ${dimension}>` : ''}${lexical ? ', query_lexical_value text' : ''}) ` +
        `WITH comment = ${literal(comment)}`,
    );
    const indexing = isObject(commentOptions.indexing) ? commentOptions.indexing : {};
    const denyAll = Array.isArray(indexing.deny) && indexing.deny.includes('*');
    if (!denyAll) {
      for (const [suffix, target] of INDEXED_COLUMNS) {
        this.run(`CREATE CUSTOM INDEX IF NOT EXISTS ${quoteId(`${name}_${suffix}`)} ON ${table} (${target}) USING 'StorageAttachedIndex'`);
      }
    }
    if (lexical) {
      this.run(
        `CREATE CUSTOM INDEX IF NOT EXISTS ${quoteId(`${name}_query_lexical_value`)} ON ${table} (query_lexical_value) ` +
          "USING 'StorageAttachedIndex' WITH OPTIONS = {'index_analyzer': 'standard'}",
      );
    }
    const vector = isObject(commentOptions.vector) ? commentOptions.vector : undefined;
    if (dimension && vector) {
      const opts = `{'similarity_function': ${literal(String(vector.metric))}, 'source_model': ${literal(String(vector.sourceModel))}}`;
      this.run(
        `CREATE CUSTOM INDEX IF NOT EXISTS ${quoteId(`${name}_query_vector_value`)} ON ${table} (query_vector_value) ` +
          `USING 'StorageAttachedIndex' WITH OPTIONS = ${opts}`,
      );
    }
    this.prepared.clear();
  }

  dropCollection(ks: string, name: string): void {
    this.run(`DROP TABLE IF EXISTS ${quoteId(ks)}.${quoteId(name)}`);
    this.prepared.clear();
  }

  /** Every document in token order (the order a CQL full scan returns). */
  scan(c: Collection): StoredDoc[] {
    const vec = c.dimension ? ', query_vector_value' : '';
    return this.rows(`SELECT token(key), key, doc_json${vec} FROM ${quoteId(c.keyspace)}.${quoteId(c.name)}`).map((r) => this.toStored(r));
  }

  /** Up to `limit` documents after token `after` (from the start when undefined), in token order. */
  scanFrom(c: Collection, after: bigint | undefined, limit: number): StoredDoc[] {
    const vec = c.dimension ? ', query_vector_value' : '';
    const table = `${quoteId(c.keyspace)}.${quoteId(c.name)}`;
    const rows = after === undefined
      ? this.rows(`SELECT token(key), key, doc_json${vec} FROM ${table} LIMIT ?`, [limit])
      : this.rows(`SELECT token(key), key, doc_json${vec} FROM ${table} WHERE token(key) > ? LIMIT ?`, [after, limit]);
    return rows.map((r) => this.toStored(r));
  }

  get(c: Collection, key: [number, string]): StoredDoc | undefined {
    const vec = c.dimension ? ', query_vector_value' : '';
    const [row] = this.rows(`SELECT token(key), key, doc_json${vec} FROM ${quoteId(c.keyspace)}.${quoteId(c.name)} WHERE key = ?`, [key]);
    return row && this.toStored(row);
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

  private toStored(row: CqlValue[]): StoredDoc {
    const text = String(row[2]);
    let doc = this.parsed.get(text);
    if (!doc) {
      const value = parseJson(text);
      doc = isObject(value) ? value : {};
      if (this.parsed.size >= MAX_PARSED) this.parsed.clear();
      this.parsed.set(text, doc);
    }
    return { token: row[0] as bigint, key: row[1] as [number, string], doc, vector: Array.isArray(row[3]) ? (row[3] as number[]) : undefined };
  }

  truncate(c: Collection): void {
    this.run(`TRUNCATE ${quoteId(c.keyspace)}.${quoteId(c.name)}`);
  }
}

const MAX_PARSED = 50_000;
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
