// The elements of a windowed list (table rows, JSON blocks): which document each one shows, reused in place as the
// window moves, and never taking away the focus. An element stays in the DOM once made: a row leaving the window is
// refilled with a row coming in and moved there (transform), so the browser keeps its style and layout objects and
// only lays out the new text. Taking it out and putting it back would build both again for every row scrolled in.
// DOM order is therefore not document order: each element carries its position (data-row, and aria-rowindex in the
// grid), and keyboard navigation goes by position, not by the DOM. `ordered` lists (the JSON view, whose text is
// selected across blocks) keep document order instead, moving the few elements that come in. The element holding
// the focus is never reused, however far it is scrolled, and never moved in the DOM (either drops the focus).

import type { RowRange } from '../common/virtualWindow.js';

export class RowSlots {
  /** Document position → the element showing it. */
  readonly byRow = new Map<number, HTMLElement>();
  /** Elements in the DOM showing nothing (hidden), ready for the next rows to come into view. */
  private readonly spare: HTMLElement[] = [];

  constructor(
    private readonly box: HTMLElement,
    private readonly make: () => HTMLElement,
    /** Writes row `i` into the element and places it; the element carries `data-row`. */
    private readonly fill: (e: HTMLElement, i: number) => void,
    private readonly ordered = false,
  ) {}

  /** The row holding the focus, -1 when the focus is elsewhere. */
  focused(): number {
    const e = document.activeElement;
    if (!e || !this.box.contains(e)) return -1;
    for (let n: Element | null = e; n && n !== this.box; n = n.parentElement) {
      if (n.parentElement === this.box) return n.classList.contains('doc-spare') ? -1 : Number((n as HTMLElement).dataset.row);
    }
    return -1;
  }

  /** The rows of `range` shown, those outside it (except the focused one) turned into spares. */
  show(range: RowRange): void {
    const focused = this.focused();
    const freed: HTMLElement[] = [];
    for (const [i, e] of this.byRow) {
      if ((i >= range.start && i < range.end) || i === focused) continue;
      this.byRow.delete(i);
      // Ordered: out of the DOM now, so the elements left in it are all in place and never move.
      if (this.ordered) e.remove();
      freed.push(e);
    }
    let added = false;
    for (let i = range.start; i < range.end; i++) {
      if (this.byRow.has(i)) continue;
      this.take(i, freed);
      added = true;
    }
    // What was not reused this frame is hidden until it is.
    for (const e of freed) {
      e.classList.add('doc-spare');
      this.spare.push(e);
    }
    if (added && this.ordered) this.order();
  }

  /** Row `i` shown whatever the window (a keyboard jump to a row far away). */
  ensure(i: number): HTMLElement {
    if (!this.byRow.has(i)) {
      this.take(i, []);
      if (this.ordered) this.order();
    }
    return this.byRow.get(i)!;
  }

  /** Elements in the DOM, shown or spare. */
  get size(): number {
    return this.byRow.size + this.spare.length;
  }

  /** One more spare, made ahead of need (idle time): a row coming into view later is refilled, not built. */
  warm(): void {
    const e = this.make();
    e.classList.add('doc-spare');
    if (!this.ordered) this.box.append(e);
    this.spare.push(e);
  }

  /** The rows shown written again in place (a new result, new columns); those at `count` or past it become spares. */
  refill(count: number): void {
    for (const [i, e] of this.byRow) {
      if (i < count) {
        this.fill(e, i);
        continue;
      }
      this.byRow.delete(i);
      if (this.ordered) e.remove();
      e.classList.add('doc-spare');
      this.spare.push(e);
    }
  }

  /** Every element out of the DOM (the view is hidden). */
  clear(): void {
    for (const e of this.byRow.values()) e.remove();
    for (const e of this.spare) e.remove();
    this.byRow.clear();
    this.spare.length = 0;
  }

  private take(i: number, freed: HTMLElement[]): void {
    let e = freed.pop() ?? this.spare.pop();
    if (e) e.classList.remove('doc-spare');
    else e = this.make();
    // Ordered lists insert it in place (order); the others where it is or at the end.
    if (!this.ordered && !e.isConnected) this.box.append(e);
    e.dataset.row = String(i);
    this.fill(e, i);
    this.byRow.set(i, e);
  }

  /** Document order: the elements in the DOM are in position order already, so only the ones taken out (reused) or
   *  new are inserted, and the focused one never moves. */
  private order(): void {
    let ref = this.box.firstElementChild;
    for (const i of [...this.byRow.keys()].sort((a, b) => a - b)) {
      const e = this.byRow.get(i)!;
      if (e === ref) ref = ref.nextElementSibling;
      else this.box.insertBefore(e, ref);
    }
  }
}
