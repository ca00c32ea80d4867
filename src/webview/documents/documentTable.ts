// The documents as a table windowed over the page's scroll: only the rows near the viewport are in the DOM (about
// 50 whatever the number loaded), inside a box as tall as all of them so the page's scrollbar covers every
// document. Rows are one line each (fixed column widths, ellipsis), so one measured row height places them all.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';
import { computeWindow, spacerHeight, stepWindow, windowChange } from '../common/virtualWindow.js';
import { cellLine } from './documentCells.js';
import { actionButtons, el, type RowAction } from './elements.js';

/** The CSS line height of a row, until the first rows in the DOM are measured. */
const ASSUMED_ROW_PX = 22;
/** Rows kept above and below the viewport so a fast scroll does not show empty space before the next frame. */
const OVERSCAN = 10;
/** Rows added in one frame beyond those in view: a window that grows by 40 rows (the first Load more filling the
 *  viewport, a jump) takes a few short frames instead of one long one. */
const ROWS_PER_FRAME = 12;

export class DocumentTable {
  readonly root = el('div', 'doc-grid-wrap');
  private readonly head = el('table', 'doc-grid doc-head-table');
  /** As tall as every row loaded (border-box); its top padding puts the rendered rows where they belong. */
  private readonly box = el('div', 'doc-rows');
  private readonly body = el('table', 'doc-grid doc-body');
  private readonly tbody = el('tbody');
  private readonly byRow = new Map<number, HTMLTableRowElement>();
  private rendered = { start: 0, end: 0 };
  private rows: readonly DocumentRow[] = [];
  private columns: readonly string[] = [];
  private similarity = false;
  private rowHeight = ASSUMED_ROW_PX;
  private measured = false;
  private height = -1;
  private active = true;
  private frame = 0;
  private readonly onScroll = () => this.schedule();

  constructor(private readonly actions: readonly RowAction[]) {
    this.body.append(this.tbody);
    this.box.append(this.body);
    this.root.append(this.head, this.box);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll);
  }

  /** A new result or new columns: the header is built again and every row in view with it. `rows` is the list's
   *  own array; `grew` tells the table when more were pushed onto it. */
  reset(rows: readonly DocumentRow[], columns: readonly string[], similarity: boolean): void {
    this.rows = rows;
    this.columns = columns;
    this.similarity = similarity;
    const head = el('tr');
    head.append(el('th', 'num', '#'), el('th', 'actions', ''));
    if (similarity) head.append(el('th', 'score', '$similarity'));
    for (const c of columns) head.append(el('th', undefined, c));
    const thead = el('thead');
    thead.append(head);
    this.head.replaceChildren(thead);
    this.clearRows();
    this.grew();
  }

  /** More rows of the same columns. Rows below the viewport only make the box taller; the next frame adds the
   *  few that come into view (none when the user is reading the top of the list). */
  grew(): void {
    this.body.setAttribute('aria-rowcount', String(this.rows.length));
    this.setHeight(spacerHeight(this.rows.length, this.rowHeight));
    this.schedule();
  }

  /** Hidden (JSON view): no rows in the DOM and no work on scroll; shown again: the rows in view come back. */
  show(active: boolean): void {
    this.active = active;
    if (!active) this.clearRows();
    this.schedule();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
  }

  /** Written only when it changes: an unchanged height must not cost the page a layout. */
  private setHeight(px: number): void {
    if (px === this.height) return;
    this.height = px;
    this.box.style.height = `${px}px`;
  }

  private clearRows(): void {
    this.tbody.replaceChildren();
    this.byRow.clear();
    this.rendered = { start: 0, end: 0 };
  }

  private schedule(): void {
    if (!this.frame && this.active) this.frame = requestAnimationFrame(() => this.paint());
  }

  private paint(): void {
    this.frame = 0;
    if (!this.active) return;
    // Every read before any write: the frame lays the page out once, not once per read after a write.
    const top = this.box.getBoundingClientRect().top;
    // Only the part of the viewport below the list's top shows rows (the form sits above them at first).
    const viewportHeight = Math.max(0, window.innerHeight - Math.max(0, top));
    if (!this.measured) this.measure();
    const at = { scrollTop: -top, viewportHeight, rowHeight: this.rowHeight, rowCount: this.rows.length };
    const wanted = computeWindow({ ...at, overscan: OVERSCAN });
    const w = stepWindow(this.rendered, computeWindow({ ...at, overscan: 0 }), wanted, ROWS_PER_FRAME);
    this.setHeight(wanted.totalHeight);
    if (w.start !== wanted.start || w.end !== wanted.end) this.schedule();
    if (w.start === this.rendered.start && w.end === this.rendered.end) return;
    const change = windowChange(this.rendered, w);
    for (const i of change.remove) {
      this.byRow.get(i)?.remove();
      this.byRow.delete(i);
    }
    this.tbody.prepend(this.makeRows(change.before.start, change.before.end));
    this.tbody.append(this.makeRows(change.after.start, change.after.end));
    // Padding, not a transform: rows that stay keep their place on the page, so the browser repaints only the rows
    // that came in (a transform moves the table, and every row in it is painted again).
    this.box.style.paddingTop = `${wanted.offsetY + (w.start - wanted.start) * this.rowHeight}px`;
    this.rendered = { start: w.start, end: w.end };
    // The first rows in the DOM give the real row height (fonts, zoom); measured in the next frame's reads.
    if (!this.measured) this.schedule();
  }

  /** Average height of the rows in the DOM, so sub-pixel heights (zoom) do not add up to a drift. */
  private measure(): void {
    const first = this.tbody.firstElementChild;
    const last = this.tbody.lastElementChild;
    if (!first || !last || this.byRow.size === 0) return;
    const height = (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / this.byRow.size;
    if (height > 0) this.rowHeight = height;
    this.measured = true;
  }

  private makeRows(start: number, end: number): DocumentFragment {
    const rows = document.createDocumentFragment();
    for (let i = start; i < end; i++) {
      const tr = this.makeRow(i);
      this.byRow.set(i, tr);
      rows.append(tr);
    }
    return rows;
  }

  private makeRow(i: number): HTMLTableRowElement {
    const r = this.rows[i]!;
    // Striping from the absolute position: with a window, :nth-child would stripe by DOM position.
    const tr = el('tr', i % 2 === 1 ? 'alt' : undefined);
    tr.setAttribute('aria-rowindex', String(i + 1));
    tr.dataset.index = String(r.index);
    tr.append(el('td', 'num', String(r.index + 1)));
    const actions = el('td', 'actions');
    actions.append(actionButtons(this.actions, r.index));
    tr.append(actions);
    if (this.similarity) tr.append(el('td', 'score', r.similarity === undefined ? '' : r.similarity.toFixed(6)));
    const byKey = new Map(r.fields);
    for (const c of this.columns) {
      const text = byKey.get(c);
      const td = el('td', text === undefined ? 'missing' : undefined, text === undefined ? '' : cellLine(text));
      if (text !== undefined) td.title = text;
      tr.append(td);
    }
    return tr;
  }
}
