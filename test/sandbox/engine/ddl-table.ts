// CREATE/ALTER/DROP TABLE, TRUNCATE, CREATE/DROP INDEX (including SAI with a similarity function).

import { CqlError, ErrorCode, invalid, syntaxError } from '../errors.js';
import { formatCqlType } from '../types/cqltype-text.js';
import type { CqlType } from '../types/cqltype.js';
import type { Result } from './api.js';
import type { AlterTable, CreateIndex, CreateTable, DropIndex, DropTable, Options, Truncate } from './ast.js';
import { makeTable, refreshColumns, type IndexDef, type Similarity, type TableDef, type TableOptions } from './catalog.js';
import { keyspaceName, requireKeyspace, typeResolver, type StmtEnv } from './context.js';
import { optionMap, optionText, schemaResult } from './ddl-keyspace.js';

/** Table properties Astra honours; every other known property is accepted and ignored with a warning. */
const ASTRA_SUPPORTED = new Set(['comment', 'default_time_to_live', 'gc_grace_seconds', 'extensions', 'cdc']);
const ASTRA_IGNORED = [
  'additional_write_policy', 'bloom_filter_fp_chance', 'caching', 'compaction', 'compression', 'crc_check_chance',
  'dclocal_read_repair_chance', 'max_index_interval', 'memtable_flush_period_in_ms', 'min_index_interval',
  'read_repair', 'read_repair_chance', 'speculative_retry',
];

export function applyOptions(env: StmtEnv, o: TableOptions, options: Options): void {
  const ignored: string[] = [];
  for (const { name, value } of options) {
    if (env.ctx.astra && !ASTRA_SUPPORTED.has(name)) {
      if (!ASTRA_IGNORED.includes(name)) throw syntaxError(`Unknown property '${name}'`);
      ignored.push(name);
      continue;
    }
    const num = () => {
      const n = Number(optionText(value, name));
      if (Number.isNaN(n)) throw syntaxError(`Invalid value for property '${name}'`);
      return n;
    };
    switch (name) {
      case 'comment': o.comment = optionText(value, name); break;
      case 'default_time_to_live': o.defaultTtl = num(); break;
      case 'gc_grace_seconds': o.gcGrace = num(); break;
      case 'bloom_filter_fp_chance': o.bloomFilterFpChance = num(); break;
      case 'crc_check_chance': o.crcCheckChance = num(); break;
      case 'memtable_flush_period_in_ms': o.memtableFlushPeriod = num(); break;
      case 'min_index_interval': o.minIndexInterval = num(); break;
      case 'max_index_interval': o.maxIndexInterval = num(); break;
      case 'speculative_retry': o.speculativeRetry = optionText(value, name); break;
      case 'additional_write_policy': o.additionalWritePolicy = optionText(value, name); break;
      case 'read_repair': o.readRepair = optionText(value, name).toUpperCase(); break;
      case 'cdc': o.cdc = optionText(value, name).toLowerCase() === 'true'; break;
      case 'caching': o.caching = optionMap(value, name); break;
      case 'compaction': {
        const m = optionMap(value, name);
        if (!m.class) throw new CqlError(ErrorCode.CONFIG, 'Missing sub-option \'class\' for the \'compaction\' option.');
        if (!m.class.includes('.')) m.class = 'org.apache.cassandra.db.compaction.' + m.class;
        o.compaction = m;
        break;
      }
      case 'compression': {
        const m = optionMap(value, name);
        if (m.class && !m.class.includes('.')) m.class = 'org.apache.cassandra.io.compress.' + m.class;
        o.compression = m;
        break;
      }
      case 'extensions': o.extensions = Object.fromEntries(Object.entries(optionMap(value, name)).map(([k, v]) => [k, Buffer.from(v)])); break;
      case 'id': break;
      default: throw syntaxError(`Unknown property '${name}'`);
    }
  }
  if (ignored.length) {
    env.warnings.push(`Ignoring provided values [${ignored.join(', ')}] as they are not supported for Table Properties(ignored: [${ASTRA_IGNORED.join(', ')}])`);
  }
}

const isCounterType = (t: CqlType) => t.kind === 'native' && t.name === 'counter';
const nonFrozenCollection = (t: CqlType) =>
  (t.kind === 'list' || t.kind === 'set' || t.kind === 'map' || t.kind === 'udt') && !t.frozen;

