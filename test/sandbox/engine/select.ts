// SELECT execution: restriction validation (incl. Cassandra's ALLOW FILTERING rule), ring-order scans or key
// lookups, clustering narrowing, ORDER BY (reversed), LIMIT / PER PARTITION LIMIT, DISTINCT, aggregates,
// GROUP BY, SELECT JSON, ANN vector ordering, and paging that resumes by position (O(page) per request).

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import { native, type CqlValue } from '../types/cqltype.js';
import type { Result } from './api.js';
import type { Select } from './ast.js';
import type { TableDef } from './catalog.js';
import { requireTable, type StmtEnv } from './context.js';
import { jsonName, toJson } from './json.js';
import { tokenOf } from './keys.js';
import { decodePagingState, encodePagingState, queryHash, type PagePosition } from './paging.js';
import { compileSelection, specsOf, type Sel } from './selection.js';
import { rowIsLive, isLive, keyId, type Partition } from './storage.js';
import { valueOf, type RowView } from './rowview.js';
import { analyzeWhere, eqPrefix, type WherePlan } from './where.js';
import { similarity } from './ann.js';
import { refreshVirtual } from './system-tables.js';
import { refreshView } from './views.js';
import { UNSET } from './api.js';

const FILTERING_MSG =
  'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';

function indexServes(t: TableDef, col: string, ops: string[]): boolean {
  return [...t.indexes.values()].some((i) => {
    if (i.column !== col) return false;
    const sai = i.kind === 'CUSTOM';
    return ops.every((op) => {
      if (op === '=') return i.target === col || i.target.startsWith('full(') || sai;
      if (op === 'CONTAINS') return i.target.startsWith('values(') || sai;
      if (op === 'CONTAINS KEY') return i.target.startsWith('keys(') || sai;
      if (op === 'ENTRY') return i.target.startsWith('entries(') || sai;
      return sai && op !== '!=';
    });
  });
}

/** Cassandra's rule: anything not served by the key layout or by one index needs ALLOW FILTERING. */
function checkRestrictions(t: TableDef, plan: WherePlan, s: Select): void {
  const pkFull = plan.partitions !== null;
  let needs = false;
  let indexed = false;
  const viaIndex = (col: string, ops: string[]) => {
    if (indexed || !indexServes(t, col, ops)) return false;
    indexed = true;
    return true;
  };
  if (!pkFull) for (const col of plan.pkRestricted) if (!viaIndex(col, ['='])) needs = true;
  // With an index in play Cassandra skips the clustering-prefix errors and only asks for ALLOW FILTERING.
  const indexQuery = [...plan.regular].some(([col, ops]) => indexServes(t, col, ops));
  let firstGap = -1;
  let sliceAt = -1;
  t.clustering.forEach((c, i) => {
    const restricted = plan.ckValues[i] !== undefined || plan.ckSliced.has(i);
    if (!restricted) {
      if (firstGap < 0) firstGap = i;
      return;
    }
    const ops = plan.ckSliced.has(i) ? ['>'] : ['='];
    const inPrefix = firstGap < 0 && sliceAt < 0;
    if (!s.allowFiltering && !plan.multiColumn && !indexQuery && !indexServes(t, c.name, ops)) {
      if (firstGap >= 0) throw invalid(`PRIMARY KEY column "${c.name}" cannot be restricted as preceding column "${t.clustering[firstGap].name}" is not restricted`);
      if (sliceAt >= 0) throw invalid(`Clustering column "${c.name}" cannot be restricted (preceding column "${t.clustering[sliceAt].name}" is restricted by a non-EQ relation)`);
    }
    if (!(pkFull && (inPrefix || plan.multiColumn)) && !viaIndex(c.name, ops)) needs = true;
    if (plan.ckSliced.has(i) && sliceAt < 0) sliceAt = i;
  });
  for (const [col, ops] of plan.regular) {
    if (ops.includes('LIKE') && ![...t.indexes.values()].some((i) => i.column === col && i.kind === 'CUSTOM')) {
      throw invalid(`LIKE restriction is only supported on properly indexed columns. ${col} LIKE '...' is not valid.`);
    }
    if (!viaIndex(col, ops)) needs = true;
  }
  if (needs && !s.allowFiltering) throw invalid(FILTERING_MSG);
}

interface Order {
  reversed: boolean;
}

