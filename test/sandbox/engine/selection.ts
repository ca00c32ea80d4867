// SELECT clause: turns selectors into result columns (names and types as Cassandra reports them) and per-row
// value computations, including aggregates (count/min/max/sum/avg), ttl()/writetime(), token(), casts, element
// and field access, and native scalar functions.

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import { native, type CqlType, type CqlValue, type Decimal } from '../types/cqltype.js';
import { formatCqlType } from '../types/cqltype-text.js';
import type { ColumnSpec } from './api.js';
import type { Selector, SelectItem, Term } from './ast.js';
import { allColumns, type TableDef } from './catalog.js';
import { lookupFunction, unknownFunction } from './functions.js';
import { toJson, formatDecimal } from './json.js';
import { tokenOf } from './keys.js';
import { cellOf, valueOf, type RowView } from './rowview.js';
import { column } from './where.js';
import type { Evaluator } from './values.js';

export interface Aggregator {
  add(v: RowView): void;
  result(): CqlValue;
}

/** A compiled selector: either per-row (`value`) or an aggregate (`agg`). */
export interface Sel {
  name: string;
  type: CqlType;
  value?: (v: RowView) => CqlValue;
  agg?: () => Aggregator;
  columns: string[]; // table columns referenced (for DISTINCT checks)
}

const AGGREGATES = new Set(['count', 'min', 'max', 'sum', 'avg']);
const NUMERIC = ['int', 'smallint', 'tinyint', 'bigint', 'counter', 'varint', 'float', 'double', 'decimal'];

function literalType(t: Term): CqlType {
  switch (t.kind) {
    case 'string': return native('text');
    case 'integer': return native('int');
    case 'float': return native('double');
    case 'boolean': return native('boolean');
    case 'uuid': return native('uuid');
    case 'blob': return native('blob');
    case 'duration': return native('duration');
    default: return native('blob');
  }
}

function numericAdd(type: CqlType, a: CqlValue, b: CqlValue): CqlValue {
  if (typeof a === 'bigint') return a + (b as bigint);
  if (typeof a === 'number') {
    const r = a + (b as number);
    const n = (type as { name: string }).name;
    if (n === 'int') return r | 0;
    if (n === 'smallint') return (r << 16) >> 16;
    if (n === 'tinyint') return (r << 24) >> 24;
    return n === 'float' ? Math.fround(r) : r;
  }
  const x = a as Decimal;
  const y = b as Decimal;
  const s = Math.max(x.scale, y.scale);
  return { unscaled: x.unscaled * 10n ** BigInt(s - x.scale) + y.unscaled * 10n ** BigInt(s - y.scale), scale: s };
}

function zero(type: CqlType): CqlValue {
  const n = (type as { name: string }).name;
  if (n === 'bigint' || n === 'counter' || n === 'varint') return 0n;
  if (n === 'decimal') return { unscaled: 0n, scale: 0 };
  return 0;
}

function average(type: CqlType, sum: CqlValue, count: number): CqlValue {
  if (count === 0) return zero(type);
  if (typeof sum === 'bigint') return sum / BigInt(count);
  if (typeof sum === 'number') {
    const n = (type as { name: string }).name;
    const r = sum / count;
    return n === 'float' ? Math.fround(r) : n === 'double' ? r : Math.trunc(r);
  }
  const d = sum as Decimal;
  // Decimal average keeps Cassandra's default MathContext-ish precision loosely: scale at least 6 digits.
  const scale = Math.max(d.scale, 6);
  const unscaled = (d.unscaled * 10n ** BigInt(scale - d.scale)) / BigInt(count);
  return { unscaled, scale };
}

export class SelectionBuilder {
  constructor(
    private t: TableDef,
    private ev: Evaluator,
    private now: () => number,
  ) {}