export function createTable(env: StmtEnv, s: CreateTable): Result {
  const ksName = keyspaceName(env, s.table);
  const ks = requireKeyspace(env.catalog, ksName, true);
  if (ks.system) throw new CqlError(ErrorCode.UNAUTHORIZED, `${ksName} keyspace is not user-modifiable.`);
  if (s.compactStorage) throw invalid('COMPACT STORAGE tables are not allowed starting with version 4.0');
  if (ks.tables.has(s.table.name) || ks.views.has(s.table.name)) {
    if (s.ifNotExists) return { kind: 'void' };
    throw new CqlError(ErrorCode.ALREADY_EXISTS, `Cannot add already existing table "${s.table.name}" to keyspace "${ksName}"`, {
      kind: 'already_exists', keyspace: ksName, table: s.table.name,
    });
  }
  const resolve = typeResolver(env.catalog, ksName);
  const seen = new Set<string>();
  const cols = s.columns.map((c) => {
    if (seen.has(c.name)) throw invalid(`Duplicate column '${c.name}' declaration for table '${ksName}.${s.table.name}'`);
    seen.add(c.name);
    return { name: c.name, type: resolve(c.type), static: c.static };
  });
  if (s.partitionKey.length === 0) throw invalid(`No PRIMARY KEY specifed for table '${s.table.name}' (exactly one required)`);
  for (const k of [...s.partitionKey, ...s.clusteringColumns]) {
    const c = cols.find((x) => x.name === k);
    if (!c) throw invalid(`Unknown definition ${k} referenced in PRIMARY KEY`);
    if (nonFrozenCollection(c.type)) throw invalid(`Invalid non-frozen collection type ${formatCqlType(c.type)} for PRIMARY KEY component ${k}`);
    if (isCounterType(c.type)) throw invalid(`counter type is not supported for PRIMARY KEY column '${k}'`);
    if (c.type.kind === 'native' && c.type.name === 'duration') throw invalid(`duration type is not supported for PRIMARY KEY column '${k}'`);
    if (c.static) throw invalid(`Static column ${k} cannot be part of the PRIMARY KEY`);
  }
  const keySet = new Set([...s.partitionKey, ...s.clusteringColumns]);
  const regular = cols.filter((c) => !keySet.has(c.name));
  const counters = regular.filter((c) => isCounterType(c.type)).length;
  if (counters > 0 && counters < regular.length) throw invalid('Cannot mix counter and non counter columns in the same table');
  if (s.clusteringColumns.length === 0 && regular.some((c) => c.static)) {
    throw invalid('Static columns are only useful (and thus allowed) if the table has at least one clustering column');
  }
  const orders = s.clusteringOrder;
  for (const o of orders) {
    if (!s.clusteringColumns.includes(o.column)) throw invalid('Only clustering key columns can be defined in CLUSTERING ORDER directive');
  }
  if (orders.length && orders.some((o, i) => s.clusteringColumns[i] !== o.column)) {
    throw invalid('The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns');
  }
  const ck = s.clusteringColumns.map((name) => ({
    name,
    order: (orders.find((o) => o.column === name)?.order === 'DESC' ? 'desc' : 'asc') as 'asc' | 'desc',
  }));
  const table = makeTable(ksName, s.table.name, cols, s.partitionKey, ck);
  const idOpt = s.options.find((o) => o.name === 'id');
  if (idOpt) table.id = optionText(idOpt.value, 'id');
  applyOptions(env, table.options, s.options);
  if (counters > 0 && table.options.defaultTtl > 0) throw invalid('Cannot set default_time_to_live on a table with counters');
  ks.tables.set(table.name, table);
  return schemaResult(env, { change: 'CREATED', target: 'TABLE', keyspace: ksName, name: table.name });
}

function existingTable(env: StmtEnv, q: { keyspace?: string; name: string }, ifExists: boolean): TableDef | null {
  const ksName = keyspaceName(env, q);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const t = ks.tables.get(q.name);
  if (!t) {
    if (ifExists) return null;
    throw invalid(`Table '${ksName}.${q.name}' doesn't exist`);
  }
  if (ks.system) throw new CqlError(ErrorCode.UNAUTHORIZED, `${ksName} keyspace is not user-modifiable`);
  return t;
}

