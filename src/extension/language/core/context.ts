// Where is the cursor? Classifies the position inside the current statement into what completion should offer.
// Works on a few tokens around the cursor, never on the whole document, and tolerates half-typed text.

import { significant, tokenize, type Token } from '../../cql/lexer.js';
import { findTableRef, identName, isIdent, segmentAround, statementRegion, type TableRef } from './statementScope.js';

export type ContextKind =
  | { kind: 'none' } // inside a string, a comment or a number
  | { kind: 'statementStart' }
  | { kind: 'keyspace' }
  /** Tables (of `keyspace` when qualified, else of the current keyspace) and, unqualified, keyspaces. */
  | { kind: 'table'; keyspace?: string }
  /** Columns of `table`; `functions` adds built-in functions; `keywords` continue the clause. */
  | { kind: 'column'; table?: TableRef; functions: boolean; keywords: string[]; extraColumns?: string[] }
  | { kind: 'type' }
  | { kind: 'consistency'; serial: boolean }
  | { kind: 'keyword'; keywords: string[]; functions?: boolean; table?: TableRef };

export interface Prefix {
  /** Typed text to filter on (unescaped, without the opening quote). */
  text: string;
  quoted: boolean;
  /** Range to replace with the chosen item. */
  start: number;
  end: number;
}

export type CompletionContext = ContextKind & { prefix: Prefix; head?: string };

