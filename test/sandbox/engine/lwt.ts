// Lightweight-transaction conditions (IF NOT EXISTS / IF EXISTS / IF col op value) and the `[applied]` result
// Cassandra returns: on failure it includes the existing values of the columns involved.

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import { native, type CqlType, type CqlValue } from '../types/cqltype.js';
import type { ColumnSpec, Result } from './api.js';
import type { Condition, IfClause } from './ast.js';
import { allColumns, type ColumnDef, type TableDef } from './catalog.js';
import { valueOf, type RowView } from './rowview.js';
import { rowIsLive, isLive, type Partition, type Row } from './storage.js';
import { column, compareOp } from './where.js';
import type { Evaluator } from './values.js';
import { UNSET } from './api.js';

export interface CasCheck {
  applied: boolean;
  columns: ColumnDef[]; // reported on failure
  view: RowView | null;
}

function rowExists(p: Partition | undefined, r: Row | undefined, now: number, staticOnly: boolean): boolean {
  if (!p) return false;
  if (staticOnly) return [...p.statics.values()].some((c) => isLive(c, now) && c.value !== null);
  return !!r && rowIsLive(r, now);
}

function elementOf(c: ColumnDef, v: CqlValue, key: CqlValue): { type: CqlType; value: CqlValue } {
  const t = c.type;
  if (v === null) return { type: t.kind === 'map' ? t.value : t.kind === 'list' ? t.element : t, value: null };
  if (t.kind === 'map') return { type: t.value, value: (v as [CqlValue, CqlValue][]).find((e) => compareValues(t.key, e[0], key) === 0)?.[1] ?? null };
  if (t.kind === 'list') return { type: t.element, value: (v as CqlValue[])[key as number] ?? null };
  throw invalid(`Invalid element access on column ${c.name}`);
}

export function evalConditions(
  t: TableDef, clause: IfClause, ev: Evaluator, p: Partition | undefined, r: Row | undefined, now: number, staticOnly: boolean,
): CasCheck {
  const exists = rowExists(p, r, now, staticOnly);
  const view: RowView | null = p && (r || staticOnly) ? { p, r: r ?? null } : null;
  if (clause.kind === 'notExists') return { applied: !exists, columns: exists ? allColumns(t) : [], view };
  if (clause.kind === 'exists') return { applied: exists, columns: [], view };
  const cols: ColumnDef[] = [];
  let applied = true;
  for (const cond of clause.conditions) {
    const c = column(t, cond.column);
    if (c.kind === 'partition_key' || c.kind === 'clustering') throw invalid(`PRIMARY KEY column '${c.name}' cannot have IF conditions`);
    if (!cols.includes(c)) cols.push(c);
    if (!checkCondition(c, cond, ev, view, now)) applied = false;
  }
  const order = allColumns(t);
  cols.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { applied, columns: cols, view };
}

function checkCondition(c: ColumnDef, cond: Condition, ev: Evaluator, view: RowView | null, now: number): boolean {
  let type = c.type;
  let current: CqlValue = view ? valueOf(view, c, now) : null;
  if (cond.element) {
    const kt = c.type.kind === 'map' ? c.type.key : native('int');
    const key = ev.value(cond.element, kt, `key(${c.name})`);
    ({ type, value: current } = elementOf(c, current, key));
  } else if (cond.field) {
    if (c.type.kind !== 'udt') throw invalid(`Invalid field selection on non-UDT column ${c.name}`);
    const i = c.type.fields.findIndex((f) => f.name === cond.field);
    if (i < 0) throw invalid(`Unknown field ${cond.field} in ${c.type.name}`);
    type = c.type.fields[i].type;
    current = current === null ? null : (current as CqlValue[])[i];
  }
  if (cond.kind === 'in') {
    const vals = Array.isArray(cond.values)
      ? cond.values.map((x) => ev.eval(x, type, c.name))
      : ((ev.eval(cond.values, { kind: 'list', element: type, frozen: false }, c.name) ?? []) as CqlValue[]);
    return vals.some((x) => x !== UNSET && compareValues(type, current, x as CqlValue) === 0 && (x === null) === (current === null));
  }
  if (cond.op === 'CONTAINS' || cond.op === 'CONTAINS KEY') {
    if (current === null) return false;
    const ct = c.type;
    if (ct.kind === 'map') {
      const key = cond.op === 'CONTAINS KEY';
      const v = ev.value(cond.value, key ? ct.key : ct.value, c.name);
      return (current as [CqlValue, CqlValue][]).some((e) => compareValues(key ? ct.key : ct.value, key ? e[0] : e[1], v) === 0);
    }
    if (ct.kind === 'list' || ct.kind === 'set') {
      const v = ev.value(cond.value, ct.element, c.name);
      return (current as CqlValue[]).some((e) => compareValues(ct.element, e, v) === 0);
    }
    throw invalid(`Cannot use CONTAINS on non-collection column ${c.name}`);
  }
  const v = ev.value(cond.value, type, c.name);
  if (v === null || current === null) {
    if (cond.op === '=') return v === current;
    if (cond.op === '!=') return v !== current;
    if (v === null) throw invalid(`Invalid comparison with null for operator "${cond.op}"`);
    return false;
  }
  return compareOp(cond.op, compareValues(type, current, v));
}

export function casResult(t: TableDef, check: CasCheck, now: number): Result {
  const applied: ColumnSpec = { keyspace: t.keyspace, table: t.name, name: '[applied]', type: native('boolean') };
  if (check.applied || check.columns.length === 0) return { kind: 'rows', columns: [applied], rows: [[check.applied]] };
  const cols = check.columns;
  return {
    kind: 'rows',
    columns: [applied, ...cols.map((c) => ({ keyspace: t.keyspace, table: t.name, name: c.name, type: c.type }))],
    rows: [[false, ...cols.map((c) => (check.view ? valueOf(check.view, c, now) : null))]],
  };
}
