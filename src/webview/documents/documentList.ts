// The loaded documents as a table (columns = top-level fields in first-seen order, `_id` first, the similarity
// score first of all when present) or as exact JSON, one block per document. Values arrive as text from the host
// and reach the DOM only through textContent.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';

export type RowAction = 'edit' | 'delete' | 'similar';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Columns past this many are left to the JSON view: a table 500 fields wide helps nobody. */
const MAX_COLUMNS = 40;
/** Rows added per animation frame, so a Load more of hundreds of documents never blocks one frame for long. */
const ROWS_PER_FRAME = 20;

export class DocumentList {
  readonly root = el('div');
  private rows: DocumentRow[] = [];
  private columns: string[] = [];
  private view: 'table' | 'json' = 'table';
  /** Header table, then one small table per frame's rows: Chromium lays a table out whole, so one growing table
   *  costs more with every row added; equal fixed column widths keep the pieces aligned. */
  private table = el('div', 'doc-grid-wrap');
  private json = el('div');
  private similarity = false;

  private queue: DocumentRow[] = [];
  private pumping = 0;

  constructor(
    private readonly actions: RowAction[],
    onAction: (action: RowAction, index: number) => void,
  ) {
    this.root.append(this.table, this.json);
    // One listener for every row's buttons (rows come and go by the thousand).
    this.root.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest('button[data-action]') as HTMLButtonElement | null;
      if (b) onAction(b.dataset.action as RowAction, Number(b.dataset.index));
    });
  }

  setView(view: 'table' | 'json'): void {
    this.view = view;
    this.render();
  }

  replace(rows: DocumentRow[]): void {
    this.rows = [];
    this.columns = [];
    this.similarity = false;
    this.append(rows);
  }

  /** New rows: appended to the DOM when the columns stay the same, else a full redraw. */
  append(rows: DocumentRow[]): void {
    const before = this.columns.length;
    const hadScore = this.similarity;
    for (const r of rows) {
      if (r.similarity !== undefined) this.similarity = true;
      for (const [k] of r.fields) if (!this.columns.includes(k) && this.columns.length < MAX_COLUMNS) this.columns.push(k);
    }
    const idAt = this.columns.indexOf('_id');
    if (idAt > 0) this.columns.unshift(...this.columns.splice(idAt, 1));
    const first = this.rows.length;
    this.rows.push(...rows);
    if (first === 0 || before !== this.columns.length || hadScore !== this.similarity) return this.render();
    this.addRows(rows);
  }

  private render(): void {
    this.queue = [];
    this.table.classList.toggle('hidden', this.view !== 'table');
    this.json.classList.toggle('hidden', this.view !== 'json');
    this.table.replaceChildren();
    this.json.replaceChildren();
    const head = el('tr');
    head.append(el('th', 'num', '#'), el('th', 'actions', ''));
    if (this.similarity) head.append(el('th', 'score', '$similarity'));
    for (const c of this.columns) head.append(el('th', undefined, c));
    const thead = el('thead');
    thead.append(head);
    const headTable = el('table', 'doc-grid doc-head-table');
    headTable.append(thead);
    this.table.append(headTable);
    this.addRows(this.rows);
  }

  /** Queues rows and adds them a frame's worth at a time. */
  private addRows(rows: DocumentRow[]): void {
    this.queue.push(...rows);
    if (!this.pumping) this.pump();
  }

  private pump(): void {
    this.pumping = 0;
    const batch = this.queue.splice(0, ROWS_PER_FRAME);
    if (batch.length) this.addNow(batch);
    if (this.queue.length) this.pumping = requestAnimationFrame(() => this.pump());
  }

  /** Rows still waiting for a frame (0 once everything loaded is in the DOM). */
  get pending(): number {
    return this.queue.length;
  }

  private addNow(rows: DocumentRow[]): void {
    if (this.view === 'json') {
      for (const r of rows) this.json.append(this.jsonBlock(r));
      return;
    }
    const chunk = el('table', 'doc-grid doc-chunk');
    const tbody = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      tr.dataset.index = String(r.index);
      tr.append(el('td', 'num', String(r.index + 1)));
      const actions = el('td');
      actions.append(this.actionButtons(r.index));
      tr.append(actions);
      if (this.similarity) tr.append(el('td', 'score', r.similarity === undefined ? '' : r.similarity.toFixed(6)));
      const byKey = new Map(r.fields);
      for (const c of this.columns) {
        const text = byKey.get(c);
        const td = el('td', text === undefined ? 'missing' : undefined, text ?? '');
        if (text !== undefined) td.title = text;
        tr.append(td);
      }
      tbody.append(tr);
    }
    chunk.append(tbody);
    this.table.append(chunk);
  }

  private jsonBlock(r: DocumentRow): HTMLElement {
    const block = el('div', 'doc-json');
    const head = el('div', 'doc-head');
    head.append(el('span', undefined, `#${r.index + 1}`));
    if (r.similarity !== undefined) head.append(el('span', undefined, `$similarity ${r.similarity.toFixed(6)}`));
    head.append(this.actionButtons(r.index));
    block.append(head, el('pre', undefined, r.json));
    return block;
  }

  private actionButtons(index: number): HTMLElement {
    const box = el('span', 'doc-actions');
    const labels: Record<RowAction, string> = { edit: 'Edit', delete: 'Delete', similar: 'Find similar' };
    for (const a of this.actions) {
      const b = el('button', `doc-${a}`, labels[a]);
      b.dataset.action = a;
      b.dataset.index = String(index);
      box.append(b);
    }
    return box;
  }
}
