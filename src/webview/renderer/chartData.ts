// DOM-free: which columns a chart can plot and their values as numbers. bigint, varint, decimal and counter keep
// their exact text in the payload; a chart draws them as doubles (about 15–17 significant digits), which is
// stated under the chart. Timestamps plot as their milliseconds.

import type { ResultColumn } from '../../shared/resultPayload.js';
import type { EncodedValue } from '../../shared/valueEncoding.js';

const NUMERIC = /^(int|smallint|tinyint|bigint|varint|decimal|float|double|counter|timestamp|date)$/;
const WIDE = /^(bigint|varint|decimal|counter)$/;

export const isNumericType = (type: string): boolean => NUMERIC.test(type);
export const isWideType = (type: string): boolean => WIDE.test(type);

export function chartableColumns(columns: readonly ResultColumn[]): number[] {
  return columns.flatMap((c, i) => (isNumericType(c.type) ? [i] : []));
}

/** The value as a number, or null (null, NaN, infinities, non-numeric values). */
export function toNumber(v: EncodedValue | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object') return null;
  switch (v.t) {
    case 'bigint': case 'varint': case 'decimal': case 'counter': {
      const n = Number(v.v);
      return Number.isFinite(n) ? n : null;
    }
    case 'float':
      return typeof v.v === 'number' ? v.v : null;
    case 'timestamp':
      return v.ms;
    case 'date': {
      const ms = Date.parse(`${v.v}T00:00:00Z`);
      return Number.isFinite(ms) ? ms : null;
    }
    default:
      return null;
  }
}

/** About `count` round tick values covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** Short tick text: 1.2k, 3.4M, or the number. */
export function tickText(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${Number((n / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((n / 1e3).toPrecision(3))}k`;
  return String(Number(n.toPrecision(4)));
}
