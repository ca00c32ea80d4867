// The loaded documents, shown as a table (columns = top-level fields in first-seen order, `_id` first, the
// similarity score first of all when present) or as exact JSON, one block per document. Values arrive as text from
// the host and reach the DOM only through textContent.

import type { DocumentRow } from '../../shared/documentBrowserMessages.js';
import { mergeColumns } from './documentCells.js';
import { DocumentTable } from './documentTable.js';
import { el, type RowAction } from './elements.js';
import { JsonView } from './jsonView.js';

export class DocumentList {
  readonly root = el('div');
  private rows: DocumentRow[] = [];
  private columns: string[] = [];
  private similarity = false;
  private view: 'table' | 'json' = 'table';
  private readonly table: DocumentTable;
  private readonly json: JsonView;

  constructor(actions: RowAction[], onAction: (action: RowAction, index: number) => void) {
    this.table = new DocumentTable(actions);
    this.json = new JsonView(actions);
    this.root.append(this.table.root, this.json.root);
    // One listener for every row's buttons: rows enter and leave the DOM as the page scrolls.
    this.root.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest('button[data-action]') as HTMLButtonElement | null;
      if (b) onAction(b.dataset.action as RowAction, Number(b.dataset.index));
    });
    this.setView('table');
  }

  /** Only the view shown has documents in the DOM. */
  setView(view: 'table' | 'json'): void {
    this.view = view;
    this.table.root.classList.toggle('hidden', view !== 'table');
    this.table.show(view === 'table');
    if (view === 'json') this.json.show(this.rows);
    else this.json.hide();
  }

  replace(rows: DocumentRow[]): void {
    this.rows = [];
    this.columns = [];
    this.similarity = false;
    this.append(rows);
  }

  /** New rows: the table only grows when the columns stay the same, else it is built again. */
  append(rows: DocumentRow[]): void {
    const first = this.rows.length === 0;
    const hadScore = this.similarity;
    if (rows.some((r) => r.similarity !== undefined)) this.similarity = true;
    const newColumns = mergeColumns(this.columns, rows);
    this.rows.push(...rows);
    if (first || newColumns || hadScore !== this.similarity) this.table.reset(this.rows, this.columns, this.similarity);
    else this.table.grew();
    if (this.view !== 'json') return;
    if (first) this.json.show(this.rows);
    else this.json.grew();
  }

  dispose(): void {
    this.table.dispose();
    this.json.hide();
  }
}
