// The documents as a grid of div rows windowed over the page's scroll: only the rows near the viewport are in the DOM
// (about 60 whatever the number loaded), each absolutely placed in a box as tall as all of them, so the page's
// scrollbar covers every document. Rows have one fixed height and columns fixed widths, and every row is its own
// layout and paint boundary (`contain: strict`), so a row that comes into view costs its own text and nothing else:
// no table layout, no measuring, rows already in view untouched. Row elements stay in the DOM and are refilled in
// place as the window moves (rowSlots.ts), so DOM order is not row order: aria-rowindex gives each row's place, and
// the arrow keys go by it.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';
import { computeWindow, spacerHeight, stepWindow, type RowRange } from '../common/virtualWindow.js';
import { copyCells } from './cellCopy.js';
import { CellFit } from './cellFit.js';
import { cellLine } from './documentCells.js';
import { ACTION_LABELS, actionButtons, el, type RowAction } from './elements.js';
import { keyTarget, type GridSpot } from './gridKeys.js';
import { RowSlots } from './rowSlots.js';
import { ACTION_BUTTON, CELL_BORDER, CELL_PADDING, CELL_WIDTHS } from './styles.js';

/** The height of every row; `.doc-row` in the styles has the same. */
export const ROW_PX = 22;
/** Rows kept above and below the viewport so a fast scroll does not show empty space before the next frame. */
const OVERSCAN = 10;
/** Rows added in one frame beyond those in view: a window that grows by 40 rows (the first Load more filling the
 *  viewport, a jump) takes a few short frames instead of one long one. */
const ROWS_PER_FRAME = 6;
/** Rows added in one frame when the page was not scrolled (a new result, new columns, a Load more filling the
 *  viewport), from the top: the viewport fills over a few frames. Rows scrolled into view all come at once.
 *  Measured (documents bench, 9 alternating runs each): 8 a frame missed a frame while paging in 9 runs of 9, 5 in 3. */
const FILL_ROWS = 5;
/** A frame whose layout took this long before any row was added adds only BUSY_FILL_ROWS (unless scrolled). */
const BUSY_FRAME_MS = 4;
const BUSY_FILL_ROWS = 2;
/** The width a cell's text may take: the cell's, less its padding and border. */
const textWidth = (cell: number) => cell - 2 * CELL_PADDING - CELL_BORDER;
const TEXT_WIDTH = { column: textWidth(CELL_WIDTHS.column), num: textWidth(CELL_WIDTHS.num), score: textWidth(CELL_WIDTHS.score) };
/** Idle time left when another spare row is made: making one costs about a millisecond, laying it out more. */
const WARM_MIN_IDLE_MS = 3;

export class DocumentTable {
  readonly root = el('div', 'doc-grid');
  private readonly head = el('div', 'doc-row doc-header');
  /** As tall as every row loaded. */
  private readonly box = el('div', 'doc-rows-box');
  /** The rows' container, placed at the top of the box and of a size that never follows the row count: rows are
   *  placed in it by their index, and a Load more that makes the box taller changes no containing block of theirs,
   *  so it lays out and repaints the box alone, not every row shown. */
  private readonly layer = el('div', 'doc-rows');
  private readonly slots = new RowSlots(this.layer, () => this.makeRow(), (row, i) => this.fill(row, i));
  private rendered: RowRange = { start: 0, end: 0 };
  private rows: readonly DocumentRow[] = [];
  private columns: readonly string[] = [];
  /** The columns the rows shown were filled for (the list's own array grows in place). */
  private filledColumns: string[] = [];
  private similarity = false;
  /** Rows are placed at index × height, plus this when the box is capped (MAX_SCROLL_HEIGHT) and rows are mapped. */
  private shift = 0;
  private height = -1;
  private active = true;
  private frame = 0;
  private idle = 0;
  /** The grid's one Tab stop (roving tabindex): the arrow keys move it, rows scrolled away leave it in view. */
  private tabStop: GridSpot = { row: 0, button: 0 };
  /** Whether the page scrolled (or resized) since the last paint: rows it brought into view cannot wait. */
  private scrolled = false;
  /** Cells' text cut to their width in the grid's font. */
  private readonly fit = new CellFit();
  /** The actions cell's width: its buttons' in the grid's font. */
  private actionsWidth: number = CELL_WIDTHS.actions;
  /** VS Code sets the theme's and the editor font's variables on the root element: a new font refits the cells. */
  private readonly themeWatch = new MutationObserver(() => this.schedule());
  private readonly onScroll = () => {
    this.scrolled = true;
    this.schedule();
  };

