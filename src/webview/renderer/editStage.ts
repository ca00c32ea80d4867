// DOM-free: the edits staged in one result grid (changed cells, deleted rows, new rows) and the typed edits they
// become. Values are checked here as they are typed, with the same literal rules the extension host applies.

import { literalFromInput } from '../../shared/cqlLiteral.js';
import { parseCqlType } from '../../shared/cqlType.js';
import { editText } from '../../shared/encodedLiteral.js';
import type { CellInput, EditColumn, KeyPart, RowEdit } from '../../shared/rowEditMessages.js';
import type { EncodedValue } from '../../shared/valueEncoding.js';

export interface StagedCell {
  input?: CellInput;
  delta?: string;
}

export type CheckResult = { ok: true } | { ok: false; error: string };

const KEY_ROLES = new Set(['partition', 'clustering']);

/** Where a typed edit came from in the stage. */
type Origin = { kind: 'cells'; row: number } | { kind: 'delete'; row: number } | { kind: 'insert'; index: number };

export class EditStage {
  /** Row index → column index → staged value. */
  private readonly cells = new Map<number, Map<number, StagedCell>>();
  private readonly deleted = new Set<number>();
  readonly inserts: { column: string; input: CellInput }[][] = [];

  constructor(readonly columns: readonly EditColumn[]) {}

  /** Why a cell cannot be edited, or undefined when it can. */
  readOnlyReason(col: number): string | undefined {
    const c = this.columns[col];
    if (!c || c.role === 'readonly') return 'This column is not a column of the table (a function, alias or computed value).';
    if (KEY_ROLES.has(c.role)) return 'Key columns cannot be changed: delete the row and insert a new one.';
    return undefined;
  }

  /** Checks typed input against the column's type (counters: a +n / -n change). */
  check(col: number, cell: StagedCell): CheckResult {
    const c = this.columns[col]!;
    if (c.role === 'counter') {
      return cell.delta !== undefined && /^\s*[+-]?\s*\d+\s*$/.test(cell.delta) ? { ok: true } : { ok: false, error: 'Enter a change such as +5 or -2' };
    }
    if (!cell.input || 'null' in cell.input) return KEY_ROLES.has(c.role) ? { ok: false, error: `${c.name} is part of the key and cannot be null` } : { ok: true };
    try {
      const r = literalFromInput(parseCqlType(c.type), cell.input.text);
      return r.ok ? { ok: true } : r;
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  stage(row: number, col: number, cell: StagedCell): CheckResult {
    const r = this.check(col, cell);
    if (!r.ok) return r;
    let m = this.cells.get(row);
    if (!m) this.cells.set(row, (m = new Map()));
    m.set(col, cell);
    return r;
  }

  staged(row: number, col: number): StagedCell | undefined {
    return this.cells.get(row)?.get(col);
  }

  toggleDelete(row: number): void {
    if (!this.deleted.delete(row)) this.deleted.add(row);
  }

  isDeleted(row: number): boolean {
    return this.deleted.has(row);
  }

  addInsert(values: { column: string; input: CellInput }[]): void {
    this.inserts.push(values);
  }

  get count(): { edits: number; deletes: number; inserts: number } {
    let edits = 0;
    for (const [row, m] of this.cells) if (!this.deleted.has(row)) edits += m.size;
    return { edits, deletes: this.deleted.size, inserts: this.inserts.length };
  }

  get empty(): boolean {
    const c = this.count;
    return c.edits + c.deletes + c.inserts === 0;
  }

  clear(): void {
    this.cells.clear();
    this.deleted.clear();
    this.inserts.length = 0;
  }

  /** The typed edits, in grid order: updates, then deletes, then inserts. */
  edits(rows: readonly EncodedValue[][]): RowEdit[] {
    return this.staging(rows).map((s) => s.edit);
  }

  /**
   * Forgets the staged edits at these positions of `edits()` (the ones that were applied), so applying again after a
   * partial failure does not repeat them (a counter would count twice).
   */
  forget(rows: readonly EncodedValue[][], positions: readonly number[]): void {
    const staging = this.staging(rows);
    const inserts: number[] = [];
    for (const i of positions) {
      const o = staging[i]?.origin;
      if (o?.kind === 'cells') this.cells.delete(o.row);
      else if (o?.kind === 'delete') this.deleted.delete(o.row);
      else if (o?.kind === 'insert') inserts.push(o.index);
    }
    for (const i of inserts.sort((a, b) => b - a)) this.inserts.splice(i, 1);
  }

  private staging(rows: readonly EncodedValue[][]): { edit: RowEdit; origin: Origin }[] {
    const out: { edit: RowEdit; origin: Origin }[] = [];
    const key = (row: EncodedValue[]): KeyPart[] =>
      this.columns.flatMap((c, j) => (KEY_ROLES.has(c.role) ? [{ column: c.name, value: row[j] ?? null }] : []));
    for (const [i, m] of [...this.cells].sort((a, b) => a[0] - b[0])) {
      const row = rows[i];
      if (!row || this.deleted.has(i) || m.size === 0) continue;
      const changes = [...m].sort((a, b) => a[0] - b[0]).map(([j, cell]) => {
        const column = this.columns[j]!.name;
        const old = row[j] ?? null;
        return cell.delta !== undefined ? { column, old, delta: cell.delta } : { column, old, input: cell.input! };
      });
      out.push({ edit: { kind: 'update', key: key(row), changes }, origin: { kind: 'cells', row: i } });
    }
    for (const i of [...this.deleted].sort((a, b) => a - b)) {
      const row = rows[i];
      if (row) out.push({ edit: { kind: 'delete', key: key(row) }, origin: { kind: 'delete', row: i } });
    }
    this.inserts.forEach((values, index) => out.push({ edit: { kind: 'insert', values }, origin: { kind: 'insert', index } }));
    return out;
  }
}

/** What an editor shows first for a cell: the staged text, else the current value's editable text. */
export function initialText(stage: EditStage, row: number, col: number, value: EncodedValue): { text: string; isNull: boolean } {
  const s = stage.staged(row, col);
  if (s?.delta !== undefined) return { text: s.delta, isNull: false };
  if (s?.input) return 'null' in s.input ? { text: '', isNull: true } : { text: s.input.text, isNull: false };
  if (stage.columns[col]?.role === 'counter') return { text: '+1', isNull: false };
  return { text: editText(value), isNull: value === null };
}
