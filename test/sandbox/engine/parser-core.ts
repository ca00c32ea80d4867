// The token cursor every parser module works on, plus Cassandra-worded syntax errors and the identifier rules
// (which keywords may double as names) from Cassandra's Parser.g.

import { CqlError, ErrorCode } from '../errors.js';
import type { BindMarker } from './ast.js';
import { tokenize, type Token, type TokenType } from './lexer.js';

const BASIC_UNRESERVED = new Set(
  ('KEYS AS CLUSTER CLUSTERING COMPACT STORAGE TABLES TYPE TYPES VALUES MAP LIST FILTERING PERMISSION PERMISSIONS ' +
    'KEYSPACES ALL USER USERS ROLE ROLES SUPERUSER NOSUPERUSER LOGIN NOLOGIN OPTIONS PASSWORD EXISTS CUSTOM ' +
    'TRIGGER CONTAINS INTERNALS ONLY STATIC FROZEN TUPLE FUNCTION FUNCTIONS AGGREGATE AGGREGATES SFUNC STYPE ' +
    'FINALFUNC INITCOND RETURNS LANGUAGE CALLED INPUT LIKE PER PARTITION GROUP DATACENTERS ACCESS DEFAULT MBEAN ' +
    'MBEANS REPLACE UNSET VECTOR ANN').split(' ').map((k) => `K_${k}`),
);
export const NATIVE_TYPE_KEYWORDS = new Set(
  ('ASCII BIGINT BLOB BOOLEAN COUNTER DECIMAL DOUBLE DURATION FLOAT INET INT SMALLINT TEXT TIMESTAMP TINYINT UUID ' +
    'VARCHAR VARINT TIMEUUID DATE TIME').split(' ').map((k) => `K_${k}`),
);
const EXTRA_UNRESERVED = new Set(['K_TTL', 'K_COUNT', 'K_WRITETIME', 'K_MAXWRITETIME', 'K_KEY', 'K_CAST', 'K_JSON', 'K_DISTINCT']);
/** Names CREATE TYPE refuses even though they are not keywords. */
const RESERVED_TYPE_NAMES = new Set(['byte', 'complex', 'enum', 'date', 'interval', 'macaddr', 'bitstring']);

export const isBasicUnreserved = (t: TokenType) => BASIC_UNRESERVED.has(t);
/** unreserved_function_keyword: basic unreserved keywords and native type names. */
export const isUnreservedFunctionKeyword = (t: TokenType) => BASIC_UNRESERVED.has(t) || NATIVE_TYPE_KEYWORDS.has(t);
/** unreserved_keyword: what may be used as a column / table / keyspace name without quotes. */
export const isUnreservedKeyword = (t: TokenType) => isUnreservedFunctionKeyword(t) || EXTRA_UNRESERVED.has(t);

export const syntax = (msg: string) => new CqlError(ErrorCode.SYNTAX, msg);

/** ColumnIdentifier.maybeQuote: the form Cassandra prints names in. */
export function maybeQuote(name: string): string {
  if (/^[a-z][a-z0-9_]*$/.test(name) && !RESERVED_WORDS.has(name.toUpperCase())) return name;
  return `"${name.replace(/"/g, '""')}"`;
}
const RESERVED_WORDS = new Set(
  ('ADD ALLOW ALTER AND APPLY ASC AUTHORIZE BATCH BEGIN BY COLUMNFAMILY CREATE DELETE DESC DESCRIBE DROP ENTRIES ' +
    'EXECUTE FROM FULL GRANT IF IN INDEX INFINITY INSERT INTO IS KEYSPACE LIMIT MATERIALIZED MODIFY NAN NORECURSIVE ' +
    'NOT NULL OF ON OR ORDER PRIMARY RENAME REVOKE SCHEMA SELECT SET TABLE TO TOKEN TRUNCATE UNLOGGED UPDATE USE ' +
    'USING VIEW WHERE WITH').split(' '),
);

