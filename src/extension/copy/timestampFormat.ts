// DATETIMEFORMAT: cqlsh's strftime-style timestamp text, written and read back. Only UTC is written (the offset is
// part of the text, so it reads back exactly); reading accepts the format, ISO 8601, or milliseconds since 1970.

import { isoUtc } from '../cql/scalarText.js';

export interface TimestampFormat {
  format(ms: number): string;
  /** Milliseconds since 1970, or undefined when the text is not a timestamp. */
  parse(text: string): number | undefined;
}

type Part = (iso: string, ms: number) => string;

// isoUtc: `YYYY-MM-DDTHH:mm:ss.sssZ`, or `±YYYYYY-…` outside years 0–9999; the year is everything before the
// third-from-last dash-separated piece.
const yearEnd = (iso: string) => iso.length - 20;
const PARTS: Record<string, Part> = {
  Y: (iso) => iso.slice(0, yearEnd(iso)),
  m: (iso) => iso.slice(yearEnd(iso) + 1, yearEnd(iso) + 3),
  d: (iso) => iso.slice(yearEnd(iso) + 4, yearEnd(iso) + 6),
  H: (iso) => iso.slice(-13, -11),
  M: (iso) => iso.slice(-10, -8),
  S: (iso) => iso.slice(-7, -5),
  f: (iso) => iso.slice(-4, -1),
  z: () => '+0000',
  Z: () => 'UTC',
  '%': () => '%',
};

const READ: Record<string, string> = {
  Y: '([-+]?\\d{4,})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})',
  f: '(\\d{1,9})', z: '(Z|[-+]\\d{2}:?\\d{2})', Z: '(UTC|GMT|Z)', '%': '%',
};

const ISO = /^([-+]?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[-+]\d{2}:?\d{2})?$/;

export function timestampFormat(fmt: string): TimestampFormat {
  const pieces: (string | Part)[] = [];
  const order: string[] = [];
  let re = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    const spec = c === '%' ? fmt[i + 1] : undefined;
    if (spec !== undefined && PARTS[spec]) {
      pieces.push(PARTS[spec]!);
      re += READ[spec]!;
      if (spec !== '%') order.push(spec);
      i++;
    } else {
      pieces.push(c);
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const own = new RegExp(`^${re}$`);
  return {
    format(ms) {
      const iso = isoUtc(ms);
      let out = '';
      for (const p of pieces) out += typeof p === 'string' ? p : p(iso, ms);
      return out;
    },
    parse(text) {
      const t = text.trim();
      const m = own.exec(t);
      if (m) {
        const f: Record<string, string> = {};
        order.forEach((k, i) => (f[k] = m[i + 1]!));
        return civil(f['Y'] ?? '1970', f['m'] ?? '1', f['d'] ?? '1', f['H'], f['M'], f['S'], f['f'], f['z']);
      }
      const iso = ISO.exec(t);
      if (iso) return civil(iso[1]!, iso[2]!, iso[3]!, iso[4], iso[5], iso[6], iso[7], iso[8]);
      if (/^-?\d+$/.test(t)) return Number(t);
      return undefined;
    },
  };
}

/** Milliseconds since 1970 from civil UTC parts (then the zone's offset), by arithmetic: no Date object per value. */
function civil(y: string, mo: string, d: string, h?: string, mi?: string, s?: string, frac?: string, zone?: string): number | undefined {
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  const ms = frac ? Number(frac.length === 3 ? frac : frac.padEnd(3, '0').slice(0, 3)) : 0;
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const z = /^([-+])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  const out = daysFromCivil(year, month, day) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(mi ?? 0) * 60_000 + Number(s ?? 0) * 1000 + ms - offset;
  // The range a JavaScript Date (and so the driver) can carry.
  return Math.abs(out) <= 8.64e15 ? out : undefined;
}

const daysInMonth = (y: number, m: number) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** Days since 1970-01-01 of a proleptic Gregorian date, any year (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