function checkOrder(t: TableDef, plan: WherePlan, s: Select): Order {
  if (s.orderBy.length === 0) return { reversed: false };
  if (plan.partitions === null) throw invalid('ORDER BY is only supported when the partition key is restricted by an EQ or an IN.');
  let reversed: boolean | null = null;
  s.orderBy.forEach((o, i) => {
    const c = t.columns.get(o.column);
    if (!c) throw invalid(`Undefined column name ${o.column}`);
    if (c.kind !== 'clustering') throw invalid(`Order by is currently only supported on the clustered columns of the PRIMARY KEY, got ${o.column}`);
    if (c.position !== i) throw invalid('Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY');
    const rev = (o.order === 'DESC') !== (c.order === 'desc');
    if (reversed !== null && reversed !== rev) throw invalid('Unsupported order by relation');
    reversed = rev;
  });
  return { reversed: !!reversed };
}

function intTerm(env: StmtEnv, term: Select['limit'], name: string, what: string): number | undefined {
  if (!term) return undefined;
  const v = env.ev.eval(term, native('int'), name);
  if (v === UNSET) return undefined;
  if (v === null) throw invalid(`Invalid null value of ${what}`);
  if ((v as number) <= 0) throw invalid(`${what === 'limit' ? 'LIMIT' : 'PER PARTITION LIMIT'} must be strictly positive`);
  return v as number;
}

/** Partitions to visit, in ring order, starting at (and including) `from`. */
function* partitions(t: TableDef, plan: WherePlan, pos: PagePosition | null): Generator<Partition> {
  const data = t.data;
  const from = pos && { token: pos.token, id: keyId(pos.key) };
  if (plan.partitions) {
    // Key lookups (=, IN) come back in partition-key order, as Cassandra's sorted key set does; a page resumes at
    // the key it stopped in (the list is recomputed from the query, so the key is always found).
    const types = t.partitionKey.map((c) => c.type);
    const ids = plan.partitions.map((pk) => keyId(tokenOf(types, pk).key));
    for (let i = from ? Math.max(0, ids.indexOf(from.id)) : 0; i < ids.length; i++) {
      const p = data.get(ids[i]);
      if (p) yield p;
    }
    return;
  }
  const arr = data.sorted();
  let i = from ? data.seek(from.token, from.id, true) : plan.tokenLo ? data.seek(plan.tokenLo.token, null, plan.tokenLo.inclusive) : 0;
  const hi = plan.tokenHi;
  for (; i < arr.length; i++) {
    const p = arr[i];
    if (hi && (p.token > hi.token || (!hi.inclusive && p.token === hi.token))) return;
    if (plan.tokenLo && (p.token < plan.tokenLo.token || (!plan.tokenLo.inclusive && p.token === plan.tokenLo.token))) continue;
    yield p;
  }
}

/** Candidate rows of one partition in query order; `after` resumes past a clustering key. */
function* rows(t: TableDef, p: Partition, plan: WherePlan, reversed: boolean, after: CqlValue[] | undefined, now: number): Generator<RowView> {
  const data = t.data;
  const prefix = eqPrefix(plan);
  let lo = prefix.length ? data.lowerBound(p, prefix, true) : 0;
  let hi = prefix.length ? data.lowerBound(p, prefix, false) : p.rows.length;
  if (after) {
    const i = data.findRow(p, after);
    const at = i >= 0 ? i : -i - 1;
    if (reversed) hi = Math.min(hi, at);
    else lo = Math.max(lo, i >= 0 ? i + 1 : at);
  }
  let any = false;
  if (reversed) {
    for (let i = hi - 1; i >= lo; i--) if (rowIsLive(p.rows[i], now)) { any = true; yield { p, r: p.rows[i] }; }
  } else {
    for (let i = lo; i < hi; i++) if (rowIsLive(p.rows[i], now)) { any = true; yield { p, r: p.rows[i] }; }
  }
  const ckRestricted = plan.ckValues.some((v) => v !== undefined) || plan.ckSliced.size > 0;
  if (!any && !after && !ckRestricted && p.rows.every((r) => !rowIsLive(r, now))) {
    for (const c of p.statics.values()) {
      if (isLive(c, now) && c.value !== null) {
        yield { p, r: null };
        return;
      }
    }
  }
}

