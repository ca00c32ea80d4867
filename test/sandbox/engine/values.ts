// Term evaluation: turns literals, bind markers and function calls into CqlValues for a known receiver type,
// with Cassandra's error wording for mismatches (e.g. `Invalid STRING constant (abc) for "id" of type int`).

import { invalid } from '../errors.js';
import { UNSET, type BoundValue } from './api.js';
import type { Term } from './ast.js';
import { native, type CqlType, type CqlValue, type NativeTypeName } from '../types/cqltype.js';
import { decodeValue } from '../types/codec.js';
import { parseDecimal } from '../types/primitives.js';
import { formatCqlType } from '../types/cqltype-text.js';
import { normalize, parseDate, parseDuration, parseInet, parseTime, parseTimestamp } from './coerce.js';
import { lookupFunction, unknownFunction, type Typed } from './functions.js';

export type Unset = typeof UNSET;
export type Evaluated = CqlValue | Unset;

/** Resolves TypeText (type hints) with the statement's keyspace. */
export type TypeResolver = (text: string) => CqlType;

export class Evaluator {
  constructor(
    readonly binds: BoundValue[],
    readonly resolveType: TypeResolver,
  ) {}

  bound(index: number, type: CqlType): Evaluated {
    if (index >= this.binds.length) throw invalid(`No value has been bound to bind marker ${index}`);
    const b = this.binds[index];
    if (b === UNSET) return UNSET;
    if (b === null) return null;
    // Empty buffers of non-string types read as null for us (Cassandra's "empty" values).
    return normalize(type, decodeValue(type, b));
  }

  /** Evaluates `t` for a receiver column (or element) named `recv` of `type`. */
  eval(t: Term, type: CqlType, recv: string): Evaluated {
    switch (t.kind) {
      case 'bind':
        return this.bound(t.index, type);
      case 'null':
        return null;
      case 'function':
        return this.call(t.name.name, t.args, type, recv).value;
      case 'typeHint': {
        const hinted = this.resolveType(t.type);
        return this.eval(t.term, hinted, recv);
      }
      case 'negate':
      case 'arithmetic':
        return arithmetic(t, (x) => this.eval(x, type, recv), type, recv);
      default:
        return normalize(type, this.literal(t, type, recv));
    }
  }

  /** A collection element: never null or unset. */
  element(t: Term, type: CqlType, recv: string): CqlValue {
    const v = this.value(t, type, recv);
    if (v === null) throw invalid('null is not supported inside collections');
    return v;
  }

  /** Evaluates a term that must not be unset (keys, conditions). */
  value(t: Term, type: CqlType, recv: string): CqlValue {
    const v = this.eval(t, type, recv);
    if (v === UNSET) throw invalid(`Invalid unset value for column ${recv}`);
    return v;
  }

  call(name: string, args: Term[], receiver: CqlType | null, recv: string): Typed {
    const fn = lookupFunction(name);
    if (!fn) unknownFunction(name);
    const argTypes = fn.argTypes(args.length);
    const typed = args.map((a, i) => {
      const at = argTypes[i] ?? receiver ?? native('blob');
      const v = this.eval(a, at, recv);
      return { type: at, value: v === UNSET ? null : v };
    });
    return { type: fn.returns(typed.map((x) => x.type)), value: fn.call(typed) };
  }