  constructor(private readonly actions: readonly RowAction[]) {
    this.root.setAttribute('role', 'grid');
    this.root.setAttribute('aria-label', 'Documents');
    this.head.setAttribute('role', 'row');
    this.head.setAttribute('aria-rowindex', '1');
    this.box.append(this.layer);
    this.root.append(this.head, this.box);
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.root.addEventListener('focusin', (e) => this.onFocus(e.target as HTMLElement));
    // A row that kept the focus while scrolled away goes back to the pool once the focus leaves it.
    this.root.addEventListener('focusout', () => this.schedule());
    // Cut cells show part of their value: a copy takes the whole values of the cells selected.
    this.root.addEventListener('copy', (e) => copyCells(e, this.slots.byRow));
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll);
    this.themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  /** A new result or new columns: the header is built again, and the rows shown are written again in the same
   *  elements (cells added or taken away to fit the columns), so the table never empties for a frame and keeps its
   *  laid-out rows. `rows` is the list's own array; `grew` tells the table when more were pushed onto it. A focused
   *  row keeps the focus at the same position. */
  reset(rows: readonly DocumentRow[], columns: readonly string[], similarity: boolean): void {
    const refocus = this.slots.focused() >= 0 ? { ...this.tabStop } : undefined;
    // A Load more that only brings new fields: the cells shown are still right, only the new columns' are written.
    const appended = rows === this.rows && similarity === this.similarity && this.filledColumns.every((c, k) => columns[k] === c);
    const from = this.filledColumns.length;
    this.filledColumns = [...columns];
    this.rows = rows;
    this.columns = columns;
    this.similarity = similarity;
    this.syncFont();
    this.applyWidths();
    const names = ['#', '', ...(similarity ? ['$similarity'] : []), ...columns];
    const kinds = ['num', 'actions', ...(similarity ? ['score'] : [])];
    this.head.replaceChildren(...names.map((n, k) => {
      const h = el('div', k < kinds.length ? `doc-cell ${kinds[k]}` : 'doc-cell', n);
      h.setAttribute('role', 'columnheader');
      if (n) h.title = n;
      return h;
    }));
    this.tabStop = refocus && refocus.row < rows.length ? refocus : { row: 0, button: 0 };
    // Spares get their new shape when they are next filled.
    if (appended) {
      for (const [i, row] of this.slots.byRow) {
        this.reshape(row);
        this.fillColumns(row, i, from);
      }
    } else this.slots.refill(rows.length);
    this.rendered = { start: Math.min(this.rendered.start, rows.length), end: Math.min(this.rendered.end, rows.length) };
    this.grew();
    if (refocus && refocus.row < rows.length) this.focusSpot(refocus);
  }

  /** More rows of the same columns. Rows below the viewport only make the box taller; the next frame adds the few
   *  that come into view (none when the user is reading the top of the list). */
  grew(): void {
    this.root.setAttribute('aria-rowcount', String(this.rows.length + 1));
    this.setHeight(spacerHeight(this.rows.length, ROW_PX));
    this.schedule();
  }

  /** Hidden (JSON view): no rows in the DOM and no work on scroll; shown again: the rows in view come back. */
  show(active: boolean): void {
    this.active = active;
    if (!active) {
      this.slots.clear();
      this.rendered = { start: 0, end: 0 };
    }
    this.schedule();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    cancelIdleCallback(this.idle);
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    this.themeWatch.disconnect();
  }

  /** Written only when it changes: an unchanged height must not cost the page a layout. */
  private setHeight(px: number): void {
    if (px === this.height) return;
    this.height = px;
    this.box.style.height = `${px}px`;
  }

  private schedule(): void {
    if (!this.frame && this.active) this.frame = requestAnimationFrame(() => this.paint());
  }

