// The "new row" form of an editable result: one field per table column of the result, key columns required,
// each value checked against its type before the row is staged as an insert.

import type { CellInput } from '../../shared/rowEditMessages.js';
import type { EditStage } from './editStage.js';
import { el } from './grid.js';
import { button } from './toolbarButton.js';

export class NewRowForm {
  readonly element = el('div', 'astra-newrow');
  private readonly fields: { col: number; input: HTMLInputElement; nullBox: HTMLInputElement }[] = [];
  private readonly error = el('div', 'astra-error');

  constructor(
    private readonly stage: EditStage,
    private readonly done: () => void,
  ) {
    const title = el('div');
    title.textContent = 'New row (key columns are required; empty fields are left unset)';
    this.element.append(title);
    stage.columns.forEach((c, col) => {
      if (c.role === 'readonly' || c.role === 'counter') return;
      const key = c.role === 'partition' || c.role === 'clustering';
      const label = el('label', 'astra-field');
      const name = el('span');
      name.textContent = `${c.name}${key ? ' *' : ''} (${c.type})`;
      const input = document.createElement('input');
      input.className = 'astra-editinput';
      input.setAttribute('aria-label', c.name);
      if (key) input.required = true;
      const nullBox = document.createElement('input');
      nullBox.type = 'checkbox';
      nullBox.hidden = key;
      nullBox.title = 'null';
      label.append(name, input, nullBox);
      this.element.append(label);
      this.fields.push({ col, input, nullBox });
    });
    const row = el('div', 'astra-toolbar');
    row.append(button('Stage row', () => this.submit(), true), button('Cancel', () => this.close(), true));
    this.element.append(row, this.error);
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
      else if (e.key === 'Enter') this.submit();
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
  }

  focus(): void {
    this.fields[0]?.input.focus();
  }

  private submit(): void {
    const values: { column: string; input: CellInput }[] = [];
    for (const f of this.fields) {
      const c = this.stage.columns[f.col]!;
      const key = c.role === 'partition' || c.role === 'clustering';
      if (!f.nullBox.checked && f.input.value === '' && !key && !/^(text|varchar|ascii)$/.test(c.type)) continue;
      if (key && f.input.value === '' && !/^(text|varchar|ascii)$/.test(c.type)) return this.fail(`${c.name} is required`);
      const input: CellInput = f.nullBox.checked ? { null: true } : { text: f.input.value };
      const r = this.stage.check(f.col, { input });
      if (!r.ok) return this.fail(`${c.name}: ${r.error}`);
      if (!f.nullBox.checked && f.input.value === '' && !key) continue;
      values.push({ column: c.name, input });
    }
    this.stage.addInsert(values);
    this.close();
  }

  private fail(message: string): void {
    this.error.textContent = message;
  }

  private close(): void {
    this.element.remove();
    this.done();
  }
}