export function alterTable(env: StmtEnv, s: AlterTable): Result {
  const t = existingTable(env, s.table, s.ifExists);
  if (!t) return { kind: 'void' };
  const op = s.op;
  switch (op.kind) {
    case 'add': {
      const resolve = typeResolver(env.catalog, t.keyspace);
      for (const c of op.columns) {
        if (t.columns.has(c.name)) {
          if (op.ifNotExists) continue;
          throw invalid(`Column with name '${c.name}' already exists`);
        }
        const type = resolve(c.type);
        if (isCounterType(type) !== t.isCounter && t.others.length > 0) {
          throw invalid(isCounterType(type) ? 'Cannot add a counter column (' + c.name + ') in a non counter column family' : 'Cannot add a non counter column (' + c.name + ') in a counter column family');
        }
        if (c.static && t.clustering.length === 0) {
          throw invalid('Static columns are only useful (and thus allowed) if the table has at least one clustering column');
        }
        t.columns.set(c.name, { name: c.name, type, kind: c.static ? 'static' : 'regular', position: -1, order: 'none' });
        t.dropped.delete(c.name);
      }
      break;
    }
    case 'drop':
      for (const name of op.columns) {
        const c = t.columns.get(name);
        if (!c) {
          if (op.ifExists) continue;
          throw invalid(`Column ${name} was not found in table ${t.name}`);
        }
        if (c.kind === 'partition_key' || c.kind === 'clustering') throw invalid(`Cannot drop PRIMARY KEY column ${name}`);
        if ([...t.indexes.values()].some((i) => i.column === name)) {
          throw invalid(`Cannot drop column ${name} because it has dependent secondary indexes`);
        }
        t.columns.delete(name);
        t.dropped.set(name, { type: c.type, kind: c.kind, time: BigInt(Date.now()) * 1000n });
        for (const p of t.data.sorted()) {
          p.statics.delete(name);
          for (const r of p.rows) r.cells.delete(name);
        }
      }
      break;
    case 'rename':
      for (const { from, to } of op.renames) {
        const c = t.columns.get(from);
        if (!c) throw invalid(`Column ${from} was not found in table ${t.name}`);
        if (c.kind !== 'partition_key' && c.kind !== 'clustering') throw invalid(`Cannot rename non PRIMARY KEY column ${from}`);
        if (t.columns.has(to)) throw invalid(`Cannot rename column ${from} to ${to} in table ${t.name}; another column of that name already exist`);
        t.columns.delete(from);
        c.name = to;
        t.columns.set(to, c);
      }
      break;
    case 'alterType':
      throw invalid('Altering column types is no longer supported');
    case 'with':
      if (op.compactStorage) throw invalid('COMPACT STORAGE tables are not allowed starting with version 4.0');
      applyOptions(env, t.options, op.options);
      break;
    case 'dropCompactStorage':
      throw invalid('DROP COMPACT STORAGE is not supported on a table without COMPACT STORAGE');
  }
  refreshColumns(t);
  return schemaResult(env, { change: 'UPDATED', target: 'TABLE', keyspace: t.keyspace, name: t.name });
}

export function dropTable(env: StmtEnv, s: DropTable): Result {
  const t = existingTable(env, s.table, s.ifExists);
  if (!t) return { kind: 'void' };
  const ks = env.catalog.keyspace(t.keyspace)!;
  const views = [...ks.views.values()].filter((v) => v.baseTable === t.name);
  if (views.length) {
    throw invalid(`Cannot drop table when materialized views still depend on it (${views.map((v) => `${v.keyspace}.${v.name}`).join(',')})`);
  }
  ks.tables.delete(t.name);
  return schemaResult(env, { change: 'DROPPED', target: 'TABLE', keyspace: t.keyspace, name: t.name });
}

export function truncate(env: StmtEnv, s: Truncate): Result {
  const ksName = keyspaceName(env, s.table);
  const t = requireKeyspace(env.catalog, ksName, true).tables.get(s.table.name);
  if (!t) throw invalid(`unconfigured table ${s.table.name}`);
  t.data.truncate();
  return { kind: 'void' };
}

