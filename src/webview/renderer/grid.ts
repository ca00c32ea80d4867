// A virtualized result grid: only the rows in view (plus a little overscan) exist in the DOM, recycled on scroll,
// so 100,000 rows scroll as smoothly as 100. Every value goes in with textContent.

import type { ResultColumn } from '../../shared/resultPayload.js';
import type { EncodedValue } from '../../shared/valueEncoding.js';
import { cellText, initialWidths } from './cellText.js';
import { computeWindow, scrollTopFor, spacerHeight } from '../common/virtualWindow.js';

export interface GridCallbacks {
  /** Enter / double-click on a cell: show the whole value. */
  openValue(row: number, col: number): void;
  copy(kind: 'cell' | 'row' | 'column'): void;
  focusChanged?(row: number, col: number): void;
  /** Row editing: marks staged cells after the grid filled them. */
  decorate?(row: number, col: number, cell: HTMLElement): void;
  /** Row editing: opens a cell editor instead of the full value; false when the cell is not editable. */
  editCell?(row: number, col: number): boolean;
  /** Row editing: keys it handles first (true: handled). */
  onKey?(e: KeyboardEvent): boolean;
}

const ROW_NUMBER_PX = 56;
const MIN_COL_PX = 40;

export class VirtualGrid {
  readonly element: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  /** Detached row elements ready for reuse. */
  private readonly pool: HTMLDivElement[] = [];
  /** Row index → the element currently showing it. */
  private readonly byRow = new Map<number, HTMLDivElement>();
  private readonly widths: number[];
  private frame = 0;
  private expected = 0;
  private refill = false;
  private rendered = { start: -1, end: -1 };
  focus = { row: 0, col: 0 };

