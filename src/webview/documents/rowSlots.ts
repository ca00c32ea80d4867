// The elements of a windowed list (table rows, JSON blocks): which document each one shows, reused as the window
// moves, kept in the DOM in document order (reading and Tab order), and never taking away the focus: the element
// holding it stays however far it is scrolled, and is never moved (moving an element drops its focus).

import type { RowRange } from '../common/virtualWindow.js';

export class RowSlots {
  /** Document position → the element showing it. */
  readonly byRow = new Map<number, HTMLElement>();
  /** Elements out of the DOM, ready for the next rows to come into view. */
  private readonly pool: HTMLElement[] = [];

  constructor(
    private readonly box: HTMLElement,
    private readonly make: () => HTMLElement,
    /** Writes row `i` into the element; it carries `data-row`. */
    private readonly fill: (e: HTMLElement, i: number) => void,
  ) {}

  /** The row holding the focus, -1 when the focus is elsewhere. */
  focused(): number {
    const e = document.activeElement;
    if (!e || !this.box.contains(e)) return -1;
    for (let n: Element | null = e; n && n !== this.box; n = n.parentElement) {
      if (n.parentElement === this.box) return Number((n as HTMLElement).dataset.row);
    }
    return -1;
  }

  /** The rows of `range` in the DOM, those outside it gone (except the focused one). */
  show(range: RowRange): void {
    const focused = this.focused();
    for (const i of [...this.byRow.keys()]) if ((i < range.start || i >= range.end) && i !== focused) this.release(i);
    let added = false;
    for (let i = range.start; i < range.end; i++) {
      if (this.byRow.has(i)) continue;
      this.take(i);
      added = true;
    }
    if (added) this.order();
  }

  /** Row `i` in the DOM whatever the window (a keyboard jump to a row far away). */
  ensure(i: number): HTMLElement {
    if (!this.byRow.has(i)) {
      this.take(i);
      this.order();
    }
    return this.byRow.get(i)!;
  }

  /** Every row out of the DOM; `forget`: the pooled elements too (their structure no longer fits). */
  clear(forget = false): void {
    for (const i of [...this.byRow.keys()]) this.release(i);
    if (forget) this.pool.length = 0;
  }

  private release(i: number): void {
    const e = this.byRow.get(i);
    if (!e) return;
    this.byRow.delete(i);
    e.remove();
    this.pool.push(e);
  }

  private take(i: number): void {
    const e = this.pool.pop() ?? this.make();
    e.dataset.row = String(i);
    this.fill(e, i);
    this.byRow.set(i, e);
  }

  /** Only elements not yet in the DOM are inserted: the ones already there are in order, and stay where they are. */
  private order(): void {
    let ref = this.box.firstElementChild;
    for (const i of [...this.byRow.keys()].sort((a, b) => a - b)) {
      const e = this.byRow.get(i)!;
      if (e === ref) ref = ref.nextElementSibling;
      else this.box.insertBefore(e, ref);
    }
  }
}