  build(sel: Selector): Sel {
    const t = this.t;
    const now = this.now;
    switch (sel.kind) {
      case 'column': {
        const c = column(t, sel.name);
        return { name: c.name, type: c.type, value: (v) => valueOf(v, c, now()), columns: [c.name] };
      }
      case 'countStar':
        return { name: 'count', type: native('bigint'), agg: () => countAgg(() => true), columns: [] };
      case 'term': {
        const type = literalType(sel.term);
        const v = this.ev.eval(sel.term, type, 'selector');
        const val = typeof v === 'symbol' ? null : v;
        return { name: JSON.stringify(val), type, value: () => val, columns: [] };
      }
      case 'cast': {
        const arg = this.build(sel.arg);
        const target = native(sel.type as never);
        return { ...arg, name: `cast(${arg.name} as ${sel.type})`, type: target, value: arg.value && ((v) => castValue(arg.type, target, arg.value!(v))) };
      }
      case 'field': {
        const arg = this.build(sel.arg);
        if (arg.type.kind !== 'udt') throw invalid(`Invalid field selection: ${arg.name} of type ${formatCqlType(arg.type)} is not a user type`);
        const i = arg.type.fields.findIndex((f) => f.name === sel.field);
        if (i < 0) throw invalid(`${arg.type.name} has no field ${sel.field}`);
        return { ...arg, name: `${arg.name}.${sel.field}`, type: arg.type.fields[i].type, value: (v) => ((arg.value!(v) as CqlValue[] | null)?.[i] ?? null) };
      }
      case 'element': {
        const arg = this.build(sel.arg);
        const at = arg.type;
        if (at.kind === 'map') {
          const k = this.ev.value(sel.key, at.key, `key(${arg.name})`);
          return { ...arg, name: `${arg.name}[${String(k)}]`, type: at.value, value: (v) => ((arg.value!(v) as [CqlValue, CqlValue][] | null)?.find((e) => compareValues(at.key, e[0], k) === 0)?.[1] ?? null) };
        }
        if (at.kind === 'set') {
          const k = this.ev.value(sel.key, at.element, `element(${arg.name})`);
          return { ...arg, name: `${arg.name}[${String(k)}]`, type: at.element, value: (v) => ((arg.value!(v) as CqlValue[] | null)?.find((e) => compareValues(at.element, e, k) === 0) ?? null) };
        }
        throw invalid(`Element selection is only allowed on sets and maps, but ${arg.name} is a ${formatCqlType(at)}`);
      }
      case 'slice': {
        const arg = this.build(sel.arg);
        const at = arg.type;
        if (at.kind !== 'set' && at.kind !== 'map') throw invalid(`Slice selection is only allowed on sets and maps, but ${arg.name} is a ${formatCqlType(at)}`);
        const kt = at.kind === 'set' ? at.element : at.key;
        const from = sel.from ? this.ev.value(sel.from, kt, arg.name) : null;
        const to = sel.to ? this.ev.value(sel.to, kt, arg.name) : null;
        const keyOf = (e: CqlValue) => (at.kind === 'map' ? (e as [CqlValue, CqlValue])[0] : e);
        return {
          ...arg,
          name: `${arg.name}[${from ?? ''}..${to ?? ''}]`,
          value: (v) => {
            const arr = arg.value!(v) as CqlValue[] | null;
            if (!arr) return null;
            return arr.filter((e) => (from === null || compareValues(kt, keyOf(e), from) >= 0) && (to === null || compareValues(kt, keyOf(e), to) <= 0));
          },
        };
      }
      case 'function':
        return this.fn(sel.name.name.toLowerCase(), sel.args);
    }
  }

  private fn(name: string, args: Selector[]): Sel {
    const t = this.t;
    const now = this.now;
    if (name === 'ttl' || name === 'writetime') {
      if (args.length !== 1 || args[0].kind !== 'column') throw invalid(`Invalid arguments for ${name}`);
      const c = column(t, (args[0] as { name: string }).name);
      if (c.kind === 'partition_key' || c.kind === 'clustering') throw invalid(`Cannot use selection function ${name} on PRIMARY KEY part ${c.name}`);
      if ((c.type.kind === 'list' || c.type.kind === 'set' || c.type.kind === 'map') && !c.type.frozen) {
        throw invalid(`Cannot use selection function ${name} on non-frozen collection ${c.name}`);
      }
      const ttl = name === 'ttl';
      return {
        name: `${name}(${c.name})`,
        type: native(ttl ? 'int' : 'bigint'),
        columns: [c.name],
        value: (v) => {
          const cell = cellOf(v, c, now());
          if (!cell || cell.value === null) return null;
          if (!ttl) return cell.ts;
          return cell.expiresAt === undefined ? null : Math.max(0, Math.ceil((cell.expiresAt - now()) / 1000));
        },
      };
    }
    if (name === 'token') {
      const names = args.map((a) => (a.kind === 'column' ? a.name : ''));
      if (names.join(',') !== t.partitionKey.map((c) => c.name).join(',')) {
        throw invalid(`Type error: ${names.join(', ')} cannot be passed as argument 0 of function system.token of type ${formatCqlType(t.partitionKey[0].type)}`);
      }
      return {
        name: `system.token(${names.join(', ')})`,
        type: native('bigint'),
        columns: names,
        value: (v) => tokenOf(t.partitionKey.map((c) => c.type), v.p.pk).token,
      };
    }
    // Literal/bind arguments take their type from the function signature, or (similarity_*) from the column.
    const declared = lookupFunction(name)?.argTypes(args.length) ?? [];
    const firstCol = args.find((a) => a.kind === 'column') as { name: string } | undefined;
    const colType = firstCol ? column(t, firstCol.name).type : undefined;
    const built = args.map((a, i) => {
      if (a.kind !== 'term') return this.build(a);
      const type = declared[i] ?? (name.startsWith('similarity_') ? colType : undefined) ?? literalType(a.term);
      const v = this.ev.eval(a.term, type, name);
      const val = typeof v === 'symbol' ? null : v;
      return { name: '?', type, value: () => val, columns: [] } as Sel;
    });
    const argNames = built.map((b) => b.name).join(', ');
    if (name === 'count' && args.length === 1 && args[0].kind === 'term') {
      return { name: `system.count(${argNames})`, type: native('bigint'), agg: () => countAgg(() => true), columns: [] };
    }
    if (AGGREGATES.has(name)) {
      if (built.length !== 1) throw invalid(`Invalid number of arguments in call to function system.${name}: 1 required but ${built.length} provided`);
      const a = built[0];
      if (!a.value) throw invalid('Aggregate functions cannot be nested');
      const type = name === 'count' ? native('bigint') : a.type;
      const tn = (a.type as { name?: string }).name ?? '';
      if ((name === 'sum' || name === 'avg') && !NUMERIC.includes(tn)) {
        throw invalid(`Invalid call to function system.${name}, none of its type signatures match (arguments: ${formatCqlType(a.type)})`);
      }
      return { name: `system.${name}(${argNames})`, type, columns: a.columns, agg: () => makeAgg(name, a) };
    }
    if (name === 'tojson') {
      const a = built[0];
      return { name: `system.tojson(${argNames})`, type: native('text'), columns: a.columns, value: (v) => toJson(a.type, a.value!(v)) };
    }
    const fn = lookupFunction(name);
    if (!fn) unknownFunction(name);
    const type = fn.returns(built.map((b) => b.type));
    return {
      name: `system.${name}(${argNames})`,
      type,
      columns: built.flatMap((b) => b.columns),
      value: (v) => fn.call(built.map((b) => ({ type: b.type, value: b.value ? b.value(v) : null }))),
    };
  }
}

