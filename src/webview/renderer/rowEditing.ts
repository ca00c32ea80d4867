// Editing a result in its grid: asks the extension whether the result is editable (and why not), opens a type-aware
// cell editor on double-click / Enter, stages changes, deletes and new rows (highlighted), and sends them as typed
// edits for the extension to turn into statements, preview and run. This file never writes CQL.

import type { EditColumn, StatementReport } from '../../shared/rowEditMessages.js';
import type { EncodedValue } from '../../shared/valueEncoding.js';
import { EditStage, initialText, type StagedCell } from './editStage.js';
import type { GridCallbacks } from './grid.js';
import { el } from './grid.js';
import type { HostChannel } from './hostChannel.js';
import { NewRowForm } from './newRowForm.js';
import { button, type Button } from './toolbarButton.js';

/** What the editing needs from the grid that shows the rows. */
export interface EditableGrid {
  readonly element: HTMLElement;
  focus: { row: number; col: number };
  setFocus(row: number, col: number): void;
  renderNow(): void;
}

export class RowEditing {
  readonly element = el('div', 'astra-editing');
  private stage: EditStage | undefined;
  private grid: EditableGrid | undefined;
  private readonly status = el('span', 'astra-edit-status');
  private readonly counts = el('span', 'astra-meta');
  private readonly actions = el('span', 'astra-edit-actions');
  private readonly lwt = document.createElement('input');
  private readonly editor = el('div', 'astra-celleditor');
  private readonly reports = el('div', 'astra-reports');
  private readonly applyButton: Button;
  private form: NewRowForm | undefined;
  private editing: { row: number; col: number; read: () => StagedCell; error: HTMLElement } | undefined;
  private busy = false;

  constructor(
    private readonly channel: HostChannel,
    private readonly queryId: string,
    private readonly rows: EncodedValue[][],
  ) {
    const bar = el('div', 'astra-toolbar astra-editbar');
    this.lwt.type = 'checkbox';
    const lwtLabel = el('label');
    lwtLabel.title = 'Adds IF <column> = <value read> (IF EXISTS / IF NOT EXISTS), so a row changed meanwhile is not overwritten';
    lwtLabel.append(this.lwt, ' Only if unchanged');
    this.applyButton = button('Apply…', () => void this.apply());
    this.applyButton.title = 'Preview the statements, then run them (Ctrl+S)';
    this.actions.append(
      button('Delete row', () => this.toggleDelete(), true),
      button('New row', () => this.openForm(), true),
      lwtLabel,
      this.applyButton,
      button('Discard', () => this.discard(), true),
      this.counts,
    );
    this.actions.hidden = true;
    bar.append(this.status, this.actions);
    this.editor.hidden = true;
    this.reports.hidden = true;
    this.element.append(bar, this.editor, this.reports);
    this.element.hidden = true;
    this.updateCounts();
  }

  /** Asks whether this result is editable; results panels that do not answer simply show no editing. */
  async start(): Promise<void> {
    const r = await this.channel.request({ type: 'editInfo', queryId: this.queryId }, 15_000);
    if (r.type !== 'editInfo') return;
    this.element.hidden = false;
    if (!r.editable) {
      this.status.textContent = r.reason;
      this.status.classList.add('astra-note');
      return;
    }
    this.stage = new EditStage(r.columns);
    this.status.textContent = `Editable (${r.table}): double-click or Enter edits a cell.`;
    this.actions.hidden = false;
    this.grid?.renderNow();
  }

  attach(grid: EditableGrid | undefined): void {
    this.grid = grid;
  }

  callbacks(): Pick<GridCallbacks, 'decorate' | 'editCell' | 'onKey'> {
    return {
      decorate: (row, col, cell) => this.decorate(row, col, cell),
      editCell: (row, col) => this.openEditor(row, col),
      onKey: (e) => this.onGridKey(e),
    };
  }

  private decorate(row: number, col: number, cell: HTMLElement): void {
    const staged = this.stage?.staged(row, col);
    const deleted = this.stage?.isDeleted(row) ?? false;
    cell.classList.toggle('astra-staged', !!staged && !deleted);
    cell.classList.toggle('astra-deleted', deleted);
    if (staged && !deleted) {
      const text = staged.delta !== undefined ? `${staged.delta.trim()} (change)` : staged.input && 'null' in staged.input ? 'null' : staged.input?.text ?? '';
      if (cell.textContent !== text) cell.textContent = text;
    }
  }