const SAI_CLASSES = ['StorageAttachedIndex', 'org.apache.cassandra.index.sai.StorageAttachedIndex', 'sai'];

export function createIndex(env: StmtEnv, s: CreateIndex): Result {
  const ksName = keyspaceName(env, s.table);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const t = ks.tables.get(s.table.name);
  if (!t) throw invalid(`Table '${ksName}.${s.table.name}' doesn't exist`);
  if (s.targets.length !== 1) throw invalid('Only CUSTOM indexes support multiple columns');
  const target = s.targets[0];
  const col = t.columns.get(target.column);
  if (!col) throw invalid(`Column '${target.column}' doesn't exist`);
  const name = s.name ?? `${t.name}_${target.column}_idx`;
  const existing = [...ks.tables.values()].find((x) => x.indexes.has(name));
  if (existing) {
    if (s.ifNotExists) return { kind: 'void' };
    throw invalid(`Index '${name}' already exists`);
  }
  let mode = target.mode;
  const collection = col.type.kind === 'list' || col.type.kind === 'set' || col.type.kind === 'map';
  if (mode === 'simple' && collection) {
    if ((col.type as { frozen: boolean }).frozen) {
      if (!s.custom) throw invalid(`Cannot create values() index on frozen column ${col.name}. Frozen collections only support full() indexes`);
    } else mode = 'values';
  }
  if (mode === 'full' && !(collection && (col.type as { frozen: boolean }).frozen)) {
    throw invalid(`full() indexes can only be created on frozen collections`);
  }
  const targetText = mode === 'simple' ? col.name : `${mode}(${col.name})`;
  if ([...t.indexes.values()].some((i) => i.target === targetText && !s.custom)) {
    throw invalid(`Index ${name} is a duplicate of existing index ${[...t.indexes.values()].find((i) => i.target === targetText)!.name}`);
  }
  const options: Record<string, string> = { target: targetText };
  const idx: IndexDef = { name, kind: s.custom ? 'CUSTOM' : 'COMPOSITES', column: col.name, target: targetText, options };
  if (s.custom) {
    if (!s.using) throw invalid('CUSTOM index requires specifying the index class');
    options.class_name = s.using;
    for (const [k, v] of s.options ?? []) options[k] = v;
    const sai = SAI_CLASSES.some((c) => c.toLowerCase() === s.using!.toLowerCase());
    // 4.0 has no SAI: the class name resolves to nothing (IndexMetadata.validateCustomIndexOptions).
    if (sai && !env.version.sai) throw new CqlError(ErrorCode.CONFIG, `Unable to find custom indexer class '${s.using}'`);
    if (sai && col.type.kind === 'vector') {
      const simKey = Object.keys(options).find((k) => k.toLowerCase() === 'similarity_function');
      const sim = (simKey ? options[simKey] : 'COSINE').toUpperCase();
      if (!['COSINE', 'DOT_PRODUCT', 'EUCLIDEAN'].includes(sim)) {
        throw invalid(`Similarity function ${simKey ? options[simKey] : ''} was not recognized for ${name}. Supported similarity functions are: cosine, dot_product, euclidean`);
      }
      idx.similarity = sim as Similarity;
    }
  } else if (s.options?.length) {
    throw invalid('Cannot specify index class for a non-CUSTOM index');
  }
  if (col.kind === 'partition_key' && t.partitionKey.length === 1 && !s.custom) {
    throw invalid(`Cannot create secondary index on the only partition key column ${col.name}`);
  }
  t.indexes.set(name, idx);
  return schemaResult(env, { change: 'UPDATED', target: 'TABLE', keyspace: ksName, name: t.name });
}

export function dropIndex(env: StmtEnv, s: DropIndex): Result {
  const ksName = keyspaceName(env, s.index);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const t = [...ks.tables.values()].find((x) => x.indexes.has(s.index.name));
  if (!t) {
    if (s.ifExists) return { kind: 'void' };
    throw invalid(`Index '${ksName}.${s.index.name}' doesn't exist`);
  }
  t.indexes.delete(s.index.name);
  return schemaResult(env, { change: 'UPDATED', target: 'TABLE', keyspace: ksName, name: t.name });
}