  constructor(
    private readonly columns: readonly ResultColumn[],
    private readonly rows: EncodedValue[][],
    private readonly cb: GridCallbacks,
    private readonly rowHeight = 22,
  ) {
    this.widths = initialWidths(columns, rows);
    this.element = el('div', 'astra-grid');
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'grid');
    this.element.setAttribute('aria-label', 'Query result');
    this.header = el('div', 'astra-row astra-header');
    this.header.setAttribute('role', 'row');
    this.spacer = el('div', 'astra-spacer');
    this.body = el('div', 'astra-body');
    this.spacer.append(this.body);
    this.element.append(this.header, this.spacer);
    this.buildHeader();
    this.applyWidths();
    this.element.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => this.onClick(e));
    this.body.addEventListener('dblclick', (e) => {
      const at = this.cellAt(e);
      if (at && !this.cb.editCell?.(at.row, at.col)) this.cb.openValue(at.row, at.col);
    });
    this.updateRowCount();
  }

  /** Renders synchronously (first paint); later updates go through requestAnimationFrame. */
  renderNow(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.paint(true);
  }

  appendRows(rows: EncodedValue[][]): void {
    for (const r of rows) this.rows.push(r);
    this.updateRowCount();
    this.rendered = { start: -1, end: -1 };
    // Rows in view may have been blank placeholders for rows not parsed yet: fill them all again.
    this.refill = true;
    this.schedule();
  }

  /** Sizes the grid for `total` rows while fewer are parsed; the others show blank until appendRows brings them. */
  expectRows(total: number): void {
    this.expected = total;
    this.updateRowCount();
  }

  private get rowCount(): number {
    return Math.max(this.rows.length, this.expected);
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.element.remove();
  }

  /** Scrolls just enough to bring `row` into view; the caller paints. */
  private reveal(row: number): void {
    const viewport = this.viewportHeight();
    this.element.scrollTop = scrollTopFor(row, this.element.scrollTop, viewport - this.rowHeight, this.rowHeight, this.rowCount);
  }

  private viewportHeight(): number {
    return this.element.clientHeight || 400;
  }

  private updateRowCount(): void {
    this.element.setAttribute('aria-rowcount', String(this.rowCount + 1));
    this.spacer.style.height = `${spacerHeight(this.rowCount, this.rowHeight)}px`;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint(this.refill);
    });
  }

  private buildHeader(): void {
    const corner = el('div', 'astra-cell astra-rownum');
    corner.textContent = '#';
    this.header.append(corner);
    this.columns.forEach((c, j) => {
      const h = el('div', 'astra-cell astra-hcell');
      h.setAttribute('role', 'columnheader');
      h.title = `${c.name} ${c.type}`;
      const name = el('span', 'astra-hname');
      name.textContent = c.name;
      const type = el('span', 'astra-htype');
      type.textContent = c.type;
      const handle = el('div', 'astra-resize');
      handle.addEventListener('pointerdown', (e) => this.startResize(e, j, handle));
      h.append(name, type, handle);
      this.header.append(h);
    });
  }

  private applyWidths(): void {
    const template = [ROW_NUMBER_PX, ...this.widths].map((w) => `${w}px`).join(' ');
    const total = ROW_NUMBER_PX + this.widths.reduce((a, b) => a + b, 0);
    this.element.style.setProperty('--astra-cols', template);
    this.element.style.setProperty('--astra-width', `${total}px`);
  }

  private startResize(e: PointerEvent, col: number, handle: HTMLElement): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startW = this.widths[col]!;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      this.widths[col] = Math.max(MIN_COL_PX, Math.round(startW + m.clientX - startX));
      this.applyWidths();
    };
    // Capture ends on pointerup and on pointercancel alike: no drag leaves its listeners behind.
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('lostpointercapture', end);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('lostpointercapture', end);
  }

  private paint(force: boolean): void {
    const w = computeWindow({
      scrollTop: this.element.scrollTop,
      viewportHeight: this.viewportHeight(),
      rowHeight: this.rowHeight,
      rowCount: this.rowCount,
    });
    this.refill = false;
    this.body.style.transform = `translateY(${w.offsetY}px)`;
    if (!force && w.start === this.rendered.start && w.end === this.rendered.end) return;
    // Rows that stay in view keep their element and text: a scroll step only fills the rows that came into view
    // (setting text is what costs, through text layout), the others just move.
    const free: HTMLDivElement[] = [];
    for (const [i, rowEl] of this.byRow) {
      if (i < w.start || i >= w.end) {
        this.byRow.delete(i);
        free.push(rowEl);
      }
    }
    for (let i = w.start; i < w.end; i++) {
      let rowEl = this.byRow.get(i);
      const fresh = !rowEl;
      if (!rowEl) {
        rowEl = free.pop() ?? this.pool.pop() ?? this.makeRow();
        this.byRow.set(i, rowEl);
      }
      if (fresh || force) this.fillRow(rowEl, i);
      rowEl.style.transform = `translateY(${(i - w.start) * this.rowHeight}px)`;
      if (rowEl.parentElement !== this.body) this.body.append(rowEl);
    }
    for (const rowEl of free) {
      rowEl.remove();
      this.pool.push(rowEl);
    }
    this.rendered = { start: w.start, end: w.end };
  }

  private makeRow(): HTMLDivElement {
    const r = el('div', 'astra-row');
    r.setAttribute('role', 'row');
    r.append(el('div', 'astra-cell astra-rownum'));
    for (let j = 0; j < this.columns.length; j++) {
      const c = el('div', 'astra-cell');
      c.setAttribute('role', 'gridcell');
      r.append(c);
    }
    return r;
  }

  private fillRow(rowEl: HTMLDivElement, i: number): void {
    rowEl.dataset['row'] = String(i);
    rowEl.setAttribute('aria-rowindex', String(i + 2));
    rowEl.classList.toggle('astra-odd', i % 2 === 1);
    const cells = rowEl.children;
    cells[0]!.textContent = String(i + 1);
    const data = this.rows[i];
    for (let j = 0; j < this.columns.length; j++) {
      const c = cells[j + 1] as HTMLElement;
      const t = data ? cellText(data[j] ?? null) : NOT_PARSED;
      if (c.textContent !== t.text) c.textContent = t.text;
      c.classList.toggle('astra-null', t.isNull);
      c.classList.toggle('astra-trunc', t.truncated);
      c.classList.toggle('astra-focus', this.focus.row === i && this.focus.col === j);
      this.cb.decorate?.(i, j, c);
    }
  }

  private cellAt(e: MouseEvent): { row: number; col: number } | undefined {
    const cell = (e.target as HTMLElement).closest('.astra-cell');
    const row = cell?.parentElement;
    if (!cell || !row?.dataset['row']) return undefined;
    const col = Array.prototype.indexOf.call(row.children, cell) - 1;
    return col < 0 ? undefined : { row: Number(row.dataset['row']), col };
  }

  private onClick(e: MouseEvent): void {
    const at = this.cellAt(e);
    if (at) this.setFocus(at.row, at.col);
  }

  setFocus(row: number, col: number): void {
    const maxRow = this.rows.length - 1;
    this.focus = { row: Math.max(0, Math.min(maxRow, row)), col: Math.max(0, Math.min(this.columns.length - 1, col)) };
    this.reveal(this.focus.row);
    this.paint(true);
    this.cb.focusChanged?.(this.focus.row, this.focus.col);
  }

  private onKey(e: KeyboardEvent): void {
    const { row, col } = this.focus;
    const page = Math.max(1, Math.floor(this.viewportHeight() / this.rowHeight) - 2);
    const mod = e.ctrlKey || e.metaKey;
    if (this.cb.onKey?.(e)) return void (e.preventDefault(), e.stopPropagation());
    const moves: Record<string, () => void> = {
      ArrowDown: () => this.setFocus(row + 1, col),
      ArrowUp: () => this.setFocus(row - 1, col),
      ArrowRight: () => this.setFocus(row, col + 1),
      ArrowLeft: () => this.setFocus(row, col - 1),
      PageDown: () => this.setFocus(row + page, col),
      PageUp: () => this.setFocus(row - page, col),
      Home: () => this.setFocus(mod ? 0 : row, 0),
      End: () => this.setFocus(mod ? this.rows.length - 1 : row, this.columns.length - 1),
      Enter: () => this.cb.editCell?.(row, col) || this.cb.openValue(row, col),
    };
    if (mod && (e.key === 'c' || e.key === 'C')) {
      this.cb.copy(e.shiftKey ? 'row' : e.altKey ? 'column' : 'cell');
    } else if (moves[e.key] && this.rows.length > 0) {
      moves[e.key]!();
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  }
}

const NOT_PARSED = { text: '', isNull: false, truncated: false };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}
