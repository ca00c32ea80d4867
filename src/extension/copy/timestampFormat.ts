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

function civil(y: string, mo: string, d: string, h?: string, mi?: string, s?: string, frac?: string, zone?: string): number | undefined {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  if (date.getUTCDate() !== day) return undefined;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  date.setUTCHours(Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  let offset = 0;
  if (zone && zone !== 'Z' && zone !== 'UTC' && zone !== 'GMT') {
    const z = /^([-+])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  const out = date.getTime() - offset;
  return Number.isFinite(out) ? out : undefined;
}
