// WHERE clause analysis shared by SELECT, UPDATE and DELETE: evaluates relation terms once, works out which
// partitions/clustering prefixes the relations pin down, and turns every relation into a row predicate (so
// results are always exact, whatever narrowing was possible).

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import { native, type CqlType, type CqlValue } from '../types/cqltype.js';
import type { CompareOp, Relation, Term } from './ast.js';
import type { ColumnDef, TableDef } from './catalog.js';
import { tokenOf } from './keys.js';
import { valueOf, type RowView } from './rowview.js';
import { UNSET } from './api.js';
import type { Evaluator } from './values.js';

export interface TokenBound {
  token: bigint;
  inclusive: boolean;
}

export interface WherePlan {
  /** Full partition keys (cartesian product of EQ/IN values), or null when the key is not fully restricted. */
  partitions: CqlValue[][] | null;
  pkRestricted: Set<string>;
  tokenLo?: TokenBound;
  tokenHi?: TokenBound;
  /** Clustering columns restricted by EQ/IN, per position (undefined = unrestricted). */
  ckValues: (CqlValue[] | undefined)[];
  /** Clustering column positions restricted by a slice. */
  ckSliced: Set<number>;
  multiColumn: boolean;
  /** Non-key columns restricted (name → operators). */
  regular: Map<string, string[]>;
  filters: ((v: RowView, now: number) => boolean)[];
}

const collectionElement = (t: CqlType): CqlType =>
  t.kind === 'list' || t.kind === 'set' ? t.element : t.kind === 'map' ? t.value : t;

