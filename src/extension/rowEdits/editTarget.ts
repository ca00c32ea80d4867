// Whether a result can be edited, decided from its statement and the table's metadata: a plain SELECT from one
// table whose result holds the table's full primary key. Anything else is read-only with the reason shown.

import { significant, tokenize, type Token } from '../cql/lexer.js';
import type { EditColumn, EditRole } from '../../shared/rowEditMessages.js';

/** A table as the statement builder needs it. */
export interface EditTable {
  keyspace: string;
  name: string;
  partitionKey: string[];
  clustering: string[];
  /** Every column of the table by name: CQL type text and role (key, static, regular, counter). */
  columns: Map<string, { type: string; role: Exclude<EditRole, 'readonly'> }>;
}

export type SelectSource =
  | { ok: true; keyspace: string | undefined; table: string; star: boolean; plain: Set<string> }
  | { ok: false; reason: string };

const AGGREGATES = new Set(['COUNT', 'MIN', 'MAX', 'SUM', 'AVG']);

/** The table a SELECT reads and which of its selectors are plain column names. */
export function selectSource(statement: string): SelectSource {
  const toks = significant(tokenize(statement)).filter((t) => t.text !== ';');
  const word = (i: number) => (toks[i]?.kind === 'word' ? toks[i]!.value : undefined);
  if (word(0) !== 'SELECT') return { ok: false, reason: 'Only the result of a SELECT can be edited.' };
  let i = 1;
  if (word(i) === 'JSON') return { ok: false, reason: 'SELECT JSON results are read-only: each row is one JSON text, not the table\'s columns.' };
  if (word(i) === 'DISTINCT') return { ok: false, reason: 'SELECT DISTINCT results are read-only: they hold partition keys only.' };
  const selectors: Token[][] = [[]];
  let depth = 0;
  for (; i < toks.length; i++) {
    const t = toks[i]!;
    if (depth === 0 && t.kind === 'word' && t.value === 'FROM') break;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    if (depth === 0 && t.text === ',') selectors.push([]);
    else selectors[selectors.length - 1]!.push(t);
  }
  if (word(i) !== 'FROM') return { ok: false, reason: 'Only the result of a SELECT … FROM a table can be edited.' };
  const plain = new Set<string>();
  let star = false;
  for (const s of selectors) {
    const fn = s.findIndex((t) => t.text === '(');
    if (fn > 0 && s[fn - 1]!.kind === 'word' && AGGREGATES.has(s[fn - 1]!.value)) {
      return { ok: false, reason: `Aggregate results (${s[fn - 1]!.text}) are read-only: their rows are not rows of the table.` };
    }
    if (s.length === 1 && s[0]!.text === '*') star = true;
    else if (s.length === 1 && (s[0]!.kind === 'word' || s[0]!.kind === 'quoted')) plain.add(s[0]!.kind === 'quoted' ? s[0]!.value : s[0]!.text.toLowerCase());
  }
  const name = (t: Token | undefined) => (t?.kind === 'quoted' ? t.value : t?.kind === 'word' ? t.text.toLowerCase() : undefined);
  let keyspace: string | undefined;
  let table = name(toks[i + 1]);
  let after = i + 2;
  if (toks[i + 2]?.text === '.') {
    keyspace = table;
    table = name(toks[i + 3]);
    after = i + 4;
  }
  if (!table) return { ok: false, reason: 'The table of this SELECT could not be read.' };
  if (toks[after]?.text === ',') return { ok: false, reason: 'Results from several tables are read-only.' };
  for (let j = after; j < toks.length; j++) {
    if (word(j) === 'GROUP' && word(j + 1) === 'BY') return { ok: false, reason: 'GROUP BY results are read-only: their rows are not rows of the table.' };
  }
  return { ok: true, keyspace, table, star, plain };
}

export type EditInfo =
  | { editable: true; table: string; columns: EditColumn[] }
  | { editable: false; reason: string };

/** Result columns → how each can be edited; read-only when the full primary key is not in the result. */
export function editInfo(source: Extract<SelectSource, { ok: true }>, table: EditTable, resultColumns: { name: string; type: string }[]): EditInfo {
  const columns: EditColumn[] = resultColumns.map((c) => {
    const meta = table.columns.get(c.name);
    const fromTable = meta && (source.star || source.plain.has(c.name));
    return { name: c.name, type: c.type, role: fromTable ? meta.role : 'readonly' };
  });
  const present = new Set(columns.filter((c) => c.role !== 'readonly').map((c) => c.name));
  const missing = [...table.partitionKey, ...table.clustering].filter((k) => !present.has(k));
  if (missing.length > 0) {
    return { editable: false, reason: `Read-only: the result lacks the key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${table.name}; select ${missing.length > 1 ? 'them' : 'it'} to edit rows.` };
  }
  if (!columns.some((c) => c.role !== 'readonly')) return { editable: false, reason: 'Read-only: no column of the result is a column of the table.' };
  return { editable: true, table: `${table.keyspace}.${table.name}`, columns };
}