export function executeSelect(env: StmtEnv, s: Select): Result {
  const t = requireTable(env, s.table);
  if (t.virtual) refreshVirtual(env, t);
  const view = env.catalog.keyspace(t.keyspace)?.views.get(t.name);
  if (view) refreshView(env, view);
  const now = env.nowMs;
  const plan = analyzeWhere(t, s.where, env.ev);
  checkRestrictions(t, plan, s);
  const order = s.ann ? { reversed: false } : checkOrder(t, plan, s);
  const sels = compileSelection(t, s.selectors, env.ev, () => now);
  const limit = intTerm(env, s.limit, '[limit]', 'limit');
  const ppl = intTerm(env, s.perPartitionLimit, '[per_partition_limit]', 'per partition limit');
  const aggregate = sels.some((x) => x.agg);
  if (s.distinct) checkDistinct(t, sels);
  const filters = plan.filters;
  const pass = (v: RowView) => filters.every((f) => f(v, now));
  const project = (v: RowView) => sels.map((x) => (x.value ? x.value(v) : null));
  const columns = specsOf(t, sels);
  const finish = (out: CqlValue[][], pagingState?: Buffer): Result =>
    s.json ? jsonResult(t, sels, out, pagingState) : { kind: 'rows', columns, rows: out, pagingState };

  if (s.ann) return annSelect(env, t, s, plan, sels, pass, limit, finish);

  const multiOrdered = s.orderBy.length > 0 && (plan.partitions?.length ?? 0) > 1;
  const pageSize = env.ctx.pageSize && env.ctx.pageSize > 0 && !aggregate && s.groupBy.length === 0 ? env.ctx.pageSize : 0;
  if (multiOrdered && pageSize) {
    throw invalid('Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query');
  }
  const ckTypes = t.clustering.map((c) => c.type);
  const from = env.ctx.pagingState && pageSize ? decodePagingState(env.ctx.pagingState, queryHash(env.ctx.keyspace, env.cql), ckTypes) : null;

  if (aggregate && plan.partitions === null) env.warnings.push('Aggregation query used without partition key');
  if (aggregate || s.groupBy.length) return finish(aggregateRows(t, s, plan, order.reversed, sels, pass, now, limit));

  let returned = from?.returned ?? 0;
  let inPart = from?.inPartition ?? 0;
  const out: CqlValue[][] = [];
  const views: RowView[] = [];
  let last: { v: RowView; returned: number; inPart: number } | null = null;
  let more = false;
  const fromId = from && keyId(from.key);
  outer: for (const p of partitions(t, plan, from)) {
    const resuming = p.id === fromId;
    if (resuming && from!.ck === null) continue;
    if (!resuming) inPart = 0;
    for (const v of rows(t, p, plan, order.reversed, resuming ? from!.ck ?? undefined : undefined, now)) {
      if (!pass(v)) continue;
      if (ppl !== undefined && inPart >= ppl) break;
      if (limit !== undefined && returned >= limit && !multiOrdered) break outer;
      if (pageSize && out.length >= pageSize) {
        more = true;
        break outer;
      }
      if (multiOrdered) views.push(v);
      out.push(project(v));
      returned++;
      inPart++;
      last = { v, returned, inPart };
      if (s.distinct) break;
    }
  }
  if (multiOrdered) {
    const idx = views.map((_, i) => i).sort((a, b) => t.data.compareClustering(views[a].r?.ck ?? [], views[b].r?.ck ?? []) * (order.reversed ? -1 : 1));
    return finish(idx.map((i) => out[i]).slice(0, limit));
  }
  let pagingState: Buffer | undefined;
  if (more && last) {
    const pos: PagePosition = {
      token: last.v.p.token,
      key: Buffer.from(last.v.p.id, 'latin1'),
      ck: last.v.r && !s.distinct ? last.v.r.ck : null,
      returned: last.returned,
      inPartition: last.inPart,
    };
    pagingState = encodePagingState(queryHash(env.ctx.keyspace, env.cql), pos, ckTypes);
  }
  return finish(out, pagingState);
}

