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

export class DocumentList {
  readonly root = el('div');
  private rows: DocumentRow[] = [];
  private columns: string[] = [];
  private view: 'table' | 'json' = 'table';
  private table = el('table', 'doc-grid');
  private tbody = el('tbody');
  private json = el('div');
  private similarity = false;

  constructor(
    private readonly actions: RowAction[],
    private readonly onAction: (action: RowAction, index: number) => void,
  ) {
    this.root.append(this.table, this.json);
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
    this.table.classList.toggle('hidden', this.view !== 'table');
    this.json.classList.toggle('hidden', this.view !== 'json');
    this.table.replaceChildren();
    this.json.replaceChildren();
    this.tbody = el('tbody');
    const head = el('tr');
    head.append(el('th', undefined, '#'), el('th', undefined, ''));
    if (this.similarity) head.append(el('th', undefined, '$similarity'));
    for (const c of this.columns) head.append(el('th', undefined, c));
    const thead = el('thead');
    thead.append(head);
    this.table.append(thead, this.tbody);
    this.addRows(this.rows);
  }

  private addRows(rows: DocumentRow[]): void {
    if (this.view === 'json') {
      for (const r of rows) this.json.append(this.jsonBlock(r));
      return;
    }
    const frag = document.createDocumentFragment();
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
      frag.append(tr);
    }
    this.tbody.append(frag);
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
      b.title = labels[a];
      b.addEventListener('click', () => this.onAction(a, index));
      box.append(b);
    }
    return box;
  }
}
