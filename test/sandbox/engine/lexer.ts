// CQL lexer modelled on Cassandra's ANTLR 3 Lexer.g, so token boundaries, token texts and error positions
// (line 1-based, column 0-based) match what Cassandra reports in its syntax errors.

export type TokenType =
  | 'IDENT' | 'QUOTED_NAME' | 'EMPTY_QUOTED_NAME' | 'STRING_LITERAL' | 'INTEGER' | 'FLOAT' | 'BOOLEAN'
  | 'DURATION' | 'UUID' | 'HEXNUMBER' | 'QMARK' | 'RANGE' | 'WS' | 'COMMENT' | 'EOF' | 'ERROR'
  | `K_${string}` // keywords, e.g. K_SELECT; TABLE lexes as K_COLUMNFAMILY like in Cassandra
  | `'${string}'`; // punctuation, named as ANTLR names literal tokens: '(' '<=' '+=' …

export interface Token {
  type: TokenType;
  /** ANTLR's token text: strings and quoted names are unquoted/unescaped, everything else as written. */
  text: string;
  start: number; // offset in the query
  end: number; // offset after the last char
  line: number; // 1-based; 0 for the synthetic EOF (Cassandra reports EOF as `line 0:-1`)
  col: number; // 0-based; -1 for EOF
  hidden: boolean; // whitespace and comments
  error?: string; // ERROR tokens: the lexer's message, raised when the parser reaches it
}

const KEYWORDS = new Set(
  (
    'SELECT FROM AS WHERE AND KEY KEYS ENTRIES FULL INSERT UPDATE WITH LIMIT PER PARTITION USING USE DISTINCT ' +
    'COUNT SET BEGIN UNLOGGED BATCH APPLY TRUNCATE DELETE IN CREATE SCHEMA KEYSPACE KEYSPACES COLUMNFAMILY ' +
    'TABLES MATERIALIZED VIEW INDEX CUSTOM ON TO DROP PRIMARY INTO VALUES TIMESTAMP TTL CAST ALTER RENAME ADD ' +
    'TYPE TYPES COMPACT STORAGE ORDER BY ASC DESC ALLOW FILTERING IF IS CONTAINS GROUP CLUSTER INTERNALS ONLY ' +
    'GRANT ALL PERMISSION PERMISSIONS OF REVOKE MODIFY AUTHORIZE DESCRIBE EXECUTE NORECURSIVE MBEAN MBEANS ' +
    'USER USERS ROLE ROLES SUPERUSER NOSUPERUSER PASSWORD LOGIN NOLOGIN OPTIONS ACCESS DATACENTERS ' +
    'CLUSTERING ASCII BIGINT BLOB BOOLEAN COUNTER DECIMAL DOUBLE DURATION FLOAT INET INT SMALLINT TINYINT TEXT ' +
    'UUID VARCHAR VARINT TIMEUUID TOKEN WRITETIME MAXWRITETIME DATE TIME NULL NOT EXISTS MAP LIST NAN ' +
    'INFINITY TUPLE TRIGGER STATIC FROZEN FUNCTION FUNCTIONS AGGREGATE AGGREGATES SFUNC STYPE FINALFUNC ' +
    'INITCOND RETURNS CALLED INPUT LANGUAGE OR REPLACE JSON DEFAULT UNSET LIKE VECTOR ANN'
  ).split(' '),
);
const KEYWORD_ALIASES: Record<string, string> = {
  TABLE: 'COLUMNFAMILY',
  COLUMNFAMILIES: 'TABLES',
};

// Longest first, so '<=' wins over '<' and '..' over '.'.
const PUNCTUATION = ['expr(', '+=', '-=', '!=', '<=', '>=', '..', ';', '(', ')', ',', '.', '*', '=', '<', '>', '[', ']',
  '{', '}', ':', '+', '-', '/', '%', '?'];

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isIdentChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DURATION_UNITS_RE = /^-?(\d+(y|mo|w|d|h|ms|m|s|us|µs|ns))+/i;
// ISO 8601 forms as Lexer.g spells them (designators are upper-case only there).
const DURATION_ISO_RE = new RegExp(
  '^-?P(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}' +
    '|T(?:\\d+H(?:\\d+M)?(?:\\d+S)?|\\d+M(?:\\d+S)?|\\d+S)' +
    '|\\d+W' +
    '|(?:\\d+Y(?:\\d+M)?(?:\\d+D)?|\\d+M(?:\\d+D)?|\\d+D)(?:T(?:\\d+H(?:\\d+M)?(?:\\d+S)?|\\d+M(?:\\d+S)?|\\d+S))?)',
);
const FLOAT_RE = /^-?\d+(?:\.(?!\.)\d*)?(?:[eE][+-]?\d+)?/;

/** Display of a char in lexer error messages, like ANTLR's getCharErrorDisplay. */
const charDisplay = (c: string | undefined) => `'${c === undefined ? '<EOF>' : c}'`;

