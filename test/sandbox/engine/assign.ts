// UPDATE assignments and element deletions: plain sets, counter increments, list append/prepend/remove/set-by-
// index, set add/remove, map put/remove, and UDT field updates. Each is compiled once (terms evaluated) into a
// function applied to every targeted row.

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import { native, type CqlType, type CqlValue } from '../types/cqltype.js';
import { formatCqlType } from '../types/cqltype-text.js';
import { normalize } from './coerce.js';
import type { Assignment, DeleteTarget } from './ast.js';
import type { ColumnDef, TableDef } from './catalog.js';
import type { StmtEnv } from './context.js';
import { isLive, type Partition, type Row } from './storage.js';
import { cellsFor, putCell, type WriteAttrs } from './write.js';
import { UNSET } from './api.js';

type RowOp = (p: Partition, row: Row | undefined) => void;

const isCollection = (t: CqlType) => t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
const frozen = (t: CqlType) => (t as { frozen?: boolean }).frozen === true;
const emptyToNull = (v: CqlValue) => (Array.isArray(v) && v.length === 0 ? null : v);

function current(p: Partition, row: Row | undefined, c: ColumnDef, now: number): CqlValue {
  const cell = c.kind === 'static' ? p.statics.get(c.name) : row?.cells.get(c.name);
  return isLive(cell, now) ? cell.value : null;
}

function cells(p: Partition, row: Row | undefined, c: ColumnDef) {
  const m = cellsFor(p, row, c);
  if (!m) throw invalid(`Missing clustering key for column ${c.name}`);
  return m;
}

function refuseListIndex(env: StmtEnv, what: string): void {
  if (env.ctx.astra) throw invalid(`${what} of list items by index requiring read before write is not allowed`);
}

export function applyAssignment(env: StmtEnv, t: TableDef, c: ColumnDef, a: Assignment, attrs: WriteAttrs): RowOp {
  const ev = env.ev;
  const type = c.type;
  const now = env.nowMs;
  const counter = type.kind === 'native' && type.name === 'counter';
  const opText = (op: string) => `${c.name} = ${c.name} ${op} ?`;
  if (a.kind === 'set') {
    if (counter) throw invalid(`Cannot set the value of counter column ${c.name} (counters can only be incremented/decremented, not set)`);
    const v = ev.eval(a.value, type, c.name);
    if (v === UNSET) return () => {};
    const val = isCollection(type) && !frozen(type) ? emptyToNull(v) : v;
    return (p, row) => putCell(cells(p, row, c), c.name, val, attrs);
  }
  if (a.kind === 'add' || a.kind === 'subtract') {
    if (counter) {
      const d = ev.eval(a.value, native('bigint'), c.name);
      if (d === UNSET) return () => {};
      if (d === null) throw invalid(`Invalid null value for counter increment`);
      const delta = a.kind === 'add' ? (d as bigint) : -(d as bigint);
      return (p, row) => {
        const m = cells(p, row, c);
        const old = m.get(c.name);
        m.set(c.name, { value: ((old?.value as bigint | null) ?? 0n) + delta, ts: old && old.ts > attrs.ts ? old.ts : attrs.ts });
      };
    }
    if (!isCollection(type)) throw invalid(`Invalid operation (${opText(a.kind === 'add' ? '+' : '-')}) for non counter column ${c.name}`);
    if (frozen(type)) throw invalid(`Invalid operation (${opText(a.kind === 'add' ? '+' : '-')}) for frozen collection column ${c.name}`);
    if (a.kind === 'subtract' && type.kind === 'list') refuseListIndex(env, 'Removal');
    const operandType: CqlType = a.kind === 'subtract' && type.kind === 'map' ? { kind: 'set', element: type.key, frozen: false } : type;
    const v = ev.eval(a.value, operandType, c.name);
    if (v === UNSET || v === null) return () => {};
    const items = v as CqlValue[];
    return (p, row) => {
      const old = (current(p, row, c, now) ?? []) as CqlValue[];
      let next: CqlValue[];
      if (a.kind === 'add') next = normalize(type, [...old, ...items]) as CqlValue[];
      else if (type.kind === 'map') next = (old as [CqlValue, CqlValue][]).filter((e) => !items.some((k) => compareValues(type.key, e[0], k) === 0));
      else {
        const et = (type as { element: CqlType }).element;
        next = old.filter((e) => !items.some((k) => compareValues(et, e, k) === 0));
      }
      putCell(cells(p, row, c), c.name, emptyToNull(next), attrs);
    };
  }
  if (a.kind === 'prepend') {
    if (type.kind !== 'list') throw invalid(`Invalid operation (${c.name} = ? + ${c.name}) for non list column ${c.name}`);
    if (frozen(type)) throw invalid(`Invalid operation (${c.name} = ? + ${c.name}) for frozen collection column ${c.name}`);
    const v = ev.eval(a.value, type, c.name);
    if (v === UNSET || v === null) return () => {};
    return (p, row) => {
      const old = (current(p, row, c, now) ?? []) as CqlValue[];
      putCell(cells(p, row, c), c.name, [...(v as CqlValue[]), ...old], attrs);
    };
  }
  if (a.kind === 'setElement') {
    if (frozen(type) || !isCollection(type)) throw invalid(`Invalid operation (${c.name}[?] = ?) for ${frozen(type) ? 'frozen collection' : 'non collection'} column ${c.name}`);
    if (type.kind === 'map') {
      const k = ev.value(a.key, type.key, `key(${c.name})`);
      if (k === null) throw invalid('Invalid null map key');
      const v = ev.eval(a.value, type.value, `value(${c.name})`);
      if (v === UNSET) return () => {};
      return (p, row) => {
        const old = ((current(p, row, c, now) ?? []) as [CqlValue, CqlValue][]).filter((e) => compareValues(type.key, e[0], k) !== 0);
        const next = v === null ? old : (normalize(type, [...old, [k, v]]) as CqlValue[]);
        putCell(cells(p, row, c), c.name, emptyToNull(next), attrs);
      };
    }
    if (type.kind === 'list') {
      refuseListIndex(env, 'Setting');
      const idx = ev.value(a.key, native('int'), `idx(${c.name})`);
      if (idx === null) throw invalid('Invalid null value for list index');
      const v = ev.eval(a.value, type.element, `value(${c.name})`);
      if (v === UNSET) return () => {};
      return (p, row) => {
        const old = current(p, row, c, now) as CqlValue[] | null;
        if (!old) throw invalid('Attempted to set an element on a list which is null');
        const i = idx as number;
        if (i < 0 || i >= old.length) throw invalid(`List index ${i} out of bound, list has size ${old.length}`);
        const next = [...old];
        if (v === null) next.splice(i, 1);
        else next[i] = v;
        putCell(cells(p, row, c), c.name, emptyToNull(next), attrs);
      };
    }
    throw invalid(`Invalid operation (${c.name}[?] = ?) for set column ${c.name}`);
  }
  // setField
  if (type.kind !== 'udt') throw invalid(`Invalid operation (${c.name}.${a.field} = ?) for non-UDT column ${c.name}`);
  if (frozen(type)) throw invalid(`Invalid operation (${c.name}.${a.field} = ?) for frozen UDT column ${c.name}`);
  const fi = type.fields.findIndex((f) => f.name === a.field);
  if (fi < 0) throw invalid(`UDT column ${c.name} does not have a field named ${a.field}`);
  const v = ev.eval(a.value, type.fields[fi].type, `${c.name}.${a.field}`);
  if (v === UNSET) return () => {};
  return (p, row) => {
    const old = (current(p, row, c, now) as CqlValue[] | null) ?? type.fields.map(() => null);
    const next = [...old];
    next[fi] = v;
    putCell(cells(p, row, c), c.name, next, attrs);
  };
}