const TABLE_AFTER = new Set(['FROM', 'INTO', 'TRUNCATE', 'ON']);
const COMPARISON = new Set(['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);

export function analyzeContext(text: string, offset: number): CompletionContext {
  const region = statementRegion(text, offset);
  const all = tokenize(text, region.start, Math.max(region.end, offset));
  const here = all.find((t) => t.start < offset && offset <= t.end);
  let prefix: Prefix = { text: '', quoted: false, start: offset, end: offset };
  if (here) {
    if (here.kind === 'comment' || here.kind === 'number' || here.kind === 'other') return { kind: 'none', prefix };
    if (here.kind === 'string' && (offset < here.end || here.unterminated)) return { kind: 'none', prefix };
    if (here.kind === 'word') prefix = { text: text.slice(here.start, offset), quoted: false, start: here.start, end: here.end };
    if (here.kind === 'quoted' && (offset < here.end || here.unterminated)) {
      prefix = { text: text.slice(here.start + 1, offset).split('""').join('"'), quoted: true, start: here.start, end: here.end };
    }
  }
  const tokens = significant(all);
  const cursorIndex = tokens.findIndex((t) => t.start >= prefix.start);
  const idx = cursorIndex < 0 ? tokens.length : cursorIndex;
  const segment = segmentAround(tokens, Math.max(0, idx - 1));
  const before = tokens.slice(0, idx).filter((t) => t.start >= (segment[0]?.start ?? 0) || segment.length === 0);
  const result = classify(before, segment, tokens);
  return { ...result, prefix, ...(tokens[0]?.kind === 'word' ? { head: tokens[0].value } : {}) };
}

function classify(before: Token[], segment: Token[], statement: Token[]): ContextKind {
  if (before.length === 0) return { kind: 'statementStart' };
  const head = statement[0]!.value;
  const prev = before[before.length - 1]!;
  // Between the statements of a batch.
  if (prev.text === ';') return { kind: 'keyword', keywords: ['INSERT INTO', 'UPDATE', 'DELETE', 'APPLY BATCH'] };

  // `ks.` (or `ks."Ta`) — a qualified name: tables of that keyspace.
  if (prev.text === '.' && isIdent(before[before.length - 2])) {
    return { kind: 'table', keyspace: identName(before[before.length - 2]!) };
  }
  const prevV = prev.kind === 'word' ? prev.value : prev.text;

  switch (head) {
    case 'CONSISTENCY':
      return before.length === 1 ? { kind: 'consistency', serial: false } : { kind: 'none' };
    case 'SERIAL':
      return before.length === 2 && prevV === 'CONSISTENCY' ? { kind: 'consistency', serial: true } : before.length === 1 ? { kind: 'keyword', keywords: ['CONSISTENCY'] } : { kind: 'none' };
    case 'PAGING':
    case 'TRACING':
    case 'EXPAND':
      return before.length === 1 ? { kind: 'keyword', keywords: ['ON', 'OFF'] } : { kind: 'none' };
    case 'USE':
      return before.length === 1 ? { kind: 'keyspace' } : { kind: 'none' };
    case 'DESCRIBE':
    case 'DESC':
      if (before.length === 1) return { kind: 'keyword', keywords: ['KEYSPACES', 'KEYSPACE', 'TABLES', 'TABLE', 'TYPES', 'TYPE', 'FUNCTIONS', 'AGGREGATES', 'MATERIALIZED VIEW', 'INDEX', 'SCHEMA', 'FULL SCHEMA', 'CLUSTER'] };
      if (prevV === 'KEYSPACE') return { kind: 'keyspace' };
      if (prevV === 'TABLE' || prevV === 'VIEW' || prevV === 'INDEX' || prevV === 'TYPE') return { kind: 'table' };
      return { kind: 'none' };
  }

  // Walk back over `IF [NOT] EXISTS` so `DROP TABLE IF EXISTS |` is a table position.
  let p = before.length - 1;
  if (prevV === 'EXISTS') {
    let j = p - 1;
    if (before[j]?.value === 'NOT') j--;
    if (before[j]?.value === 'IF') p = j - 1;
  }
  const anchor = before[p];
  const anchorV = anchor?.kind === 'word' ? anchor.value : anchor?.text;
  if (anchorV === 'KEYSPACE') return head === 'CREATE' ? { kind: 'none' } : { kind: 'keyspace' };
  if (anchorV === 'TABLE' || anchorV === 'VIEW') return head === 'CREATE' ? { kind: 'keyspace' } : { kind: 'table' };
  if (anchorV === 'UPDATE' && p === 0) return { kind: 'table' };
  if (anchorV && TABLE_AFTER.has(anchorV) && (anchorV !== 'ON' || head === 'CREATE')) {
    if (!(anchorV === 'INTO' && segment[0]?.value !== 'INSERT')) return { kind: 'table' };
  }

  if (head === 'CREATE' || head === 'ALTER') return ddl(before, segment, head);
  const dmlHead = segment[0]?.value ?? head;
  const table = findTableRef(segment);
  return dml(before, dmlHead, table);
}

/** Columns / keywords inside SELECT, INSERT, UPDATE and DELETE (also inside batches). */
function dml(before: Token[], head: string, table: TableRef | undefined): ContextKind {
  const prev = before[before.length - 1]!;
  const prevV = prev.kind === 'word' ? prev.value : prev.text;
  const col = (functions: boolean, keywords: string[] = []): ContextKind => ({ kind: 'column', ...(table ? { table } : {}), functions, keywords });
  const kw = (keywords: string[], functions = false): ContextKind => ({ kind: 'keyword', keywords, functions, ...(table ? { table } : {}) });
  const clause = lastClause(before);
  const afterOperand = isIdent(prev) && !isClauseWord(prev) || prev.kind === 'number' || prev.kind === 'string' || prev.text === ')' || prev.text === ']' || prev.text === '*';

  if (prevV === 'AS') return { kind: 'none' };
  switch (clause) {
    case 'SELECT':
      if (afterOperand) return kw(['FROM', 'AS']);
      return col(true, prevV === 'SELECT' ? ['DISTINCT', 'JSON', '*'] : []);
    case 'DELETE':
      return afterOperand ? kw(['FROM', 'USING TIMESTAMP']) : col(false);
    case 'WHERE':
    case 'AND':
    case 'IF': {
      if (afterOperand) return kw(head === 'SELECT' ? ['AND', 'IN', 'CONTAINS', 'CONTAINS KEY', 'LIKE', 'ORDER BY', 'GROUP BY', 'LIMIT', 'PER PARTITION LIMIT', 'ALLOW FILTERING'] : ['AND', 'IN', 'CONTAINS', 'IF', 'IF EXISTS']);
      if (COMPARISON.has(prev.text) || prevV === 'IN' || (prev.text === '(' && before[before.length - 2]?.value === 'IN')) return kw(['NULL', 'TRUE', 'FALSE'], true);
      return col(false, clause === 'IF' && prevV === 'IF' ? ['EXISTS'] : []);
    }
    case 'ORDER':
    case 'GROUP':
      if (prevV === 'ORDER' || prevV === 'GROUP') return kw(['BY']);
      if (afterOperand) return kw(clause === 'ORDER' ? ['ASC', 'DESC', 'ANN OF', 'LIMIT', 'ALLOW FILTERING'] : ['LIMIT', 'ALLOW FILTERING']);
      if (prevV === 'OF') return { kind: 'none' };
      return col(false);
    case 'SET':
      if (afterOperand && !COMPARISON.has(before[before.length - 2]?.text ?? '')) return kw(['=', 'WHERE']);
      return col(COMPARISON.has(prev.text));
    case 'INSERT_COLUMNS':
      return afterOperand ? { kind: 'none' } : col(false);
    case 'VALUES':
      return kw(['NULL', 'TRUE', 'FALSE'], true);
    case 'LIMIT':
    case 'USING':
      return afterOperand ? kw(clauseKeywords(head)) : { kind: 'none' };
    case 'FROM':
    case 'INTO':
    case 'UPDATE':
      return kw(head === 'SELECT' ? ['WHERE', 'ORDER BY', 'GROUP BY', 'LIMIT', 'ALLOW FILTERING'] : head === 'INSERT' ? ['JSON', 'VALUES'] : head === 'UPDATE' ? ['USING TTL', 'USING TIMESTAMP', 'SET'] : ['USING TIMESTAMP', 'WHERE']);
    default:
      return kw(clauseKeywords(head));
  }
}

/** The clause the cursor is in: the last clause keyword before it at parenthesis depth 0 (or the INSERT column list). */
function lastClause(before: Token[]): string | undefined {
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    const t = before[i]!;
    if (t.text === ')') depth++;
    else if (t.text === '(') {
      if (depth === 0) {
        // An unclosed `(` right after `INTO name` or `INTO ks.name`: the INSERT column list.
        const qualified = before[i - 2]?.text === '.';
        const into = before[qualified ? i - 4 : i - 2];
        if (isIdent(before[i - 1]) && into?.kind === 'word' && into.value === 'INTO') return 'INSERT_COLUMNS';
      } else depth--;
    } else if (depth === 0 && t.kind === 'word' && CLAUSES.has(t.value)) {
      if (t.value === 'IF' && (before[i + 1]?.value === 'NOT' || before[i + 1]?.value === 'EXISTS')) continue;
      return t.value === 'AND' ? lastClause(before.slice(0, i)) : t.value;
    }
  }
  return undefined;
}

const CLAUSES = new Set(['SELECT', 'DELETE', 'FROM', 'WHERE', 'AND', 'IF', 'ORDER', 'GROUP', 'SET', 'VALUES', 'INTO', 'UPDATE', 'LIMIT', 'USING']);
const isClauseWord = (t: Token) => t.kind === 'word' && (CLAUSES.has(t.value) || ['BY', 'DISTINCT', 'JSON', 'IN', 'CONTAINS', 'KEY', 'OF', 'ANN', 'NOT', 'EXISTS'].includes(t.value));

function clauseKeywords(head: string): string[] {
  switch (head) {
    case 'SELECT':
      return ['FROM', 'WHERE', 'LIMIT', 'ALLOW FILTERING'];
    case 'INSERT':
      return ['INTO', 'VALUES', 'IF NOT EXISTS', 'USING TTL', 'USING TIMESTAMP'];
    case 'UPDATE':
      return ['SET', 'WHERE', 'USING TTL', 'USING TIMESTAMP'];
    case 'DELETE':
      return ['FROM', 'WHERE'];
    case 'BEGIN':
      return ['BATCH', 'UNLOGGED BATCH', 'COUNTER BATCH', 'INSERT INTO', 'UPDATE', 'DELETE'];
    default:
      return [];
  }
}

/** CREATE TABLE / TYPE column definitions and ALTER TABLE: types, or columns where existing ones are named. */
function ddl(before: Token[], segment: Token[], head: string): ContextKind {
  const prev = before[before.length - 1]!;
  const prevV = prev.kind === 'word' ? prev.value : prev.text;
  const what = before[1]?.value;
  if (head === 'ALTER' && what === 'TABLE') {
    const table = findTableRef(segment);
    const tableEnd = table ? before.findIndex((t) => t.end === table.end) : -1;
    const rest = tableEnd >= 0 ? before.slice(tableEnd + 1) : [];
    const verb = rest[0]?.value;
    if (rest.length === 0) return { kind: 'keyword', keywords: ['ADD', 'DROP', 'RENAME', 'ALTER', 'WITH'] };
    if (verb === 'ADD') return rest.length === 2 && isIdent(prev) ? { kind: 'type' } : rest.length >= 3 && inAngle(rest) ? { kind: 'type' } : { kind: 'none' };
    if (verb === 'ALTER' && prevV === 'TYPE') return { kind: 'type' };
    if ((verb === 'DROP' || verb === 'RENAME' || verb === 'ALTER') && rest.length === 1) return { kind: 'column', ...(table ? { table } : {}), functions: false, keywords: [] };
    return { kind: 'none' };
  }
  // CREATE [CUSTOM] INDEX … ON tbl (|: that table's columns.
  if (head === 'CREATE' && (what === 'INDEX' || what === 'CUSTOM')) {
    const table = findTableRef(segment);
    const open = before.findIndex((t) => t.text === '(');
    if (table && open >= 0 && !before.slice(open).some((t) => t.text === ')')) return { kind: 'column', table, functions: false, keywords: ['KEYS', 'VALUES', 'ENTRIES', 'FULL'] };
    return { kind: 'keyword', keywords: ['IF NOT EXISTS', 'ON', 'USING', "USING 'StorageAttachedIndex'", 'WITH OPTIONS'] };
  }
  if (what !== 'TABLE' && what !== 'TYPE') return { kind: 'keyword', keywords: ['TABLE', 'KEYSPACE', 'INDEX', 'CUSTOM INDEX', 'TYPE', 'FUNCTION', 'AGGREGATE', 'MATERIALIZED VIEW', 'ROLE', 'IF NOT EXISTS', 'WITH', 'AND'] };
  // Inside the definition list?
  let depth = 0;
  let open = -1;
  for (let i = 0; i < before.length; i++) {
    const t = before[i]!.text;
    if (t === '(') {
      depth++;
      if (depth === 1 && open < 0) open = i;
    } else if (t === ')') depth--;
  }
  if (open < 0 || depth === 0) return { kind: 'keyword', keywords: ['WITH', 'AND', 'CLUSTERING ORDER BY', 'IF NOT EXISTS'] };
  const inner = before.slice(open + 1);
  // PRIMARY KEY (…): the columns defined above.
  const pk = inner.findIndex((t, i) => t.value === 'PRIMARY' && inner[i + 1]?.value === 'KEY' && inner[i + 2]?.text === '(');
  if (pk >= 0 && depth >= 2) return { kind: 'column', functions: false, keywords: [], extraColumns: definedColumns(inner) };
  if (inAngle(inner)) return { kind: 'type' };
  // `name |` right after `(` or `,`: the column's type.
  const beforePrev = before[before.length - 2];
  if (isIdent(prev) && (beforePrev?.text === '(' || beforePrev?.text === ',') && depth === 1) return { kind: 'type' };
  if (prevV === '(' || prevV === ',') return { kind: 'keyword', keywords: ['PRIMARY KEY'] };
  return { kind: 'keyword', keywords: ['PRIMARY KEY', 'STATIC'] };
}

/** True when an unclosed `<` is open (inside `map<…`): a type parameter position. */
function inAngle(tokens: Token[]): boolean {
  let angle = 0;
  for (const t of tokens) {
    if (t.text === '<') angle++;
    else if (t.text === '>') angle--;
  }
  const last = tokens[tokens.length - 1]?.text;
  return angle > 0 && (last === '<' || last === ',');
}

/** Column names declared in a CREATE TABLE definition list (each `name type` after `(` or `,` at depth 0). */
function definedColumns(inner: Token[]): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const t = inner[i]!;
    if (t.text === '(' || t.text === '<') depth++;
    else if (t.text === ')' || t.text === '>') depth--;
    else if (depth === 0 && isIdent(t) && (i === 0 || inner[i - 1]!.text === ',') && t.value !== 'PRIMARY') out.push(identName(t));
  }
  return out;
}
