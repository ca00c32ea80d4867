// Walks the statements of a document and reports every schema reference in them: keyspaces, tables and the
// identifiers that are columns by position (select list, WHERE/IF, SET, ORDER/GROUP BY, INSERT column list).
// Diagnostics and hover both build on this walk.

import type { Token } from '../../cql/lexer.js';
import { statementRegions } from '../../cql/statementRegions.js';
import type { IndexedTable, SchemaIndex } from '../../schema/schemaIndex.js';
import { findTableRef, identName, isIdent, type TableRef } from './statementScope.js';
import { ALL_KEYWORDS, FUNCTIONS } from './vocabulary.js';

export interface StatementRefs {
  /** Statement text range. */
  start: number;
  end: number;
  head: string;
  keyspace: string | undefined;
  table?: TableRef;
  /** Resolved table, when the schema has it. */
  resolved?: IndexedTable;
  /** Token after USE. */
  use?: Token;
  /** Identifiers in column positions. */
  columns: Token[];
}

const BOUNDARY = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'APPLY']);
const FUNCTION_NAMES = new Set(FUNCTIONS.map((f) => f.name.toUpperCase()));
const CHECKED = new Set(['SELECT', 'DELETE', 'WHERE', 'IF', 'SET', 'ORDER', 'GROUP', 'INSERT_COLUMNS']);
const CLAUSE = new Set(['SELECT', 'DELETE', 'FROM', 'WHERE', 'IF', 'SET', 'ORDER', 'GROUP', 'USING', 'LIMIT', 'VALUES', 'INTO', 'UPDATE', 'PER', 'ALLOW', 'INSERT']);

/** Every (sub-)statement of `text` with its references, in document order. */
export function collectReferences(text: string, schema: SchemaIndex | undefined, initialKeyspace?: string): StatementRefs[] {
  const out: StatementRefs[] = [];
  let keyspace = initialKeyspace;
  for (const s of statementRegions(text)) {
    const tokens = s.tokens;
    const head = tokens[0]!.value;
    if (head === 'USE') {
      const use = tokens[1];
      out.push({ start: s.start, end: s.end, head, keyspace, columns: [], ...(use ? { use } : {}) });
      if (isIdent(use)) keyspace = identName(use);
      continue;
    }
    // One entry per sub-statement (a batch holds several).
    for (const segment of segments(tokens)) {
      const table = findTableRef(segment);
      const refs: StatementRefs = { start: s.start, end: s.end, head: segment[0]!.value, keyspace, columns: [] };
      if (table) {
        refs.table = table;
        const resolved = schema?.table(table.keyspace, table.name, keyspace);
        if (resolved) refs.resolved = resolved;
      }
      if (refs.head === 'SELECT' || refs.head === 'INSERT' || refs.head === 'UPDATE' || refs.head === 'DELETE') refs.columns = columnTokens(segment, table, refs.resolved);
      out.push(refs);
    }
  }
  return out;
}

/** Splits a statement where a batch starts its next INSERT/UPDATE/DELETE (or APPLY BATCH). */
function segments(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let from = 0;
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (i > from && depth === 0 && t.kind === 'word' && BOUNDARY.has(t.value)) {
      out.push(tokens.slice(from, i));
      from = i;
    }
  });
  out.push(tokens.slice(from));
  return out;
}

/** Identifiers that stand for columns of the statement's table. */
function columnTokens(segment: Token[], table: TableRef | undefined, known: IndexedTable | undefined): Token[] {
  const out: Token[] = [];
  let clause = '';
  let braces = 0; // {…} and […] hold literals (map keys, UDT field names, vectors)
  let parens = 0;
  let insertParen = -1;
  for (let i = 0; i < segment.length; i++) {
    const t = segment[i]!;
    const prev = segment[i - 1];
    if (t.text === '{' || t.text === '[') braces++;
    else if (t.text === '}' || t.text === ']') braces = Math.max(0, braces - 1);
    else if (t.text === '(') {
      parens++;
      if (clause === 'TABLE_DONE' && segment[0]!.value === 'INSERT') {
        clause = 'INSERT_COLUMNS';
        insertParen = parens;
      }
    } else if (t.text === ')') {
      if (clause === 'INSERT_COLUMNS' && parens === insertParen) clause = 'AFTER_COLUMNS';
      parens = Math.max(0, parens - 1);
    }
    if (table && t.end === table.end) {
      clause = 'TABLE_DONE';
      continue;
    }
    if (t.kind === 'word' && CLAUSE.has(t.value) && braces === 0 && clause !== 'INSERT_COLUMNS') {
      if (!(t.value === 'SET' && prev?.value === 'FROM')) {
        clause = t.value;
        continue;
      }
    }
    if (!CHECKED.has(clause) || braces > 0 || !isIdent(t)) continue;
    if (prev?.text === '.' || prev?.value === 'AS' || segment[i + 1]?.text === '(') continue;
    // Unreserved keywords (`key`, `type`, `count`…) are legal column names: kept only when the table has one.
    if (t.kind === 'word' && (ALL_KEYWORDS.has(t.value) || FUNCTION_NAMES.has(t.value)) && !known?.columnsByName.has(identName(t))) continue;
    out.push(t);
  }
  return out;
}

/** The statement references around `offset` (for hover). */
export function referencesAt(all: StatementRefs[], offset: number): StatementRefs | undefined {
  let hit: StatementRefs | undefined;
  for (const r of all) {
    if (r.start <= offset && offset <= r.end) {
      const inTable = r.table && ((r.table.start <= offset && offset <= r.table.end) || (r.table.keyspaceStart !== undefined && r.table.keyspaceStart <= offset && offset <= r.table.keyspaceEnd!));
      const inColumns = r.columns.some((c) => c.start <= offset && offset <= c.end);
      if (inTable || inColumns) return r;
      hit ??= r;
    }
  }
  return hit;
}
