// The documents as exact JSON, one block per document, windowed over the page's scroll like the table. Lines do not
// wrap (a long one scrolls sideways inside its block), so a block's height follows from its line count without
// laying it out: only the blocks near the viewport are in the DOM, placed in a box as tall as all of them. The whole
// JSON is still one copy away (jsonCopy.ts): the Copy button, or any selection across blocks (select all).

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';
import { offsetWindow, stepWindow, type RowRange } from '../common/virtualWindow.js';
import { actionButtons, el, type RowAction } from './elements.js';
import { jsonArray, lineCount, selectedRows, type SelectionEnd } from './jsonCopy.js';
import { RowSlots } from './rowSlots.js';

/** Padding (6 + 6), bottom border (1) and the gap above the JSON (4) of a block; the styles have the same. */
const BLOCK_EXTRA_PX = 17;
const OVERSCAN = 4;
/** Blocks added in one frame beyond those in view (a block is a dozen lines or more). */
const BLOCKS_PER_FRAME = 6;

export class JsonView {
  readonly root = el('div', 'doc-json-list hidden');
  private readonly bar = el('div', 'doc-json-bar');
  private readonly count = el('span', 'doc-note');
  private readonly box = el('div', 'doc-json-box');
  private readonly slots = new RowSlots(this.box, () => this.makeBlock(), (b, i) => this.fill(b, i), true);
  private rows: readonly DocumentRow[] = [];
  /** Lines of each document's JSON, and where each block starts once the line height is known (then the total). */
  private readonly lines: number[] = [];
  private tops: number[] = [0];
  private lineHeight = 0;
  /** Height of a horizontal scrollbar: every block keeps room for one, so a long line never changes its height. */
  private scrollbar = 0;
  private probe: HTMLElement | undefined;
  private rendered: RowRange = { start: 0, end: 0 };
  private visible = false;
  private frame = 0;
  private readonly onScroll = () => this.schedule();
  private readonly onCopy = (e: ClipboardEvent) => this.copy(e);
  private copyAll = false;

  constructor(private readonly actions: readonly RowAction[]) {
    const copy = el('button', 'doc-copy-json', 'Copy all as JSON');
    copy.addEventListener('click', () => this.copyEverything());
    this.bar.append(copy, this.count);
    this.root.append(this.bar, this.box);
  }

