// Finding the statement (and, inside a batch, the sub-statement) around an offset, the table it works on, and the
// keyspace in effect after earlier `USE` statements.

import type { Token } from '../../cql/lexer.js';
import { statementRegions } from '../../cql/statementRegions.js';

export interface Region {
  start: number;
  end: number;
}

/** The statement containing `offset`: from its first token up to (not including) its `;`, or an empty region. */
export function statementRegion(text: string, offset: number): Region {
  const regions = statementRegions(text);
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i]!;
    if (offset < r.start) break;
    // An unterminated statement runs to the end of the text (a shell command, ended by its newline, to its line end).
    let end = r.semicolon;
    if (end < 0) {
      const eol = text.indexOf('\n', r.end);
      end = i + 1 < regions.length && eol >= 0 ? eol : text.length;
    }
    if (offset <= end) return { start: r.start, end };
  }
  return { start: offset, end: offset };
}

export interface TableRef {
  keyspace?: string;
  name: string;
  /** Offsets of the table name token (and of the keyspace token when qualified). */
  start: number;
  end: number;
  keyspaceStart?: number;
  keyspaceEnd?: number;
}

/** Unquoted identifiers fold to lower case; quoted ones are exact. */
export const identName = (t: Token): string => (t.kind === 'quoted' ? t.value : t.text.toLowerCase());
export const isIdent = (t: Token | undefined): t is Token => !!t && (t.kind === 'word' || t.kind === 'quoted');

const DML = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);

/** Inside `BEGIN BATCH … APPLY BATCH` each INSERT/UPDATE/DELETE is its own scope. */
export function segmentAround(tokens: Token[], index: number): Token[] {
  let from = 0;
  for (let i = Math.min(index, tokens.length - 1); i >= 0; i--) {
    if (tokens[i]!.kind === 'word' && DML.has(tokens[i]!.value) && !insideParens(tokens, i)) {
      from = i;
      break;
    }
  }
  let to = tokens.length;
  for (let i = Math.max(index, from + 1); i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && (DML.has(t.value) || t.value === 'APPLY') && !insideParens(tokens, i)) {
      to = i;
      break;
    }
  }
  return tokens.slice(from, to);
}

function insideParens(tokens: Token[], index: number): boolean {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    if (tokens[i]!.text === '(') depth++;
    else if (tokens[i]!.text === ')') depth--;
  }
  return depth > 0;
}

/** Reads `name` or `ks.name` starting at tokens[i]. */
function readQualified(tokens: Token[], i: number): TableRef | undefined {
  const a = tokens[i];
  if (!isIdent(a)) return undefined;
  const dot = tokens[i + 1];
  const b = tokens[i + 2];
  if (dot?.text === '.' && isIdent(b)) {
    return { keyspace: identName(a), name: identName(b), start: b.start, end: b.end, keyspaceStart: a.start, keyspaceEnd: a.end };
  }
  return { name: identName(a), start: a.start, end: a.end };
}

/** Skips `IF [NOT] EXISTS` at tokens[i…]. */
function skipIfExists(tokens: Token[], i: number): number {
  if (tokens[i]?.value !== 'IF') return i;
  let j = i + 1;
  if (tokens[j]?.value === 'NOT') j++;
  return tokens[j]?.value === 'EXISTS' ? j + 1 : i;
}

/** The table a (sub-)statement reads or writes, wherever it appears relative to the cursor. */
export function findTableRef(segment: Token[]): TableRef | undefined {
  const head = segment[0]?.value;
  for (let i = 0; i < segment.length; i++) {
    const t = segment[i]!;
    if (t.kind !== 'word') continue;
    const v = t.value;
    if (v === 'FROM' || (v === 'INTO' && head === 'INSERT') || (v === 'UPDATE' && i === 0)) {
      return readQualified(segment, i + 1);
    }
    if (v === 'TABLE' && (head === 'ALTER' || head === 'DROP' || head === 'TRUNCATE' || head === 'CREATE')) {
      return readQualified(segment, skipIfExists(segment, i + 1));
    }
    if (v === 'TRUNCATE' && i === 0 && segment[1]?.value !== 'TABLE') return readQualified(segment, 1);
    if (v === 'ON' && head === 'CREATE') return readQualified(segment, i + 1);
  }
  return undefined;
}

/**
 * The keyspace in effect at `offset`: the last `USE ks` before it, else `initial` (the notebook's keyspace or the
 * connection's default).
 */
export function keyspaceAt(text: string, offset: number, initial?: string): string | undefined {
  let ks = initial;
  for (const r of statementRegions(text)) {
    if (r.start >= offset) break;
    const name = r.tokens[1];
    if (r.tokens[0]!.value === 'USE' && isIdent(name) && name.end <= offset) ks = identName(name);
  }
  return ks;
}
