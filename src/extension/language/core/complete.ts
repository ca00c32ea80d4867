// Completion items for a cursor position: the context analyzer says what fits there, the schema index says what
// exists. Identifiers that need quoting are inserted quoted (`"MixedCase"`).

import { qualifiedName, quoteIdentifier } from '../../../shared/identifier.js';
import { analyzeContext, type CompletionContext } from './context.js';
import type { IndexedTable, SchemaColumn, SchemaIndex } from '../../schema/schemaIndex.js';
import { keyspaceAt, type TableRef } from './statementScope.js';
import { COLLECTION_TYPES, CONSISTENCY_LEVELS, FUNCTIONS, NATIVE_TYPES, SERIAL_LEVELS, STATEMENT_STARTERS } from './vocabulary.js';

export type ItemKind = 'keyspace' | 'table' | 'view' | 'column' | 'type' | 'function' | 'keyword' | 'consistency';

export interface CompletionItem {
  label: string;
  kind: ItemKind;
  /** Text to insert; a snippet when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  sortText?: string;
  filterText?: string;
  /** Ask the editor to complete again after inserting (after `ks.`). */
  retrigger?: boolean;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** Range the items replace. */
  start: number;
  end: number;
  /** True when the list was cut to the typed prefix and must be recomputed as the user types on. */
  incomplete: boolean;
  context: CompletionContext['kind'];
}

export interface CompletionOptions {
  /** Keyspace in effect before the document's first `USE` (notebook keyspace or the connection's default). */
  keyspace?: string;
  /** Cap for cross-keyspace table suggestions when no keyspace is in effect. */
  maxTables?: number;
}

const KIND_LABEL: Record<SchemaColumn['kind'], string> = {
  partition_key: 'partition key',
  clustering: 'clustering column',
  static: 'static column',
  regular: 'column',
};

export function complete(text: string, offset: number, schema: SchemaIndex | undefined, opts: CompletionOptions = {}): CompletionResult {
  const ctx = analyzeContext(text, offset);
  const current = keyspaceAt(text, offset, opts.keyspace);
  const items: CompletionItem[] = [];
  let incomplete = false;
  // Inside `"…` only identifiers make sense.
  const quoted = ctx.prefix.quoted;
  const ident = (name: string) => (quoted ? `"${name.replace(/"/g, '""')}"` : quoteIdentifier(name));
  const filter = (name: string) => (quoted ? `"${name}` : name);
  const keywords = (list: readonly string[], rank = '3') => {
    if (quoted) return;
    for (const k of list) items.push({ label: k, kind: 'keyword', insertText: k, sortText: `${rank}${k}` });
  };
  const keyspaces = (retrigger: boolean) => {
    for (const ks of schema?.sortedKeyspaces ?? []) {
      const item: CompletionItem = { label: ks, kind: 'keyspace', insertText: ident(ks), filterText: filter(ks), detail: 'keyspace', sortText: `2${ks}` };
      if (retrigger) {
        item.insertText += '.';
        item.retrigger = true;
      }
      items.push(item);
    }
  };
  const tablesOf = (ks: string, qualify: boolean) => {
    for (const t of schema?.keyspace(ks)?.sortedTables ?? []) items.push(tableItem(t, qualify, ident, filter));
  };
  const columnsOf = (ref: TableRef | undefined) => {
    const t = ref && schema?.table(ref.keyspace, ref.name, current);
    t?.columns.forEach((c, i) => items.push(columnItem(c, i, t, ident, filter)));
  };
  const functions = () => {
    if (quoted) return;
    for (const f of FUNCTIONS) {
      items.push({ label: f.name, kind: 'function', insertText: `${f.name}($1)`, snippet: true, detail: f.signature, documentation: f.doc, sortText: `4${f.name}` });
    }
  };

  switch (ctx.kind) {
    case 'none':
      break;
    case 'statementStart':
      keywords(STATEMENT_STARTERS);
      break;
    case 'keyspace':
      keyspaces(false);
      break;
    case 'table':
      if (ctx.keyspace !== undefined) {
        tablesOf(ctx.keyspace, false);
        break;
      }
      if (current && schema?.keyspace(current)) tablesOf(current, false);
      else if (schema && ctx.prefix.text.length > 0) {
        // No keyspace in effect: qualified tables matching what is typed (never all of a big schema at once).
        for (const t of schema.tablesWithPrefix(ctx.prefix.text, opts.maxTables ?? 200)) items.push(tableItem(t, true, ident, filter));
        incomplete = true;
      } else incomplete = true;
      keyspaces(true);
      break;
    case 'column':
      columnsOf(ctx.table);
      for (const [i, name] of (ctx.extraColumns ?? []).entries()) {
        items.push({ label: name, kind: 'column', insertText: ident(name), filterText: filter(name), sortText: `0${String(i).padStart(4, '0')}` });
      }
      if (ctx.functions) functions();
      keywords(ctx.keywords);
      break;
    case 'type':
      if (quoted) break;
      for (const t of NATIVE_TYPES) items.push({ label: t, kind: 'type', insertText: t, sortText: `1${t}` });
      for (const t of COLLECTION_TYPES) items.push({ label: t.label, kind: 'type', insertText: t.snippet, snippet: true, detail: t.snippet.replace(/\$\{\d+:?([^}]*)\}/g, '$1'), sortText: `2${t.label}` });
      break;
    case 'consistency':
      keywords(ctx.serial ? SERIAL_LEVELS : CONSISTENCY_LEVELS, '1');
      for (const item of items) item.kind = 'consistency';
      break;
    case 'keyword':
      keywords(ctx.keywords);
      if (ctx.functions) functions();
      break;
  }
  return { items, start: ctx.prefix.start, end: ctx.prefix.end, incomplete, context: ctx.kind };
}

function tableItem(t: IndexedTable, qualify: boolean, ident: (n: string) => string, filter: (n: string) => string): CompletionItem {
  const name = t.table.name;
  const insert = qualify ? qualifiedName(t.keyspace, name) : ident(name);
  const pk = t.columns.filter((c) => c.kind === 'partition_key').map((c) => c.name);
  return {
    label: qualify ? `${t.keyspace}.${name}` : name,
    kind: t.table.view ? 'view' : 'table',
    insertText: insert,
    filterText: qualify ? name : filter(name),
    detail: `${t.table.view ? 'view' : 'table'} in ${t.keyspace} · ${t.columns.length} columns`,
    documentation: `PRIMARY KEY (${pk.join(', ')}) — ${t.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`,
    sortText: `1${name}`,
  };
}

function columnItem(c: SchemaColumn, i: number, t: IndexedTable, ident: (n: string) => string, filter: (n: string) => string): CompletionItem {
  return {
    label: c.name,
    kind: 'column',
    insertText: ident(c.name),
    filterText: filter(c.name),
    detail: `${c.type} · ${KIND_LABEL[c.kind]}`,
    documentation: `${t.keyspace}.${t.table.name}`,
    sortText: `0${String(i).padStart(4, '0')}`,
  };
}