  private paint(): void {
    this.frame = 0;
    if (!this.active) return;
    // The one read of the frame, before any write: the page is laid out once.
    const t0 = performance.now();
    const top = this.box.getBoundingClientRect().top;
    // New columns restyle every row: that layout, done by the read, is most of this frame already.
    const fill = performance.now() - t0 > BUSY_FRAME_MS ? BUSY_FILL_ROWS : FILL_ROWS;
    // Style is clean after that read, so this costs no recalculation; a new font refits the rows shown.
    if (this.syncFont()) {
      this.applyWidths();
      this.slots.refill(this.rows.length);
    }
    // Only the part of the viewport below the list's top shows rows (the form sits above them at first).
    const viewportHeight = Math.max(0, window.innerHeight - Math.max(0, top));
    const at = { scrollTop: -top, viewportHeight, rowHeight: ROW_PX, rowCount: this.rows.length };
    const wanted = computeWindow({ ...at, overscan: OVERSCAN });
    const needed = computeWindow({ ...at, overscan: 0 });
    let inView: RowRange = needed;
    let budget = ROWS_PER_FRAME;
    if (!this.scrolled) {
      // Rows come in below the ones already shown, FILL_ROWS a frame in all (overscan with what is left).
      const from = this.rendered.start <= needed.start ? Math.max(needed.start, Math.min(needed.end, this.rendered.end)) : needed.start;
      inView = { start: needed.start, end: Math.min(needed.end, from + fill) };
      budget = Math.max(0, fill - (inView.end - from));
    }
    this.scrolled = false;
    const w = stepWindow(this.rendered, inView, wanted, budget);
    if (w.start !== wanted.start || w.end !== wanted.end) this.schedule();
    const shift = Math.abs(wanted.offsetY - wanted.start * ROW_PX) < 0.5 ? 0 : wanted.offsetY - wanted.start * ROW_PX;
    const moved = shift !== this.shift;
    this.shift = shift;
    const focused = this.slots.focused();
    // The Tab stop follows the rows in view: the first row below the sticky header.
    if (focused < 0 && needed.end > needed.start && (this.tabStop.row < w.start || this.tabStop.row >= w.end)) {
      const first = Math.ceil((Math.max(0, -top) + ROW_PX) / ROW_PX);
      this.setTabStop({ row: Math.min(needed.end - 1, Math.max(needed.start, first)), button: this.tabStop.button });
    }
    this.slots.show(w);
    if (moved) for (const [i, row] of this.slots.byRow) this.place(row, i);
    this.rendered = w;
    if (w.start === wanted.start && w.end === wanted.end) this.warmLater();
  }

  /** Row elements for a full window made while the page is idle, a few at a time: the first Load more (rows
   *  filling the viewport) or a resize then refills rows instead of building them in the frame that shows them. */
  private warmLater(): void {
    const full = Math.ceil(window.innerHeight / ROW_PX) + 1 + 2 * OVERSCAN;
    // Not before the first rows: the columns give the rows their shape.
    if (this.idle || !this.active || this.rows.length === 0 || this.slots.size >= full) return;
    this.idle = requestIdleCallback((deadline) => {
      this.idle = 0;
      if (!this.active) return;
      const before = this.slots.size;
      while (this.slots.size < full && deadline.timeRemaining() > WARM_MIN_IDLE_MS) this.slots.warm();
      // Laid out now, in idle time: otherwise the next frame's first read would do it.
      if (this.slots.size > before) void this.box.getBoundingClientRect();
      this.warmLater();
    });
  }

  /** The fitters follow the grid's font, and the actions cell its buttons' width in it; true when the font changed. */
  private syncFont(): boolean {
    const cs = getComputedStyle(this.root);
    const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    if (!this.fit.setFont(font)) return false;
    const labels = this.actions.map((a) => ACTION_LABELS[a]);
    const buttons = labels.reduce((sum, l) => sum + this.fit.measure(l) + 2 * ACTION_BUTTON.padding, 0) + (labels.length - 1) * ACTION_BUTTON.gap;
    if (Number.isFinite(buttons)) this.actionsWidth = Math.ceil(buttons + 2 * CELL_PADDING + CELL_BORDER);
    return true;
  }

  /** The cells' widths: the rows' (--doc-width, their sum) and the actions cell's. */
  private applyWidths(): void {
    const widths = [CELL_WIDTHS.num, this.actionsWidth, ...(this.similarity ? [CELL_WIDTHS.score] : []), ...this.columns.map(() => CELL_WIDTHS.column)];
    this.root.style.setProperty('--doc-actions-width', `${this.actionsWidth}px`);
    this.root.style.setProperty('--doc-width', `${widths.reduce((a, b) => a + b, 0)}px`);
    this.root.setAttribute('aria-colcount', String(widths.length));
  }

  private place(row: HTMLElement, i: number): void {
    row.style.transform = `translateY(${i * ROW_PX + this.shift}px)`;
  }

  private makeRow(): HTMLElement {
    const row = el('div', 'doc-row');
    row.setAttribute('role', 'row');
    const actions = el('div', 'doc-cell actions');
    actions.setAttribute('role', 'gridcell');
    actions.append(actionButtons(this.actions, -1));
    row.append(cell('num'), actions);
    this.reshape(row);
    return row;
  }

  /** The cells of the current columns: the score cell (third) there or not, as many column cells as columns. */
  private reshape(row: HTMLElement): void {
    const hasScore = row.children[2]?.classList.contains('score') ?? false;
    if (this.similarity && !hasScore) row.insertBefore(cell('score'), row.children[2] ?? null);
    if (!this.similarity && hasScore) row.children[2]!.remove();
    const count = 2 + (this.similarity ? 1 : 0) + this.columns.length;
    while (row.children.length < count) row.append(cell());
    while (row.children.length > count) row.lastElementChild!.remove();
  }

