// CQL ↔ JSON as Cassandra's toJson()/fromJson() and SELECT JSON / INSERT JSON do it.

import { invalid } from '../errors.js';
import type { CqlType, CqlValue, Decimal, Duration } from '../types/cqltype.js';
import { formatCqlType } from '../types/cqltype-text.js';
import { normalize, parseDate, parseDuration, parseInet, parseTime, parseTimestamp } from './coerce.js';
import { parseDecimal } from '../types/primitives.js';

export function formatDecimal(d: Decimal): string {
  const neg = d.unscaled < 0n;
  let digits = (neg ? -d.unscaled : d.unscaled).toString();
  if (d.scale <= 0) return (neg ? '-' : '') + digits + '0'.repeat(-d.scale);
  digits = digits.padStart(d.scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
}

export function formatTimestamp(ms: bigint): string {
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return ms.toString();
  return d.toISOString().replace('T', ' ').replace('Z', 'Z');
}

export function formatDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export function formatTime(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const p = (n: bigint) => n.toString().padStart(2, '0');
  return `${p(s / 3600n)}:${p((s / 60n) % 60n)}:${p(s % 60n)}.${(ns % 1_000_000_000n).toString().padStart(9, '0')}`;
}

export function formatDuration(d: Duration): string {
  const neg = d.months < 0 || d.days < 0 || d.nanoseconds < 0n;
  const abs = (x: number) => Math.abs(x);
  let out = '';
  const y = Math.floor(abs(d.months) / 12);
  const mo = abs(d.months) % 12;
  if (y) out += `${y}y`;
  if (mo) out += `${mo}mo`;
  if (d.days) out += `${abs(d.days)}d`;
  let ns = d.nanoseconds < 0n ? -d.nanoseconds : d.nanoseconds;
  const units: [string, bigint][] = [['h', 3_600_000_000_000n], ['m', 60_000_000_000n], ['s', 1_000_000_000n], ['ms', 1_000_000n], ['us', 1000n], ['ns', 1n]];
  for (const [u, size] of units) {
    if (ns >= size) {
      out += `${ns / size}${u}`;
      ns %= size;
    }
  }
  return (neg ? '-' : '') + (out || '0s');
}

/** Java's Float/Double.toString: shortest round-trip digits, `1.0`, and `1.0E20` outside [1e-3, 1e7). */
export function javaFloat(n: number, single: boolean): string {
  let digits = String(n);
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const c = Number(n.toPrecision(p));
      if (Math.fround(c) === n) {
        digits = String(c);
        break;
      }
    }
  }
  const x = Number(digits);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-3)) {
    const [m, e] = x.toExponential().split('e');
    return `${m.includes('.') ? m : m + '.0'}E${e.replace('+', '')}`;
  }
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** JSON text of a value, like Cassandra's AbstractType.toJSONString. */
export function toJson(type: CqlType, v: CqlValue): string {
  if (v === null) return 'null';
  switch (type.kind) {
    case 'native':
      switch (type.name) {
        case 'ascii': case 'text': return JSON.stringify(v);
        case 'int': case 'smallint': case 'tinyint': case 'bigint': case 'counter': case 'varint': return String(v);
        case 'float': case 'double': {
          const n = v as number;
          return Number.isFinite(n) ? javaFloat(n, type.name === 'float') : `"${n}"`;
        }
        case 'decimal': return formatDecimal(v as Decimal);
        case 'boolean': return String(v);
        case 'blob': return `"0x${(v as Buffer).toString('hex')}"`;
        case 'timestamp': return `"${formatTimestamp(v as bigint)}"`;
        case 'date': return `"${formatDate(v as number)}"`;
        case 'time': return `"${formatTime(v as bigint)}"`;
        case 'duration': return `"${formatDuration(v as Duration)}"`;
        default: return JSON.stringify(String(v)); // uuid, timeuuid, inet
      }
    case 'list':
    case 'set':
    case 'vector':
      return `[${(v as CqlValue[]).map((e) => toJson(type.element, e)).join(', ')}]`;
    case 'tuple':
      return `[${(v as CqlValue[]).map((e, i) => toJson(type.elements[i], e)).join(', ')}]`;
    case 'map':
      return `{${(v as [CqlValue, CqlValue][])
        .map(([k, x]) => {
          const kt = toJson(type.key, k);
          return `${kt.startsWith('"') ? kt : JSON.stringify(kt)}: ${toJson(type.value, x)}`;
        })
        .join(', ')}}`;
    case 'udt':
      return `{${type.fields.map((f, i) => `${JSON.stringify(jsonName(f.name))}: ${toJson(f.type, (v as CqlValue[])[i] ?? null)}`).join(', ')}}`;
    case 'custom':
      return `"0x${(v as Buffer).toString('hex')}"`;
  }
}