function countAgg(pred: (v: RowView) => boolean): Aggregator {
  let n = 0n;
  return { add: (v) => { if (pred(v)) n++; }, result: () => n };
}

function makeAgg(name: string, a: Sel): Aggregator {
  const type = a.type;
  if (name === 'count') return countAgg((v) => a.value!(v) !== null);
  let acc: CqlValue = name === 'sum' || name === 'avg' ? zero(type) : null;
  let n = 0;
  return {
    add(v) {
      const x = a.value!(v);
      if (x === null) return;
      n++;
      if (name === 'min') acc = acc === null || compareValues(type, x, acc) < 0 ? x : acc;
      else if (name === 'max') acc = acc === null || compareValues(type, x, acc) > 0 ? x : acc;
      else acc = numericAdd(type, acc, x);
    },
    result: () => (name === 'avg' ? average(type, acc, n) : acc),
  };
}

function castValue(from: CqlType, to: CqlType, v: CqlValue): CqlValue {
  if (v === null) return null;
  const tn = (to as { name: string }).name;
  if (tn === 'text' || tn === 'ascii') {
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null && 'unscaled' in v) return formatDecimal(v as Decimal);
    const j = toJson(from, v);
    return j.startsWith('"') ? JSON.parse(j) : j;
  }
  const num = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'object' && 'unscaled' in (v as object) ? Number(formatDecimal(v as Decimal)) : NaN;
  switch (tn) {
    case 'int': return Math.trunc(num) | 0;
    case 'smallint': return (Math.trunc(num) << 16) >> 16;
    case 'tinyint': return (Math.trunc(num) << 24) >> 24;
    case 'bigint': case 'varint': case 'counter': return typeof v === 'bigint' ? v : BigInt(Math.trunc(num));
    case 'float': return Math.fround(num);
    case 'double': return num;
    case 'decimal': return { unscaled: BigInt(Math.round(num * 1e6)), scale: 6 };
    default: throw invalid(`Casting from ${formatCqlType(from)} to ${tn} is not supported`);
  }
}

/** Expands `*` and explicit items into compiled selectors with result names (aliases applied). */
export function compileSelection(t: TableDef, items: SelectItem[] | '*', ev: Evaluator, now: () => number): Sel[] {
  const b = new SelectionBuilder(t, ev, now);
  if (items === '*') return allColumns(t).map((c) => b.build({ kind: 'column', name: c.name }));
  return items.map((it) => {
    const s = b.build(it.selector);
    return it.alias ? { ...s, name: it.alias } : s;
  });
}

export function specsOf(t: TableDef, sels: Sel[]): ColumnSpec[] {
  return sels.map((s) => ({ keyspace: t.keyspace, table: t.name, name: s.name, type: s.type }));
}
