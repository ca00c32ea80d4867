// DOM-free (unit tested): the text the JSON view copies. Only the blocks near the viewport are in the DOM, so a copy
// of more than one document (select all, a drag across blocks, the Copy button) is written from the documents
// themselves, as one JSON array with every document exact and complete.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';

/** The documents as a JSON array, each document's own text indented one level (a JSON string holds no raw line
 *  break, so indenting every line changes no value). */
export function jsonArray(rows: readonly DocumentRow[]): string {
  if (rows.length === 0) return '[]';
  return `[\n${rows.map((r) => r.json.replace(/^/gm, '  ')).join(',\n')}\n]`;
}

/** Where a selection's end lies: in block `row`, or before / after the whole list. */
export type SelectionEnd = { row: number } | 'before' | 'after';

/** The documents a selection from `start` to `end` covers, or undefined when the browser's own copy is right: a
 *  selection inside one block, or one that does not reach the list. `inDom`: the first and last blocks in the DOM.
 *  The browser ends a selection at the last text it renders (select all ends in the last block in the DOM), and
 *  those edge blocks are overscan, out of view: a selection that ends in one went on past it. */
export function selectedRows(start: SelectionEnd, end: SelectionEnd, count: number, inDom: { first: number; last: number }): { from: number; to: number } | undefined {
  if (count === 0 || start === 'after' || end === 'before') return undefined;
  const from = start === 'before' || (start.row === inDom.first && start.row > 0) ? 0 : start.row;
  const to = end === 'after' || (end.row === inDom.last && end.row < count - 1) ? count - 1 : end.row;
  if (typeof start === 'object' && typeof end === 'object' && start.row === end.row) return undefined;
  return from <= to ? { from, to } : undefined;
}

/** Lines of a document's JSON: its block is this many lines high. */
export function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}
