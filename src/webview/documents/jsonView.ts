// The documents as exact JSON, one block per document. Blocks vary in height (a document of 3 fields or of 300),
// so this view is not windowed: it is built a frame's budget at a time, and blocks off screen skip layout and
// paint (content-visibility in the styles), so neither a Load more nor switching views blocks a frame.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';
import { actionButtons, el, type RowAction } from './elements.js';

/** Time spent building blocks per frame; what is left of the frame lays them out and paints. */
const FRAME_BUDGET_MS = 8;

export class JsonView {
  readonly root = el('div', 'doc-json-list');
  private queue: readonly DocumentRow[] = [];
  private next = 0;
  private frame = 0;

  constructor(private readonly actions: readonly RowAction[]) {}

  /** Shows `rows` from the first; `add` then queues more. */
  reset(rows: readonly DocumentRow[]): void {
    this.clear();
    this.add(rows);
  }

  add(rows: readonly DocumentRow[]): void {
    this.queue = [...this.queue.slice(this.next), ...rows];
    this.next = 0;
    // Busy while blocks are still queued: tests and assistive technology can tell the view is complete.
    this.root.setAttribute('aria-busy', 'true');
    // The first batch at once: a short result is shown whole without waiting for a frame.
    if (!this.frame) this.pump();
  }

  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
    this.next = 0;
    this.root.replaceChildren();
    this.root.removeAttribute('aria-busy');
  }

  private pump(): void {
    this.frame = 0;
    const t0 = performance.now();
    const blocks = document.createDocumentFragment();
    while (this.next < this.queue.length && (blocks.childNodes.length === 0 || performance.now() - t0 < FRAME_BUDGET_MS)) {
      blocks.append(this.block(this.queue[this.next++]!));
    }
    this.root.append(blocks);
    if (this.next < this.queue.length) this.frame = requestAnimationFrame(() => this.pump());
    else {
      this.queue = [];
      this.next = 0;
      this.root.setAttribute('aria-busy', 'false');
    }
  }

  private block(r: DocumentRow): HTMLElement {
    const block = el('div', 'doc-json');
    const head = el('div', 'doc-head');
    head.append(el('span', undefined, `#${r.index + 1}`));
    if (r.similarity !== undefined) head.append(el('span', undefined, `$similarity ${r.similarity.toFixed(6)}`));
    head.append(actionButtons(this.actions, r.index));
    block.append(head, el('pre', undefined, r.json));
    return block;
  }
}