export function compareOp(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '!=': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

function termText(t: Term): string {
  switch (t.kind) {
    case 'string': return `'${t.value}'`;
    case 'integer': case 'float': return t.text;
    case 'bind': return t.name ? `:${t.name}` : '?';
    default: return '...';
  }
}

function likePredicate(pattern: string): (s: string) => boolean {
  const starts = pattern.startsWith('%');
  const ends = pattern.endsWith('%') && pattern.length > 1;
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return (s) => s.includes(core);
  if (starts) return (s) => s.endsWith(core);
  if (ends) return (s) => s.startsWith(core);
  return (s) => s === core;
}

export function column(t: TableDef, name: string): ColumnDef {
  const c = t.columns.get(name);
  if (!c) throw invalid(`Undefined column name ${name}`);
  return c;
}

function notNull(v: CqlValue | typeof UNSET, col: string): CqlValue {
  if (v === UNSET) throw invalid(`Invalid unset value for column ${col}`);
  if (v === null) throw invalid(`Invalid null value in condition for column ${col}`);
  return v;
}

/** Evaluates the right side of a token relation: `token(?, ?)`/`token(1)` or a bigint literal. */
function tokenValue(t: TableDef, term: Term, ev: Evaluator): bigint {
  if (term.kind === 'function' && term.name.name.toLowerCase() === 'token') {
    const vals = t.partitionKey.map((c, i) => notNull(ev.eval(term.args[i], c.type, c.name), c.name));
    return tokenOf(t.partitionKey.map((c) => c.type), vals).token;
  }
  const v = ev.eval(term, native('bigint'), 'partition key token');
  if (v === null || v === UNSET) throw invalid('Invalid null value for partition key token');
  return v as bigint;
}

export function analyzeWhere(t: TableDef, relations: Relation[], ev: Evaluator): WherePlan {
  const plan: WherePlan = {
    partitions: null,
    pkRestricted: new Set(),
    ckValues: t.clustering.map(() => undefined),
    ckSliced: new Set(),
    multiColumn: false,
    regular: new Map(),
    filters: [],
  };
  const pkVals = new Map<string, CqlValue[]>();
  const eqCols = new Set<string>();
  const addRegular = (c: ColumnDef, op: string) => {
    if (c.kind === 'regular' || c.kind === 'static') plan.regular.set(c.name, [...(plan.regular.get(c.name) ?? []), op]);
  };
  for (const r of relations) {
    switch (r.kind) {
      case 'column': {
        const c = column(t, r.column);
        if (r.op === 'CONTAINS' || r.op === 'CONTAINS KEY') {
          const ct = c.type;
          if (ct.kind !== 'list' && ct.kind !== 'set' && ct.kind !== 'map') throw invalid(`Cannot use ${r.op} on non-collection column ${c.name}`);
          if (r.op === 'CONTAINS KEY' && ct.kind !== 'map') throw invalid(`Cannot use CONTAINS KEY on non-map column ${c.name}`);
          const et = r.op === 'CONTAINS KEY' ? (ct as { key: CqlType }).key : collectionElement(ct);
          const v = notNull(ev.eval(r.value, et, c.name), c.name);
          const key = r.op === 'CONTAINS KEY';
          plan.filters.push((row, now) => {
            const cv = valueOf(row, c, now);
            if (cv === null) return false;
            if (ct.kind === 'map') return (cv as [CqlValue, CqlValue][]).some((e) => compareValues(et, key ? e[0] : e[1], v) === 0);
            return (cv as CqlValue[]).some((e) => compareValues(et, e, v) === 0);
          });
          addRegular(c, r.op);
          break;
        }
        if (r.op === 'LIKE') {
          const v = notNull(ev.eval(r.value, c.type, c.name), c.name) as string;
          const m = likePredicate(v);
          plan.filters.push((row, now) => {
            const cv = valueOf(row, c, now);
            return typeof cv === 'string' && m(cv);
          });
          addRegular(c, 'LIKE');
          break;
        }
        const v = notNull(ev.eval(r.value, c.type, c.name), c.name);
        const op = r.op;
        if (op === '!=') throw invalid(`Unsupported "!=" relation: ${c.name} != ${termText(r.value)}`);
        if (op === '=' || eqCols.has(c.name)) {
          if (eqCols.has(c.name)) throw invalid(`${c.name} cannot be restricted by more than one relation if it includes an Equal`);
          eqCols.add(c.name);
        }
        if (op === '=' && c.kind === 'partition_key') pkVals.set(c.name, [v]);
        if (c.kind === 'clustering') {
          if (op === '=') plan.ckValues[c.position] = [v];
          else plan.ckSliced.add(c.position);
        }
        if (c.kind === 'partition_key' && op !== '=') {
          throw invalid(`Only EQ and IN relation are supported on the partition key (unless you use the token() function)`);
        }
        addRegular(c, op);
        plan.filters.push((row, now) => {
          const cv = valueOf(row, c, now);
          return cv !== null && compareOp(op, compareValues(c.type, cv, v));
        });
        break;
      }
      case 'in': {
        const c = column(t, r.column);
        if (c.kind === 'regular' || c.kind === 'static') throw invalid(`IN predicates on non-primary-key columns (${c.name}) is not yet supported`);
        let vals: CqlValue[];
        if (Array.isArray(r.values)) vals = r.values.map((x) => notNull(ev.eval(x, c.type, c.name), c.name));
        else {
          const lv = ev.eval(r.values, { kind: 'list', element: c.type, frozen: false }, `in(${c.name})`);
          if (lv === UNSET) throw invalid(`Invalid unset value for column ${c.name}`);
          if (lv === null) throw invalid(`Invalid null value for column ${c.name}`);
          vals = lv as CqlValue[];
        }
        // Duplicates collapse, and results follow key order rather than IN order, as in Cassandra.
        vals = vals.sort((a, b) => compareValues(c.type, a, b)).filter((x, i, a) => i === 0 || compareValues(c.type, a[i - 1], x) !== 0);
        if (c.kind === 'partition_key') pkVals.set(c.name, vals);
        else plan.ckValues[c.position] = vals;
        plan.filters.push((row, now) => {
          const cv = valueOf(row, c, now);
          return cv !== null && vals.some((x) => compareValues(c.type, cv, x) === 0);
        });
        break;
      }
      case 'mapEntry': {
        const c = column(t, r.column);
        if (c.type.kind !== 'map') throw invalid(`Column ${c.name} cannot be used as a map`);
        const mt = c.type;
        const k = notNull(ev.eval(r.key, mt.key, `key(${c.name})`), c.name);
        const v = notNull(ev.eval(r.value, mt.value, `value(${c.name})`), c.name);
        const op = r.op;
        plan.filters.push((row, now) => {
          const cv = valueOf(row, c, now) as [CqlValue, CqlValue][] | null;
          const e = cv?.find((x) => compareValues(mt.key, x[0], k) === 0);
          return !!e && compareOp(op, compareValues(mt.value, e[1], v));
        });
        addRegular(c, 'ENTRY');
        break;
      }
      case 'token': {
        const names = t.partitionKey.map((c) => c.name);
        if (r.columns.length !== names.length || r.columns.some((x) => !names.includes(x))) {
          throw invalid('The token() function must be applied to all partition key components or none of them');
        }
        if (r.columns.some((x, i) => x !== names[i])) {
          throw invalid(`The token function arguments must be in the partition key order: ${names.join(', ')}`);
        }
        const tok = tokenValue(t, r.value, ev);
        if (r.op === '>' || r.op === '>=') plan.tokenLo = { token: tok, inclusive: r.op === '>=' };
        else if (r.op === '<' || r.op === '<=') plan.tokenHi = { token: tok, inclusive: r.op === '<=' };
        else if (r.op === '=') {
          plan.tokenLo = { token: tok, inclusive: true };
          plan.tokenHi = { token: tok, inclusive: true };
        } else throw invalid('Unsupported "!=" relation on token');
        break;
      }
      case 'multiColumn':
      case 'multiColumnIn': {
        const cols = r.columns.map((n) => column(t, n));
        cols.forEach((c, i) => {
          if (c.kind !== 'clustering') throw invalid(`Multi-column relations can only be applied to clustering columns but was applied to: ${c.name}`);
          if (c.position !== cols[0].position + i) throw invalid(`Clustering columns must appear in the PRIMARY KEY order in multi-column relations: (${r.columns.join(', ')})`);
        });
        plan.multiColumn = true;
        const tupleType: CqlType = { kind: 'tuple', elements: cols.map((c) => c.type) };
        const name = `(${r.columns.join(',')})`;
        const cmp = (a: CqlValue[], b: CqlValue[]) => {
          for (let i = 0; i < cols.length; i++) {
            const x = compareValues(cols[i].type, a[i], b[i]);
            if (x !== 0) return x;
          }
          return 0;
        };
        const rowTuple = (row: RowView, now: number) => cols.map((c) => valueOf(row, c, now));
        if (r.kind === 'multiColumn') {
          const v = notNull(ev.eval(r.value, tupleType, name), name) as CqlValue[];
          const op = r.op;
          if (op === '=') cols.forEach((c, i) => (plan.ckValues[c.position] = [v[i]]));
          else cols.forEach((c) => plan.ckSliced.add(c.position));
          plan.filters.push((row, now) => (row.r ? compareOp(op, cmp(rowTuple(row, now), v)) : false));
        } else {
          const listType: CqlType = { kind: 'list', element: tupleType, frozen: false };
          const vals: CqlValue[][] = Array.isArray(r.values)
            ? r.values.map((x) => notNull(ev.eval(x, tupleType, name), name) as CqlValue[])
            : (notNull(ev.eval(r.values, listType, `in(${name})`), name) as CqlValue[][]);
          cols.forEach((c) => plan.ckSliced.add(c.position));
          plan.filters.push((row, now) => (row.r ? vals.some((v) => cmp(rowTuple(row, now), v) === 0) : false));
        }
        break;
      }
      case 'isNotNull': {
        const c = column(t, r.column);
        plan.filters.push((row, now) => valueOf(row, c, now) !== null);
        break;
      }
    }
  }
  for (const name of pkVals.keys()) plan.pkRestricted.add(name);
  if ((plan.tokenLo || plan.tokenHi) && plan.pkRestricted.size > 0) {
    throw invalid(`Columns "${[...plan.pkRestricted].join(', ')}" cannot be restricted by both a normal relation and a token relation`);
  }
  if (t.partitionKey.every((c) => pkVals.has(c.name))) {
    let combos: CqlValue[][] = [[]];
    for (const c of t.partitionKey) combos = combos.flatMap((prefix) => pkVals.get(c.name)!.map((v) => [...prefix, v]));
    plan.partitions = combos;
  }
  return plan;
}

/** Full clustering keys pinned by EQ/IN on every clustering column (cartesian product), or null. */
export function clusteringCombos(plan: WherePlan, upTo: number): CqlValue[][] | null {
  let combos: CqlValue[][] = [[]];
  for (let i = 0; i < upTo; i++) {
    const vals = plan.ckValues[i];
    if (!vals) return null;
    combos = combos.flatMap((prefix) => vals.map((v) => [...prefix, v]));
  }
  return combos;
}

/** The single-valued EQ prefix of the clustering key (usable for binary-search narrowing). */
export function eqPrefix(plan: WherePlan): CqlValue[] {
  const out: CqlValue[] = [];
  for (const v of plan.ckValues) {
    if (!v || v.length !== 1) break;
    out.push(v[0]);
  }
  return out;
}