export class Cursor {
  readonly tokens: Token[];
  private pos = 0; // index into tokens (hidden ones included), always on a visible token
  bindMarkers: BindMarker[] = [];

  /** `vectorType: false` parses like Cassandra 4.0, where `vector` is an ordinary identifier. */
  constructor(readonly query: string, readonly dialect: { vectorType: boolean } = { vectorType: true }) {
    this.tokens = tokenize(query);
    this.pos = this.skipHidden(0);
  }

  /** Index of the next visible token at or after i; a lexer error on the way is raised now, like ANTLR's lazy lexer. */
  private skipHidden(i: number): number {
    while (this.tokens[i].hidden) {
      const t = this.tokens[i];
      if (t.type === 'ERROR') throw syntax(t.error ?? 'syntax error');
      i++;
    }
    return i;
  }

  private indexAhead(k: number): number {
    let i = this.pos;
    for (let n = 0; n < k && this.tokens[i].type !== 'EOF'; n++) i = this.skipHidden(i + 1);
    return i;
  }

  peek(k = 0): Token {
    return this.tokens[this.indexAhead(k)];
  }
  type(k = 0): TokenType {
    return this.peek(k).type;
  }
  is(...types: TokenType[]): boolean {
    return types.includes(this.type());
  }
  next(): Token {
    const t = this.tokens[this.pos];
    if (t.type !== 'EOF') this.pos = this.skipHidden(this.pos + 1);
    return t;
  }
  accept(type: TokenType): Token | undefined {
    return this.type() === type ? this.next() : undefined;
  }
  /** Match one token or fail like ANTLR's match(): `mismatched input 'x' expecting K_FROM`. */
  expect(type: TokenType): Token {
    if (this.type() !== type) throw this.error(`mismatched input ${display(this.peek())} expecting ${type}`);
    return this.next();
  }
  /** A decision point with no matching alternative. */
  noViable(k = 0): CqlError {
    // A fixed-lookahead decision failing at LT(k+1): ANTLR reports that token in the header but has rewound the
    // stream, so the snippet highlights the decision's first token.
    return this.error(`no viable alternative at input ${display(this.peek(k))}`, this.peek(k), this.peek());
  }
  /** A recognition error that Cassandra reports as a bare message (addRecognitionError). */
  plain(msg: string): CqlError {
    return syntax(msg);
  }

  /** `line L:C <clause> (snippet)` the way Cassandra's ErrorCollector builds it. */
  error(clause: string, at: Token = this.peek(), streamAt: Token = at): CqlError {
    const idx = this.tokens.indexOf(streamAt);
    let msg = `line ${at.line}:${at.col} ${clause}`;
    const from = this.tokens[Math.max(0, idx - 10)];
    const to = this.tokens[Math.min(this.tokens.indexOf(at), idx + 2)];
    if (streamAt.line > 0 && from.line > 0 && to.line > 0) msg += snippet(this.query, from, to, streamAt);
    return syntax(msg);
  }

