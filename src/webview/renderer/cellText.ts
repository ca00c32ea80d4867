// Display text for grid cells and column sizing, DOM-free (unit tested).

import type { ResultColumn } from '../../shared/resultPayload.js';
import { formatValue, formatVectorCompact, type EncodedValue } from '../../shared/valueEncoding.js';

/** Longest text put in a grid cell; the full value opens in the detail view. */
export const CELL_TEXT_LIMIT = 300;

export function cellText(v: EncodedValue): { text: string; truncated: boolean; isNull: boolean } {
  if (v === null) return { text: 'null', truncated: false, isNull: true };
  const compact = formatVectorCompact(v);
  if (compact !== undefined) return { text: compact, truncated: true, isNull: false };
  const full = formatValue(v);
  const oneLine = full.replace(/\r?\n/g, '↵');
  if (oneLine.length > CELL_TEXT_LIMIT) return { text: `${oneLine.slice(0, CELL_TEXT_LIMIT)}…`, truncated: true, isNull: false };
  return { text: oneLine, truncated: oneLine !== full, isNull: false };
}

/** Initial column widths in px from the header and a sample of rows, clamped to [min, max]. */
export function initialWidths(columns: readonly ResultColumn[], rows: readonly EncodedValue[][], charPx = 7.5, min = 60, max = 360, sample = 200): number[] {
  return columns.map((c, j) => {
    let chars = Math.max(c.name.length, c.type.length);
    for (let i = 0; i < Math.min(rows.length, sample); i++) chars = Math.max(chars, Math.min(60, cellText(rows[i]![j] ?? null).text.length));
    return Math.round(Math.min(max, Math.max(min, chars * charPx + 20)));
  });
}

/** Tab-separated text of rows (for copying a row or a column into spreadsheets). */
export function tsv(rows: readonly EncodedValue[][]): string {
  return rows.map((r) => r.map((v) => (v === null ? '' : formatValue(v).replace(/[\t\r\n]/g, ' '))).join('\t')).join('\n');
}
