// CSV / JSON export text, written page by page so exports of any size stream to disk.

import type { ResultColumn } from '../../shared/resultPayload.js';
import { formatValue, toJsonValue, type EncodedValue } from '../../shared/valueEncoding.js';

/** RFC 4180 field: quoted when needed. null is an empty field, an empty string is `""`, so they stay distinct. */
export function csvField(v: EncodedValue): string {
  if (v === null) return '';
  const s = formatValue(v);
  return s === '' || /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(columns: readonly ResultColumn[]): string {
  return `${columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

export function csvRows(rows: readonly EncodedValue[][]): string {
  let out = '';
  for (const r of rows) out += `${r.map(csvField).join(',')}\r\n`;
  return out;
}

/** JSON export is an array of objects keyed by column name; `first` says whether a row was written before. */
export function jsonRows(columns: readonly ResultColumn[], rows: readonly EncodedValue[][], first: boolean): string {
  let out = '';
  rows.forEach((r, i) => {
    const o: Record<string, unknown> = {};
    columns.forEach((c, j) => (o[c.name] = toJsonValue(r[j] ?? null)));
    out += `${first && i === 0 ? '' : ',\n'}  ${JSON.stringify(o)}`;
  });
  return out;
}

export const JSON_OPEN = '[\n';
export const jsonClose = (empty: boolean) => (empty ? ']\n' : '\n]\n');