  /** Try a parse; on a syntax error rewind and return undefined (ANTLR syntactic predicates / backtracking). */
  speculate<T>(fn: () => T): T | undefined {
    const pos = this.pos;
    const markers = this.bindMarkers.length;
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof CqlError) || e.code !== ErrorCode.SYNTAX) throw e;
      this.pos = pos;
      this.bindMarkers.length = markers;
      return undefined;
    }
  }
  /** Would `fn` parse here? Never consumes. */
  lookahead(fn: () => unknown): boolean {
    const pos = this.pos;
    const markers = this.bindMarkers.length;
    try {
      fn();
      return true;
    } catch (e) {
      if (!(e instanceof CqlError) || e.code !== ErrorCode.SYNTAX) throw e;
      return false;
    } finally {
      this.pos = pos;
      this.bindMarkers.length = markers;
    }
  }

  /** Source text from token `startPos` to the current position, whitespace collapsed and comments dropped. */
  textFrom(startTok: Token): string {
    let out = '';
    let gap = false;
    const end = this.tokens[this.pos];
    for (let i = this.tokens.indexOf(startTok); i < this.tokens.length && this.tokens[i] !== end; i++) {
      const t = this.tokens[i];
      if (t.hidden) {
        gap = out.length > 0;
        continue;
      }
      out += (gap ? ' ' : '') + this.query.slice(t.start, t.end);
      gap = false;
    }
    return out;
  }

  // ------------------------------------------------------------------------------- identifiers

  isIdentStart(k = 0): boolean {
    const t = this.type(k);
    return t === 'IDENT' || t === 'QUOTED_NAME' || isUnreservedKeyword(t);
  }
  /** ident / noncol_ident / fident / ksName / cfName: IDENT (lower-cased), QUOTED_NAME (kept) or unreserved keyword. */
  ident(bindWhat?: 'keyspace' | 'table' | 'index' | 'role'): string {
    const t = this.peek();
    if (t.type === 'IDENT' || isUnreservedKeyword(t.type)) return this.next().text.toLowerCase();
    if (t.type === 'QUOTED_NAME') return this.next().text;
    if (t.type === 'QMARK' && bindWhat) throw this.plain(`Bind variables cannot be used for ${bindWhat} names`);
    throw this.noViable();
  }
  /** cident: like ident but also `""` (the empty name). */
  cident(): string {
    if (this.accept('EMPTY_QUOTED_NAME')) return '';
    return this.ident();
  }
  /** non_type_ident: a user type's own name. */
  typeNameIdent(): string {
    const t = this.peek();
    if (t.type === 'IDENT') {
      if (RESERVED_TYPE_NAMES.has(t.text)) throw this.plain(`Invalid (reserved) user type name ${t.text}`);
      return this.next().text.toLowerCase();
    }
    if (t.type === 'QUOTED_NAME') return this.next().text;
    if (isBasicUnreserved(t.type) || t.type === 'K_KEY') return this.next().text.toLowerCase();
    throw this.noViable();
  }
  /** allowedFunctionName. */
  isFunctionNameStart(k = 0): boolean {
    const t = this.type(k);
    return t === 'IDENT' || t === 'QUOTED_NAME' || isUnreservedFunctionKeyword(t) || t === 'K_TOKEN' || t === 'K_COUNT';
  }
  functionNameIdent(): string {
    const t = this.peek();
    if (t.type === 'QUOTED_NAME') return this.next().text;
    if (this.isFunctionNameStart()) return this.next().text.toLowerCase();
    throw this.noViable();
  }
}

/** ANTLR's getTokenErrorDisplay. */
function display(t: Token): string {
  const text = t.type === 'EOF' ? '<EOF>' : t.text;
  return `'${text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** ErrorCollector.appendSnippet, including its quirks (token text lengths, Java's split dropping trailing ''). */
function snippet(query: string, from: Token, to: Token, offending: Token): string {
  const lines = query.split('\n');
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const lastCol = (t: Token) => t.col + t.text.length;
  const includeStart = from.line === 1 && from.col === 0;
  const includeEnd = to.line === lines.length && lastCol(to) === lines[lines.length - 1].length;
  const toLine = lines[to.line - 1] ?? '';
  lines[to.line - 1] = lastCol(to) >= toLine.length ? toLine : toLine.slice(0, lastCol(to));
  const off = lines[offending.line - 1] ?? '';
  const closeAt = Math.min(lastCol(offending), off.length);
  const withClose = off.slice(0, closeAt) + ']' + off.slice(closeAt);
  lines[offending.line - 1] = withClose.slice(0, offending.col) + '[' + withClose.slice(offending.col);
  lines[from.line - 1] = (lines[from.line - 1] ?? '').slice(from.col);
  let out = ' (' + (includeStart ? '' : '...');
  for (let i = from.line - 1; i <= to.line - 1; i++) out += lines[i];
  return out + (includeEnd ? '' : '...') + ')';
}