/** A string or quoted name from its opening quote `q`; a doubled `q` inside stands for one. */
function readQuoted(query: string, open: number, q: string): { text: string; end: number; closed: boolean } {
  let text = '';
  let i = open + 1;
  while (i < query.length) {
    if (query[i] !== q) text += query[i++];
    else if (query[i + 1] === q) {
      text += q;
      i += 2;
    } else return { text, end: i + 1, closed: true };
  }
  return { text, end: i, closed: false };
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;

  const push = (type: TokenType, text: string, start: number, hidden = false, error?: string) => {
    const line = lineAt(start);
    tokens.push({ type, text, start, end: pos, line, col: start - lineStarts[line - 1], hidden, error });
  };
  const lineStarts: number[] = [0];
  for (let i = 0; i < query.length; i++) if (query[i] === '\n') lineStarts.push(i + 1);
  function lineAt(offset: number): number {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  const lexError = (at: number, msg: string) => {
    const l = lineAt(at);
    return `line ${l}:${at - lineStarts[l - 1]} ${msg}`;
  };

  while (pos < query.length) {
    const start = pos;
    const c = query[pos];
    const rest = query.slice(pos, pos + 64);

    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      while (pos < query.length && ' \t\n\r'.includes(query[pos])) pos++;
      push('WS', query.slice(start, pos), start, true);
      continue;
    }
    if (query.startsWith('--', pos) || query.startsWith('//', pos)) {
      let end = pos + 2;
      while (end < query.length && query[end] !== '\n' && query[end] !== '\r') end++;
      if (end >= query.length) {
        // Lexer.g requires the newline; at end of input ANTLR 3 reports a mismatched set.
        pos = end;
        push('ERROR', '', start, true, lexError(end, "mismatched character '<EOF>' expecting set null"));
        continue;
      }
      pos = end + 1;
      push('COMMENT', query.slice(start, pos), start, true);
      continue;
    }
    if (query.startsWith('/*', pos)) {
      const close = query.indexOf('*/', pos + 2);
      if (close < 0) {
        pos = query.length;
        push('ERROR', '', start, true, lexError(pos, "mismatched character '<EOF>' expecting '*'"));
        continue;
      }
      pos = close + 2;
      push('COMMENT', query.slice(start, pos), start, true);
      continue;
    }
    if (query.startsWith('$$', pos)) {
      const close = query.indexOf('$$', pos + 2);
      if (close < 0) {
        pos = query.length;
        push('ERROR', '', start, true, lexError(pos, "mismatched character '<EOF>' expecting '$'"));
        continue;
      }
      const text = query.slice(pos + 2, close);
      pos = close + 2;
      push('STRING_LITERAL', text, start);
      continue;
    }
    if (c === "'" || c === '"') {
      const q = readQuoted(query, pos, c);
      pos = q.end;
      if (!q.closed) push('ERROR', '', start, true, lexError(pos, `mismatched character '<EOF>' expecting '${c}'`));
      else if (c === "'") push('STRING_LITERAL', q.text, start);
      else if (q.end === start + 2) push('EMPTY_QUOTED_NAME', '""', start);
      else push('QUOTED_NAME', q.text, start);
      continue;
    }
    // Word-like and number-like tokens: take the longest match among the rules that can start here,
    // preferring the earlier Lexer.g rule on ties (FLOAT/INTEGER < BOOLEAN < DURATION < IDENT < HEX < UUID).
    const candidates: { type: TokenType; len: number }[] = [];
    const uuid = UUID_RE.exec(rest);
    const fl = FLOAT_RE.exec(rest);
    if (fl) candidates.push({ type: /[.eE]/.test(fl[0]) ? 'FLOAT' : 'INTEGER', len: fl[0].length });
    const dur = DURATION_UNITS_RE.exec(rest) ?? DURATION_ISO_RE.exec(rest);
    if (dur) candidates.push({ type: 'DURATION', len: dur[0].length });
    if (isLetter(c)) {
      let i = pos + 1;
      while (i < query.length && isIdentChar(query[i])) i++;
      candidates.push({ type: 'IDENT', len: i - pos });
    }
    if (c === '0' && (query[pos + 1] === 'x' || query[pos + 1] === 'X')) {
      let i = pos + 2;
      while (i < query.length && /[0-9a-fA-F]/.test(query[i])) i++;
      candidates.push({ type: 'HEXNUMBER', len: i - pos });
    }
    if (uuid) candidates.push({ type: 'UUID', len: 36 });
    if (query.startsWith('-', pos) && /^-(nan|infinity)(?![A-Za-z0-9_])/i.test(rest)) {
      const nan = /^-nan/i.test(rest);
      candidates.push({ type: nan ? 'K_NEGATIVE_NAN' : 'K_NEGATIVE_INFINITY', len: nan ? 4 : 9 });
    }
    if (candidates.length > 0) {
      let best = candidates[0];
      for (const cand of candidates) if (cand.len > best.len) best = cand;
      pos += best.len;
      const text = query.slice(start, pos);
      let type = best.type;
      if (type === 'IDENT') {
        const upper = text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') type = 'BOOLEAN';
        else if (KEYWORD_ALIASES[upper]) type = `K_${KEYWORD_ALIASES[upper]}`;
        else if (KEYWORDS.has(upper)) type = `K_${upper}`;
      }
      push(type, text, start);
      continue;
    }

    const punct = PUNCTUATION.find((p) => query.startsWith(p, pos));
    if (punct) {
      pos += punct.length;
      push(punct === '?' ? 'QMARK' : punct === '..' ? 'RANGE' : `'${punct}'`, punct, start);
      continue;
    }
    // ANTLR's lexer reports the char and skips it.
    pos++;
    push('ERROR', '', start, true, lexError(start, `no viable alternative at character ${charDisplay(c)}`));
  }
  tokens.push({ type: 'EOF', text: '<EOF>', start: query.length, end: query.length, line: 0, col: -1, hidden: false });
  return tokens;
}