  /** Shown with `rows`, the list's own array (`grew` tells the view when more were pushed onto it). */
  show(rows: readonly DocumentRow[]): void {
    this.hide();
    this.rows = rows;
    this.visible = true;
    this.root.classList.remove('hidden');
    // Busy until the blocks in view are in: tests and assistive technology can tell the view is ready.
    this.root.setAttribute('aria-busy', 'true');
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll);
    document.addEventListener('copy', this.onCopy);
    if (!this.lineHeight) {
      // The line height of the editor font (and the scrollbar's), measured once in the first frame's reads.
      this.probe = el('pre', 'doc-json-probe', 'x\nx\nx\nx');
      this.root.append(this.probe);
    }
    this.grew();
  }

  grew(): void {
    if (!this.visible) return;
    for (let i = this.lines.length; i < this.rows.length; i++) this.lines.push(lineCount(this.rows[i]!.json));
    this.count.textContent = `${this.rows.length} document${this.rows.length === 1 ? '' : 's'}`;
    this.measureTops();
    this.schedule();
  }

  hide(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.visible = false;
    this.root.classList.add('hidden');
    this.root.removeAttribute('aria-busy');
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    document.removeEventListener('copy', this.onCopy);
    this.slots.clear();
    this.rendered = { start: 0, end: 0 };
    this.rows = [];
    this.lines.length = 0;
    this.tops = [0];
  }

  private blockHeight(i: number): number {
    return BLOCK_EXTRA_PX + this.scrollbar + this.lineHeight * (1 + this.lines[i]!);
  }

  private measureTops(): void {
    if (!this.lineHeight) return;
    for (let i = this.tops.length - 1; i < this.rows.length; i++) this.tops.push(this.tops[i]! + this.blockHeight(i));
    this.box.style.height = `${this.tops[this.rows.length]!}px`;
  }

  private schedule(): void {
    if (!this.frame && this.visible) this.frame = requestAnimationFrame(() => this.paint());
  }

  private paint(): void {
    this.frame = 0;
    if (!this.visible) return;
    if (this.probe) {
      const p = this.probe;
      this.scrollbar = p.offsetHeight - p.clientHeight;
      this.lineHeight = Math.max(1, Math.round(p.clientHeight / 4));
      p.remove();
      this.probe = undefined;
      this.root.style.setProperty('--doc-json-line', `${this.lineHeight}px`);
      this.measureTops();
    }
    const top = this.box.getBoundingClientRect().top;
    const viewportHeight = Math.max(0, window.innerHeight - Math.max(0, top));
    const wanted = offsetWindow(this.tops, -top, viewportHeight, OVERSCAN);
    const w = stepWindow(this.rendered, offsetWindow(this.tops, -top, viewportHeight, 0), wanted, BLOCKS_PER_FRAME);
    this.slots.show(w);
    this.rendered = w;
    if (w.start !== wanted.start || w.end !== wanted.end) this.schedule();
    else this.root.setAttribute('aria-busy', 'false');
  }

  private makeBlock(): HTMLElement {
    const block = el('div', 'doc-json');
    const head = el('div', 'doc-head');
    head.append(el('span', 'doc-json-num'), el('span', 'doc-json-score'), actionButtons(this.actions, -1));
    block.append(head, el('pre'));
    return block;
  }

  /** Text only (textContent). */
  private fill(block: HTMLElement, i: number): void {
    const r = this.rows[i]!;
    block.style.transform = `translateY(${this.tops[i]!}px)`;
    block.style.height = `${this.blockHeight(i)}px`;
    const [num, score, buttons] = block.firstElementChild!.children;
    num!.textContent = `#${r.index + 1}`;
    score!.textContent = r.similarity === undefined ? '' : `$similarity ${r.similarity.toFixed(6)}`;
    for (const b of buttons!.querySelectorAll('button')) b.dataset.index = String(r.index);
    block.lastElementChild!.textContent = r.json;
  }

  private copyEverything(): void {
    this.copyAll = true;
    // The copy event (below) writes the text: it works in a webview without the clipboard permission.
    const done = document.execCommand('copy');
    this.copyAll = false;
    if (!done) void navigator.clipboard?.writeText(jsonArray(this.rows));
  }

  private copy(e: ClipboardEvent): void {
    const sel = document.getSelection();
    let range: { from: number; to: number } | undefined = { from: 0, to: this.rows.length - 1 };
    if (!this.copyAll) {
      if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
      const r = sel.getRangeAt(0);
      const inDom = [...this.slots.byRow.keys()];
      const edges = { first: Math.min(...inDom), last: Math.max(...inDom) };
      range = selectedRows(this.endAt(r.startContainer, r.startOffset), this.endAt(r.endContainer, r.endOffset), this.rows.length, edges);
    }
    if (!range || !e.clipboardData) return;
    e.clipboardData.setData('text/plain', jsonArray(this.rows.slice(range.from, range.to + 1)));
    e.preventDefault();
  }

  /** Where a selection boundary lies relative to the blocks. */
  private endAt(node: Node, offset: number): SelectionEnd {
    const list = document.createRange();
    list.selectNodeContents(this.box);
    const side = list.comparePoint(node, offset);
    if (side !== 0) return side < 0 ? 'before' : 'after';
    let n: Node | null = node === this.box ? this.box.childNodes[offset] ?? null : node;
    while (n && n.parentNode !== this.box) n = n.parentNode;
    return n ? { row: Number((n as HTMLElement).dataset.row) } : 'after';
  }
}