function checkDistinct(t: TableDef, sels: Sel[]): void {
  for (const sel of sels) {
    for (const name of sel.columns) {
      const c = t.columns.get(name)!;
      if (c.kind !== 'partition_key' && c.kind !== 'static') {
        throw invalid(`SELECT DISTINCT queries must only request partition key columns and/or static columns (not ${name})`);
      }
    }
  }
  const selected = new Set(sels.flatMap((x) => x.columns));
  const missing = t.partitionKey.filter((c) => !selected.has(c.name));
  if (missing.length && sels.every((x) => !x.agg)) {
    throw invalid(`SELECT DISTINCT queries must request all the partition key columns (missing ${missing.map((c) => c.name).join(', ')})`);
  }
}

function aggregateRows(
  t: TableDef, s: Select, plan: WherePlan, reversed: boolean, sels: Sel[], pass: (v: RowView) => boolean, now: number, limit: number | undefined,
): CqlValue[][] {
  const groupCols = s.groupBy.map((g) => {
    const c = t.columns.get(g);
    if (!c) throw invalid(`Undefined column name ${g}`);
    return c;
  });
  const keyCols = [...t.partitionKey, ...t.clustering];
  groupCols.forEach((c, i) => {
    if (keyCols[i] !== c) throw invalid('Group by currently only support groups of columns following their declared order in the PRIMARY KEY');
  });
  const out: CqlValue[][] = [];
  let aggs = sels.map((x) => x.agg?.());
  let first: RowView | null = null;
  let groupKey: CqlValue[] | null = null;
  const flush = () => {
    if (first || (groupCols.length === 0 && out.length === 0)) {
      out.push(sels.map((x, i) => (x.agg ? aggs[i]!.result() : first && x.value ? x.value(first) : null)));
    }
  };
  for (const p of partitions(t, plan, null)) {
    for (const v of rows(t, p, plan, reversed, undefined, now)) {
      if (!pass(v)) continue;
      const key = groupCols.map((c) => valueOf(v, c, now));
      if (groupCols.length && groupKey && key.some((k, i) => compareValues(groupCols[i].type, k, groupKey![i]) !== 0)) {
        flush();
        aggs = sels.map((x) => x.agg?.());
        first = null;
      }
      groupKey = key;
      if (!first) first = v;
      aggs.forEach((a) => a?.add(v));
    }
  }
  flush();
  return limit !== undefined ? out.slice(0, limit) : out;
}

function annSelect(
  env: StmtEnv, t: TableDef, s: Select, plan: WherePlan, sels: Sel[], pass: (v: RowView) => boolean,
  limit: number | undefined, finish: (out: CqlValue[][]) => Result,
): Result {
  const ann = s.ann!;
  const col = t.columns.get(ann.column);
  if (!col) throw invalid(`Undefined column name ${ann.column}`);
  if (col.type.kind !== 'vector') throw invalid(`ANN ordering is only supported on float vector indexes`);
  const idx = [...t.indexes.values()].find((i) => i.column === col.name && i.kind === 'CUSTOM');
  if (!idx) throw invalid(`ANN ordering by vector requires the column to be indexed using 'StorageAttachedIndex'`);
  if (limit === undefined || limit > 1000) {
    throw invalid(`SAI based ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was ${limit ?? 'NO LIMIT'}`);
  }
  const q = env.ev.value(ann.value, col.type, col.name) as number[];
  const sim = idx.similarity ?? 'COSINE';
  const scored: { v: RowView; score: number }[] = [];
  for (const p of partitions(t, plan, null)) {
    for (const v of rows(t, p, plan, false, undefined, env.nowMs)) {
      if (!pass(v)) continue;
      const vec = valueOf(v, col, env.nowMs) as number[] | null;
      // Zero vectors cannot be indexed for cosine (Cassandra refuses them at write time), so they never match.
      if (vec && !(sim === 'COSINE' && vec.every((x) => x === 0))) scored.push({ v, score: similarity(sim, vec, q) });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return finish(scored.slice(0, limit).map(({ v }) => sels.map((x) => (x.value ? x.value(v) : null))));
}

function jsonResult(t: TableDef, sels: Sel[], rows: CqlValue[][], pagingState?: Buffer): Result {
  const json = rows.map((r) => [`{${sels.map((x, i) => `${JSON.stringify(jsonName(x.name))}: ${toJson(x.type, r[i])}`).join(', ')}}`]);
  return {
    kind: 'rows',
    columns: [{ keyspace: t.keyspace, table: t.name, name: '[json]', type: native('text') }],
    rows: json,
    pagingState,
  };
}
