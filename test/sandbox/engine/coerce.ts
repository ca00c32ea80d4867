// String-constant coercions Cassandra accepts for non-text types (timestamp, date, time, inet, duration), plus
// normalization of collection values (sets sorted and de-duplicated, maps sorted by key) so that storage and
// comparisons can rely on canonical order.

import { invalid } from '../errors.js';
import { compareValues } from '../types/compare.js';
import type { CqlType, CqlValue, Duration } from '../types/cqltype.js';
import { inetBytes, formatInet } from '../types/primitives.js';

export function parseTimestamp(s: string): bigint {
  const t = s.trim();
  if (/^-?\d+$/.test(t)) return BigInt(t);
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i.exec(t);
  if (!m) throw invalid(`Unable to coerce '${s}' to a formatted date (long)`);
  const [, y, mo, d, h = '0', mi = '0', se = '0', frac = '', tz] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  ms += Number((frac + '000').slice(0, 3));
  if (tz && /^[+-]/.test(tz)) {
    const z = tz.replace(':', '');
    const off = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60_000;
    ms -= z[0] === '-' ? -off : off;
  }
  if (Number.isNaN(ms)) throw invalid(`Unable to coerce '${s}' to a formatted date (long)`);
  return BigInt(ms);
}

export function parseDate(s: string): number {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(BigInt(t) - 2n ** 31n);
  const m = /^(-?\d{1,})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) throw invalid(`Unable to coerce '${s}' to a formatted date (long)`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

export function parseTime(s: string): bigint {
  const t = s.trim();
  if (/^\d+$/.test(t)) return BigInt(t);
  const m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(t);
  if (!m) throw invalid(`Unable to coerce '${s}' to a formatted time (long)`);
  const ns = BigInt((m[4] ?? '').padEnd(9, '0'));
  return ((BigInt(m[1]) * 60n + BigInt(m[2])) * 60n + BigInt(m[3])) * 1_000_000_000n + ns;
}

const UNIT_NS: Record<string, bigint> = {
  h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n, ms: 1_000_000n,
  us: 1000n, µs: 1000n, ns: 1n,
};

export function parseDuration(text: string): Duration {
  let s = text.trim();
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const d: Duration = { months: 0, days: 0, nanoseconds: 0n };
  if (/^P/i.test(s)) {
    const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(s);
    if (!iso) throw invalid(`Unable to convert '${text}' to a duration`);
    d.months = Number(iso[1] ?? 0) * 12 + Number(iso[2] ?? 0);
    d.days = Number(iso[3] ?? 0) * 7 + Number(iso[4] ?? 0);
    d.nanoseconds = BigInt(iso[5] ?? 0) * UNIT_NS.h + BigInt(iso[6] ?? 0) * UNIT_NS.m + BigInt(iso[7] ?? 0) * UNIT_NS.s;
  } else {
    const re = /(\d+)(mo|y|w|d|h|ms|us|µs|ns|m|s)/gi;
    let pos = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m.index !== pos) throw invalid(`Unable to convert '${text}' to a duration`);
      pos = re.lastIndex;
      const n = Number(m[1]);
      const u = m[2].toLowerCase();
      if (u === 'y') d.months += 12 * n;
      else if (u === 'mo') d.months += n;
      else if (u === 'w') d.days += 7 * n;
      else if (u === 'd') d.days += n;
      else d.nanoseconds += BigInt(n) * UNIT_NS[u];
    }
    if (pos !== s.length || s.length === 0) throw invalid(`Unable to convert '${text}' to a duration`);
  }
  if (neg) return { months: -d.months, days: -d.days, nanoseconds: -d.nanoseconds };
  return d;
}

export function parseInet(s: string): string {
  try {
    return formatInet(inetBytes(s));
  } catch {
    throw invalid(`Unable to make inet address from '${s}'`);
  }
}

/** Canonical in-memory form: sets sorted/deduplicated and maps sorted by key, recursively. */
export function normalize(type: CqlType, v: CqlValue): CqlValue {
  if (v === null) return v;
  switch (type.kind) {
    case 'set': {
      const arr = (v as CqlValue[]).map((e) => normalize(type.element, e)).sort((a, b) => compareValues(type.element, a, b));
      return arr.filter((e, i) => i === 0 || compareValues(type.element, arr[i - 1], e) !== 0);
    }
    case 'list':
    case 'vector':
      return (v as CqlValue[]).map((e) => normalize(type.element, e));
    case 'map': {
      const arr = (v as [CqlValue, CqlValue][])
        .map(([k, x]) => [normalize(type.key, k), normalize(type.value, x)] as [CqlValue, CqlValue])
        .sort((a, b) => compareValues(type.key, a[0], b[0]));
      // Later entries win on duplicate keys, like a map literal evaluated left to right.
      const out: [CqlValue, CqlValue][] = [];
      for (const e of arr) {
        if (out.length && compareValues(type.key, out[out.length - 1][0], e[0]) === 0) out[out.length - 1] = e;
        else out.push(e);
      }
      return out;
    }
    case 'tuple':
      return (v as CqlValue[]).map((e, i) => normalize(type.elements[i], e));
    case 'udt':
      return type.fields.map((f, i) => normalize(f.type, (v as CqlValue[])[i] ?? null));
    default:
      return v;
  }
}