/** Case-sensitive column/field names are quoted in JSON keys, as in CQL; selector names (`ttl(v)`) are not. */
export function jsonName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) || /[().[\]]/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Converts a parsed JSON value to a CqlValue of `type` (fromJson / INSERT JSON). */
export function fromJson(type: CqlType, j: unknown, col: string): CqlValue {
  if (j === null || j === undefined) return null;
  const fail = (): never => {
    throw invalid(`Error decoding JSON value for ${col}: Expected a ${formatCqlType(type)} value, but got a ${Array.isArray(j) ? 'list' : typeof j}: ${JSON.stringify(j)}`);
  };
  switch (type.kind) {
    case 'native': {
      const s = typeof j === 'string' ? j : null;
      const num = typeof j === 'number' ? j : s !== null && /^-?[\d.eE+-]+$/.test(s) ? Number(s) : null;
      switch (type.name) {
        case 'ascii': case 'text': return s ?? fail();
        case 'int': case 'smallint': case 'tinyint':
          return num !== null && Number.isInteger(num) ? num : fail();
        case 'bigint': case 'counter': case 'varint':
          return typeof j === 'number' && Number.isInteger(j) ? BigInt(j) : s !== null && /^-?\d+$/.test(s) ? BigInt(s) : fail();
        case 'float': return num !== null ? Math.fround(num) : fail();
        case 'double': return num !== null ? num : fail();
        case 'decimal': return typeof j === 'number' || s !== null ? parseDecimal(String(j)) : fail();
        case 'boolean': return typeof j === 'boolean' ? j : s === 'true' ? true : s === 'false' ? false : fail();
        case 'blob': return s !== null && /^0x[0-9a-fA-F]*$/.test(s) ? Buffer.from(s.slice(2), 'hex') : fail();
        case 'timestamp': return typeof j === 'number' ? BigInt(Math.trunc(j)) : s !== null ? parseTimestamp(s) : fail();
        case 'date': return s !== null ? parseDate(s) : typeof j === 'number' ? j : fail();
        case 'time': return s !== null ? parseTime(s) : typeof j === 'number' ? BigInt(j) : fail();
        case 'duration': return s !== null ? parseDuration(s) : fail();
        case 'inet': return s !== null ? parseInet(s) : fail();
        case 'uuid': case 'timeuuid':
          return s !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? s.toLowerCase() : fail();
      }
      return fail();
    }
    case 'list':
    case 'set':
    case 'vector':
      if (!Array.isArray(j)) return fail();
      return normalize(type, j.map((e) => fromJson(type.element, e, col)));
    case 'tuple':
      if (!Array.isArray(j)) return fail();
      return type.elements.map((t, i) => fromJson(t, j[i], col));
    case 'map': {
      if (typeof j !== 'object' || Array.isArray(j)) return fail();
      const kt = type.key;
      const entries = Object.entries(j as object).map(([k, x]) => {
        let kj: unknown = k;
        if (kt.kind !== 'native' || !['text', 'ascii', 'uuid', 'timeuuid', 'inet', 'timestamp', 'date', 'time', 'duration', 'blob'].includes(kt.name)) {
          try {
            kj = JSON.parse(k);
          } catch {
            kj = k;
          }
        }
        return [fromJson(kt, kj, col), fromJson(type.value, x, col)] as [CqlValue, CqlValue];
      });
      return normalize(type, entries);
    }
    case 'udt': {
      if (typeof j !== 'object' || Array.isArray(j)) return fail();
      const o = j as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const n = k.startsWith('"') ? k.slice(1, -1) : k.toLowerCase();
        if (!type.fields.some((f) => f.name === n)) throw invalid(`Unknown field '${n}' in value of user defined type ${type.name}`);
      }
      return type.fields.map((f) => fromJson(f.type, o[f.name] ?? o[`"${f.name}"`], col));
    }
    case 'custom':
      return typeof j === 'string' && j.startsWith('0x') ? Buffer.from(j.slice(2), 'hex') : fail();
  }
}