  /** Text only (textContent), and only what differs from the row the element showed before. */
  private fill(row: HTMLElement, i: number): void {
    this.reshape(row);
    const r = this.rows[i]!;
    row.setAttribute('aria-rowindex', String(i + 2));
    // Striping from the absolute position: with a window, :nth-child would stripe by DOM position.
    row.classList.toggle('alt', i % 2 === 1);
    this.place(row, i);
    const cells = row.children as HTMLCollectionOf<HTMLElement>;
    this.setFitted(cells[0]!, String(r.index + 1), TEXT_WIDTH.num);
    cells[1]!.querySelectorAll('button').forEach((b, k) => {
      b.dataset.index = String(r.index);
      b.tabIndex = i === this.tabStop.row && k === this.tabStop.button ? 0 : -1;
    });
    if (this.similarity) this.setFitted(cells[2]!, r.similarity === undefined ? '' : r.similarity.toFixed(6), TEXT_WIDTH.score);
    this.fillColumns(row, i, 0);
  }

  /** The cells of columns `from` on. */
  private fillColumns(row: HTMLElement, i: number, from: number): void {
    const cells = row.children as HTMLCollectionOf<HTMLElement>;
    const byKey = new Map(this.rows[i]!.fields);
    let c = 2 + (this.similarity ? 1 : 0) + from;
    for (const name of this.columns.slice(from)) {
      const cell = cells[c++]!;
      const text = byKey.get(name);
      cell.classList.toggle('missing', text === undefined);
      this.setFitted(cell, text === undefined ? '' : cellLine(text), TEXT_WIDTH.column);
      // The whole value (line breaks and all) in the tooltip.
      if (text === undefined) cell.removeAttribute('title');
      else if (cell.title !== text) cell.title = text;
    }
  }

  /** The text as it fits the cell; when cut, the whole of it is the cell's accessible name. */
  private setFitted(e: HTMLElement, text: string, width: number): void {
    const shown = this.fit.fit(text, width);
    setText(e, shown);
    if (shown !== text) e.setAttribute('aria-label', text);
    else if (e.hasAttribute('aria-label')) e.removeAttribute('aria-label');
  }

  private buttonAt(spot: GridSpot): HTMLButtonElement | undefined {
    return this.slots.byRow.get(spot.row)?.querySelectorAll('button')[spot.button];
  }

  private setTabStop(spot: GridSpot): void {
    const old = this.buttonAt(this.tabStop);
    if (old) old.tabIndex = -1;
    this.tabStop = spot;
    const b = this.buttonAt(spot);
    if (b) b.tabIndex = 0;
  }

  private onFocus(target: HTMLElement): void {
    const row = target.closest('.doc-rows > .doc-row') as HTMLElement | null;
    if (!row || target.tagName !== 'BUTTON') return;
    const button = [...row.querySelectorAll('button')].indexOf(target as HTMLButtonElement);
    this.setTabStop({ row: Number(row.dataset.row), button });
    // The row that had the focus may be out of the window: the next frame returns it to the pool.
    this.schedule();
  }

  private onKey(e: KeyboardEvent): void {
    const from = this.slots.focused();
    if (from < 0 || e.altKey || e.shiftKey) return;
    const page = Math.max(1, Math.floor(window.innerHeight / ROW_PX) - 3);
    const to = keyTarget(e.key, e.ctrlKey || e.metaKey, { row: from, button: this.tabStop.button }, this.rows.length, this.actions.length, page);
    if (!to) return;
    e.preventDefault();
    this.focusSpot(to);
  }

  /** Puts the focus on a row's button, rendering the row first when it is out of the window (a jump to the last
   *  document); bringing it into view scrolls the page, and the next frame moves the window there. */
  private focusSpot(spot: GridSpot): void {
    const row = this.slots.ensure(spot.row);
    this.setTabStop(spot);
    this.buttonAt(spot)?.focus({ preventScroll: true });
    // scroll-margin on the rows keeps the row clear of the sticky header.
    row.scrollIntoView({ block: 'nearest' });
  }
}

function cell(cls?: string): HTMLElement {
  const c = el('div', cls ? `doc-cell ${cls}` : 'doc-cell');
  c.setAttribute('role', 'gridcell');
  // A text node from the start, so filling the row only changes its data (setText).
  c.append(document.createTextNode(' '));
  return c;
}

/** Text only. A reused cell keeps its text node and gets new data: a new node would have to be attached to the
 *  layout tree (a style pass over every cell that changed), new data is only laid out again. */
function setText(e: HTMLElement, text: string): void {
  const node = e.firstChild;
  if (node && node === e.lastChild && node.nodeType === Node.TEXT_NODE) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else if (e.textContent !== text) e.textContent = text;
}