  private literal(t: Term, type: CqlType, recv: string): CqlValue {
    const bad = (kind: string, text: string): never => {
      throw invalid(`Invalid ${kind} constant (${text}) for "${recv}" of type ${formatCqlType(type)}`);
    };
    const badCollection = (kind: string): never => {
      throw invalid(`Invalid ${kind} literal for ${recv} of type ${formatCqlType(type)}`);
    };
    const n = type.kind === 'native' ? type.name : null;
    switch (t.kind) {
      case 'string':
        switch (n) {
          case 'text':
            return t.value;
          case 'ascii':
            if (/[^\x00-\x7f]/.test(t.value)) throw invalid(`Invalid ASCII character in string literal`);
            return t.value;
          case 'timestamp':
            return parseTimestamp(t.value);
          case 'date':
            return parseDate(t.value);
          case 'time':
            return parseTime(t.value);
          case 'inet':
            return parseInet(t.value);
          case 'duration':
            return parseDuration(t.value);
          default:
            return bad('STRING', t.value);
        }
      case 'integer':
        return n ? integerFor(n, t.text, bad) : bad('INTEGER', t.text);
      case 'float':
        if (n === 'double' || n === 'float') {
          const v = Number(t.text);
          return n === 'float' ? Math.fround(v) : v;
        }
        if (n === 'decimal') return parseDecimal(t.text);
        return bad('FLOAT', t.text);
      case 'boolean':
        return n === 'boolean' ? t.value : bad('BOOLEAN', String(t.value));
      case 'uuid':
        if (n === 'uuid') return t.value;
        if (n === 'timeuuid') {
          if (t.value[14] !== '1') throw invalid(`Unsupported UUID version for timeuuid ${t.value}`);
          return t.value;
        }
        return bad('UUID', t.value);
      case 'blob':
        return n === 'blob' || type.kind === 'custom' ? Buffer.from(t.hex, 'hex') : bad('HEX', '0x' + t.hex);
      case 'duration':
        return n === 'duration' ? parseDuration(t.text) : bad('DURATION', t.text);
      case 'list':
        if (type.kind === 'list') return t.elements.map((e) => this.element(e, type.element, recv));
        if (type.kind === 'vector') {
          if (t.elements.length !== type.dimension) {
            throw invalid(`Invalid vector literal for ${recv} of type ${formatCqlType(type)}; expected ${type.dimension} elements, but given ${t.elements.length}`);
          }
          return t.elements.map((e) => this.value(e, type.element, recv));
        }
        return badCollection('list');
      case 'set':
        if (type.kind === 'set') return t.elements.map((e) => this.element(e, type.element, recv));
        return badCollection('set');
      case 'map':
        if (type.kind === 'map') {
          return t.entries.map(([k, v]) => [this.element(k, type.key, recv), this.element(v, type.value, recv)] as [CqlValue, CqlValue]);
        }
        if (t.entries.length === 0 && (type.kind === 'set' || type.kind === 'list')) return [];
        if (t.entries.length === 0 && type.kind === 'udt') return type.fields.map(() => null);
        return badCollection('map');
      case 'udt': {
        if (type.kind !== 'udt') return badCollection('user type');
        const out: CqlValue[] = type.fields.map(() => null);
        for (const f of t.fields) {
          const i = type.fields.findIndex((x) => x.name === f.name);
          if (i < 0) throw invalid(`Unknown field '${f.name}' in value of user defined type ${type.name}`);
          out[i] = this.value(f.value, type.fields[i].type, recv);
        }
        return out;
      }
      case 'tuple':
        if (type.kind === 'tuple') {
          if (t.elements.length > type.elements.length) {
            throw invalid(`Invalid tuple literal for ${recv}: too many elements. Type ${formatCqlType(type)} expects ${type.elements.length} but got ${t.elements.length}`);
          }
          return type.elements.map((et, i) => (i < t.elements.length ? this.value(t.elements[i], et, recv) : null));
        }
        return badCollection('tuple');
      default:
        throw invalid(`Invalid value for ${recv}`);
    }
  }
}

const RANGES: Partial<Record<NativeTypeName, [bigint, bigint]>> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-(2n ** 63n), 2n ** 63n - 1n],
  counter: [-(2n ** 63n), 2n ** 63n - 1n],
  timestamp: [-(2n ** 63n), 2n ** 63n - 1n],
};

function integerFor(n: NativeTypeName, text: string, bad: (k: string, t: string) => never): CqlValue {
  const v = BigInt(text);
  const range = RANGES[n];
  if (range && (v < range[0] || v > range[1])) {
    throw invalid(`Unable to make ${n === 'counter' ? 'long' : n === 'bigint' ? 'long' : n} from '${text}'`);
  }
  switch (n) {
    case 'tinyint':
    case 'smallint':
    case 'int':
      return Number(v);
    case 'bigint':
    case 'counter':
    case 'varint':
    case 'timestamp':
    case 'time':
      return v;
    case 'date':
      return Number(v - 2n ** 31n);
    case 'decimal':
      return { unscaled: v, scale: 0 };
    case 'float':
      return Math.fround(Number(text));
    case 'double':
      return Number(text);
    default:
      return bad('INTEGER', text);
  }
}

function arithmetic(t: Term, ev: (x: Term) => Evaluated, type: CqlType, recv: string): CqlValue {
  if (t.kind === 'negate') {
    const v = ev(t.term);
    if (v === null || v === UNSET) return null;
    return typeof v === 'bigint' ? -v : typeof v === 'number' ? -v : neverArith(recv);
  }
  if (t.kind !== 'arithmetic') return neverArith(recv);
  const a = ev(t.left);
  const b = ev(t.right);
  if (a === null || b === null || a === UNSET || b === UNSET) return null;
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if ((t.op === '/' || t.op === '%') && b === 0n) throw invalid('the operation \'' + t.op + '\' failed: / by zero');
    return { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b }[t.op];
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const r = { '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b }[t.op];
    return type.kind === 'native' && ['int', 'smallint', 'tinyint'].includes(type.name) ? Math.trunc(r) | 0 : r;
  }
  return neverArith(recv);
}

function neverArith(recv: string): never {
  throw invalid(`Invalid arithmetic operation for ${recv}`);
}