  private onGridKey(e: KeyboardEvent): boolean {
    if (!this.stage) return false;
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
      void this.apply();
      return true;
    }
    if (e.key === 'Delete') {
      this.toggleDelete();
      return true;
    }
    return false;
  }

  /** Opens the cell editor; false when the cell is not editable (the grid then shows the full value). */
  private openEditor(row: number, col: number): boolean {
    const stage = this.stage;
    const column = stage?.columns[col];
    if (!stage || !column || this.rows[row] === undefined) return false;
    const reason = stage.readOnlyReason(col);
    if (reason) {
      this.status.textContent = reason;
      return false;
    }
    const init = initialText(stage, row, col, this.rows[row]![col] ?? null);
    const title = el('div');
    title.textContent = `Row ${row + 1}, ${column.name} (${column.type})${column.role === 'counter' ? ': change by +n or -n' : ''}`;
    const literal = !/^(text|varchar|ascii|int|bigint|smallint|tinyint|varint|counter|decimal|float|double|boolean|uuid|timeuuid|timestamp|date|time|inet|blob|duration)$/.test(column.type);
    const input = literal ? el('textarea') : el('input');
    input.className = 'astra-editinput';
    input.value = init.text;
    input.setAttribute('aria-label', `New value of ${column.name}`);
    const nullBox = document.createElement('input');
    nullBox.type = 'checkbox';
    nullBox.checked = init.isNull;
    const nullLabel = el('label');
    nullLabel.append(nullBox, ' null');
    nullLabel.hidden = column.role === 'counter';
    const error = el('div', 'astra-error');
    const read = (): StagedCell => (column.role === 'counter' ? { delta: input.value } : nullBox.checked ? { input: { null: true } } : { input: { text: input.value } });
    const check = () => {
      const r = stage.check(col, read());
      error.textContent = r.ok ? '' : r.error;
    };
    input.addEventListener('input', () => {
      if (nullBox.checked && input.value !== '') nullBox.checked = false;
      check();
    });
    nullBox.addEventListener('change', check);
    input.addEventListener('keydown', (e) => this.onEditorKey(e as KeyboardEvent, literal));
    const hint = el('span', 'astra-meta');
    hint.textContent = literal ? 'CQL literal · Ctrl+Enter saves' : 'Enter saves · Tab next · Esc cancels';
    const row2 = el('div', 'astra-toolbar');
    row2.append(nullLabel, button('Save', () => this.commit(0), true), button('Cancel', () => this.closeEditor(), true), hint);
    this.editor.replaceChildren(title, input, row2, error);
    this.editor.hidden = false;
    this.editing = { row, col, read, error };
    input.focus();
    input.select();
    return true;
  }

  private onEditorKey(e: KeyboardEvent, multiline: boolean): void {
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'Escape') this.closeEditor();
    else if (e.key === 'Enter' && (!multiline || mod)) this.commit(0);
    else if (e.key === 'Tab') this.commit(e.shiftKey ? -1 : 1);
    else if (mod && (e.key === 's' || e.key === 'S')) {
      if (this.commit(0)) void this.apply();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  /** Stages the editor's value; `move` then edits the next (1) or previous (-1) editable cell of the row. */
  private commit(move: number): boolean {
    const ed = this.editing;
    if (!ed || !this.stage) return false;
    const r = this.stage.stage(ed.row, ed.col, ed.read());
    if (!r.ok) {
      ed.error.textContent = r.error;
      return false;
    }
    this.updateCounts();
    this.grid?.renderNow();
    if (move !== 0) {
      for (let c = ed.col + move; c >= 0 && c < this.stage.columns.length; c += move) {
        if (!this.stage.readOnlyReason(c)) {
          this.grid?.setFocus(ed.row, c);
          this.openEditor(ed.row, c);
          return true;
        }
      }
    }
    this.closeEditor();
    return true;
  }

  private closeEditor(): void {
    this.editing = undefined;
    this.editor.hidden = true;
    this.editor.replaceChildren();
    this.grid?.element.focus();
  }

  private toggleDelete(): void {
    if (!this.stage || !this.grid || this.rows.length === 0) return;
    this.stage.toggleDelete(this.grid.focus.row);
    this.updateCounts();
    this.grid.renderNow();
  }

  private openForm(): void {
    if (!this.stage) return;
    this.form?.element.remove();
    this.form = new NewRowForm(this.stage, () => {
      this.form = undefined;
      this.updateCounts();
    });
    this.editor.after(this.form.element);
    this.form.focus();
  }

  private discard(): void {
    this.stage?.clear();
    this.form?.element.remove();
    this.form = undefined;
    this.closeEditor();
    this.updateCounts();
    this.grid?.renderNow();
  }

  private updateCounts(): void {
    const c = this.stage?.count ?? { edits: 0, deletes: 0, inserts: 0 };
    this.counts.textContent = `${c.edits} edited · ${c.deletes} deleted · ${c.inserts} new`;
    this.applyButton.disabled = this.busy || !this.stage || this.stage.empty;
  }

  private async apply(): Promise<void> {
    if (!this.stage || this.stage.empty || this.busy) return;
    this.busy = true;
    this.updateCounts();
    this.status.textContent = 'Waiting for the preview to be approved…';
    try {
      const r = await this.channel.request({ type: 'applyEdits', queryId: this.queryId, edits: this.stage.edits(this.rows), lwt: this.lwt.checked });
      if (r.type === 'editsApplied') {
        this.showReports(r.reports);
        if (r.applied) {
          this.stage.forget(this.rows, r.reports.flatMap((rep, i) => (rep.ok ? [i] : [])));
          this.grid?.renderNow();
        }
        const failed = r.reports.filter((x) => !x.ok).length;
        this.status.textContent = !r.applied ? (r.note ?? 'Nothing was applied.')
          : failed ? `${failed} of ${r.reports.length} statements were not applied; they stay staged.` : 'Applied. Run the cell again to read the rows back.';
      } else if (r.type === 'error') {
        this.status.textContent = r.message;
      }
    } finally {
      this.busy = false;
      this.updateCounts();
    }
  }

  private showReports(reports: StatementReport[]): void {
    this.reports.replaceChildren();
    this.reports.hidden = reports.length === 0;
    for (const rep of reports) {
      const d = el('div', rep.ok ? 'astra-report-ok' : 'astra-report-failed');
      d.textContent = `${rep.ok ? '✓' : '✗'} ${rep.statement}${rep.message ? ` — ${rep.message}` : ''}${rep.conflict ? ` ${rep.conflict}` : ''}`;
      this.reports.append(d);
    }
  }

  /** The editable columns (for tests and the new-row form). */
  get columns(): readonly EditColumn[] {
    return this.stage?.columns ?? [];
  }
}
