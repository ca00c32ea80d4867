// Row editing between the result renderer and the extension host. The renderer sends typed edits (the lossless key
// values it already holds and the text typed into cell editors); the host decides what is editable, builds and
// quotes every statement, shows them for approval and runs them. No CQL text travels from the webview.

import { isEncodedValue, type EncodedValue } from './valueEncoding.js';

/** How a result column can be edited. `readonly`: not a column of the table (an alias, a function, writetime…). */
export type EditRole = 'partition' | 'clustering' | 'static' | 'regular' | 'counter' | 'readonly';

export interface EditColumn {
  name: string;
  type: string;
  role: EditRole;
}

/** Typed cell input: null, or the text typed (checked against the column's type on both sides). */
export type CellInput = { null: true } | { text: string };

export interface KeyPart {
  column: string;
  value: EncodedValue;
}

export type CellChange =
  | { column: string; old: EncodedValue; input: CellInput }
  /** Counters change by a delta only (`+5`, `-2`). */
  | { column: string; old: EncodedValue; delta: string };

export type RowEdit =
  | { kind: 'update'; key: KeyPart[]; changes: CellChange[] }
  | { kind: 'insert'; values: { column: string; input: CellInput }[] }
  | { kind: 'delete'; key: KeyPart[] };

export type RowEditRequest =
  | { type: 'editInfo'; requestId: number; queryId: string }
  | { type: 'applyEdits'; requestId: number; queryId: string; edits: RowEdit[]; lwt: boolean };

export interface StatementReport {
  statement: string;
  ok: boolean;
  message?: string;
  /** LWT refused: the row's current values of the compared columns, as text. */
  conflict?: string;
}

export type RowEditResponse =
  | { type: 'editInfo'; requestId: number; queryId: string; editable: true; table: string; columns: EditColumn[] }
  | { type: 'editInfo'; requestId: number; queryId: string; editable: false; reason: string }
  | { type: 'editsApplied'; requestId: number; queryId: string; applied: boolean; reports: StatementReport[]; note?: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const MAX_EDITS = 10_000;
const MAX_TEXT = 1024 * 1024;

function isInput(x: unknown): x is CellInput {
  return isObj(x) && (x['null'] === true || (isStr(x['text']) && x['text'].length <= MAX_TEXT));
}

function isKey(x: unknown): x is KeyPart[] {
  return Array.isArray(x) && x.length > 0 && x.every((k) => isObj(k) && isStr(k['column']) && isEncodedValue(k['value']));
}

function isChange(x: unknown): x is CellChange {
  if (!isObj(x) || !isStr(x['column']) || !isEncodedValue(x['old'])) return false;
  return isInput(x['input']) || (isStr(x['delta']) && x['delta'].length <= 64);
}

export function isRowEdit(x: unknown): x is RowEdit {
  if (!isObj(x)) return false;
  switch (x['kind']) {
    case 'update':
      return isKey(x['key']) && Array.isArray(x['changes']) && x['changes'].length > 0 && x['changes'].every(isChange);
    case 'insert':
      return Array.isArray(x['values']) && x['values'].length > 0 && x['values'].every((v) => isObj(v) && isStr(v['column']) && isInput(v['input']));
    case 'delete':
      return isKey(x['key']);
    default:
      return false;
  }
}

export function isRowEditRequest(x: unknown): x is RowEditRequest {
  if (!isObj(x) || typeof x['requestId'] !== 'number' || !isStr(x['queryId'])) return false;
  if (x['type'] === 'editInfo') return true;
  return x['type'] === 'applyEdits' && typeof x['lwt'] === 'boolean' && Array.isArray(x['edits']) &&
    x['edits'].length > 0 && x['edits'].length <= MAX_EDITS && x['edits'].every(isRowEdit);
}

const ROLES = new Set(['partition', 'clustering', 'static', 'regular', 'counter', 'readonly']);

export function isRowEditResponse(x: unknown): x is RowEditResponse {
  if (!isObj(x) || typeof x['requestId'] !== 'number' || !isStr(x['queryId'])) return false;
  if (x['type'] === 'editInfo') {
    if (x['editable'] === false) return isStr(x['reason']);
    return x['editable'] === true && isStr(x['table']) && Array.isArray(x['columns']) &&
      x['columns'].every((c) => isObj(c) && isStr(c['name']) && isStr(c['type']) && ROLES.has(c['role'] as string));
  }
  return x['type'] === 'editsApplied' && typeof x['applied'] === 'boolean' && Array.isArray(x['reports']) &&
    x['reports'].every((r) => isObj(r) && isStr(r['statement']) && typeof r['ok'] === 'boolean');
}