export function deleteElement(env: StmtEnv, t: TableDef, c: ColumnDef, d: DeleteTarget, attrs: WriteAttrs): RowOp {
  const type = c.type;
  const now = env.nowMs;
  if (!d.element && !d.field) {
    return (p, row) => {
      const m = cellsFor(p, row, c);
      if (m) putCell(m, c.name, null, attrs);
    };
  }
  if (d.field) {
    if (type.kind !== 'udt' || frozen(type)) throw invalid(`Invalid field deletion on ${c.name}`);
    const fi = type.fields.findIndex((f) => f.name === d.field);
    if (fi < 0) throw invalid(`UDT column ${c.name} does not have a field named ${d.field}`);
    return (p, row) => {
      const old = current(p, row, c, now) as CqlValue[] | null;
      if (!old) return;
      const next = [...old];
      next[fi] = null;
      putCell(cells(p, row, c), c.name, next, attrs);
    };
  }
  if (frozen(type) || !isCollection(type)) throw invalid(`Invalid deletion operation for ${frozen(type) ? 'frozen collection' : 'non collection'} column ${c.name}`);
  if (type.kind === 'map' || type.kind === 'set') {
    const kt = type.kind === 'map' ? type.key : type.element;
    const k = env.ev.value(d.element!, kt, `key(${c.name})`);
    return (p, row) => {
      const old = current(p, row, c, now) as CqlValue[] | null;
      if (!old) return;
      const next = old.filter((e) => compareValues(kt, type.kind === 'map' ? (e as [CqlValue, CqlValue])[0] : e, k) !== 0);
      putCell(cells(p, row, c), c.name, emptyToNull(next), attrs);
    };
  }
  refuseListIndex(env, 'Removal');
  const idx = env.ev.value(d.element!, native('int'), `idx(${c.name})`) as number;
  return (p, row) => {
    const old = current(p, row, c, now) as CqlValue[] | null;
    if (!old) throw invalid('Attempted to delete an element from a list which is null');
    if (idx < 0 || idx >= old.length) throw invalid(`List index ${idx} out of bound, list has size ${old.length}`);
    const next = old.filter((_, i) => i !== idx);
    putCell(cells(p, row, c), c.name, emptyToNull(next), attrs);
  };
}

export { formatCqlType };
