// DOM-free (unit tested): the table's columns and the text of a cell.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';

/** Columns past this many are left to the JSON view: a table 500 fields wide helps nobody. */
export const MAX_COLUMNS = 40;

/** Adds the top-level fields of `rows` not seen before to `columns`, in first-seen order with `_id` first.
 *  Returns whether the columns changed (the table then builds its header and rows again). */
export function mergeColumns(columns: string[], rows: readonly DocumentRow[]): boolean {
  const before = columns.length;
  for (const r of rows) {
    for (const [k] of r.fields) if (columns.length < MAX_COLUMNS && !columns.includes(k)) columns.push(k);
  }
  const idAt = columns.indexOf('_id');
  if (idAt > 0) columns.unshift(...columns.splice(idAt, 1));
  return columns.length !== before;
}

/** A cell shows one line, so every row has the same height (the window over 1,000 rows is computed from it):
 *  line breaks show as ↵, the whole value stays in the cell's tooltip. */
export function cellLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '↵');
}
