// cqlsh's `COPY ks.table [(col, …)] TO|FROM 'file' [WITH option = value [AND …]]`, parsed into a CopySpec with
// cqlsh's option names and defaults. Only the statement text is read here: files and the database come later.

import { quoteIdentifier } from '../../shared/identifier.js';

export type CopyFormat = 'csv' | 'json';

export interface CopyOptions {
  header: boolean;
  delimiter: string;
  quote: string;
  /** Undefined: a quote inside a quoted field is doubled (RFC 4180); a character: it escapes the next one. */
  escape: string | undefined;
  /** Text of a null value (cqlsh's default is the empty field; a quoted empty field is the empty string). */
  nullText: string;
  /** strftime-style timestamp format (%Y %m %d %H %M %S %f %z %Z %%); %f is milliseconds. */
  dateTimeFormat: string;
  /** Rows to copy at most; -1 is all. */
  maxRows: number;
  /** Rows per page when exporting. */
  pageSize: number;
  /**
   * cqlsh's rows per worker process; given or not, an import here is one stream into a window of concurrent writes,
   * so it changes nothing and the result says so (undefined when not given).
   */
  chunkSize: number | undefined;
  /** Rows of one partition grouped in one unlogged batch when importing. */
  maxBatchSize: number;
  /** Rows per second at most when importing. */
  ingestRate: number;
  /** Bad rows tolerated before an import stops; -1 is no limit. */
  maxErrors: number;
  format: CopyFormat;
}

export interface CopySpec {
  direction: 'to' | 'from';
  keyspace?: string;
  table: string;
  /** Columns named in the statement; empty means every column of the table. */
  columns: string[];
  /** The path as written (relative paths are resolved by the caller). */
  file: string;
  options: CopyOptions;
}

export const DEFAULT_DATETIME_FORMAT = '%Y-%m-%d %H:%M:%S.%f%z';

export type CopyParse = { ok: true; spec: CopySpec } | { ok: false; error: string } | undefined;

const USAGE = "Usage: COPY [keyspace.]table [(column, …)] TO|FROM 'file' [WITH option = value [AND option = value …]]";

/** Undefined when the statement is not a COPY command; an error when it is a malformed one. */
export function parseCopyCommand(statement: string): CopyParse {
  const tokens = tokenize(statement.replace(/;\s*$/, ''));
  if (!tokens || tokens[0]?.kind !== 'word' || tokens[0].text.toUpperCase() !== 'COPY') return undefined;
  let i = 1;
  const name = (): string | undefined => {
    const t = tokens[i];
    if (t?.kind === 'word') return (i++, t.text.toLowerCase());
    if (t?.kind === 'quotedName') return (i++, t.text);
    return undefined;
  };
  const first = name();
  if (!first) return { ok: false, error: USAGE };
  let keyspace: string | undefined;
  let table = first;
  if (tokens[i]?.text === '.') {
    i++;
    const second = name();
    if (!second) return { ok: false, error: USAGE };
    keyspace = first;
    table = second;
  }
  const columns: string[] = [];
  if (tokens[i]?.text === '(') {
    i++;
    for (;;) {
      const c = name();
      if (!c) return { ok: false, error: `${USAGE}\nExpected a column name.` };
      columns.push(c);
      if (tokens[i]?.text === ',') i++;
      else if (tokens[i]?.text === ')') break;
      else return { ok: false, error: `${USAGE}\nExpected , or ) in the column list.` };
    }
    i++;
  }
  const dir = tokens[i]?.kind === 'word' ? tokens[i]!.text.toUpperCase() : '';
  if (dir !== 'TO' && dir !== 'FROM') return { ok: false, error: USAGE };
  i++;
  const fileToken = tokens[i++];
  if (fileToken?.kind !== 'string') {
    if (fileToken?.kind === 'word' && /^(STDIN|STDOUT)$/i.test(fileToken.text)) return { ok: false, error: 'COPY to STDOUT or from STDIN is not available here: name a file.' };
    return { ok: false, error: `${USAGE}\nThe file name must be in single quotes.` };
  }
  const raw: Record<string, string> = {};
  if (i < tokens.length) {
    if (tokens[i]?.kind !== 'word' || tokens[i]!.text.toUpperCase() !== 'WITH') return { ok: false, error: USAGE };
    i++;
    for (;;) {
      const key = tokens[i];
      const eq = tokens[i + 1];
      const value = tokens[i + 2];
      if (key?.kind !== 'word' || eq?.text !== '=' || !value || (value.kind !== 'word' && value.kind !== 'string')) {
        return { ok: false, error: `${USAGE}\nOptions are written name = value.` };
      }
      raw[key.text.toUpperCase()] = value.text;
      i += 3;
      if (i >= tokens.length) break;
      if (tokens[i]?.kind !== 'word' || tokens[i]!.text.toUpperCase() !== 'AND') return { ok: false, error: `${USAGE}\nSeparate options with AND.` };
      i++;
    }
  }
  const options = copyOptions(raw, dir === 'TO' ? 'to' : 'from', fileToken.text);
  if (typeof options === 'string') return { ok: false, error: options };
  const spec: CopySpec = { direction: dir === 'TO' ? 'to' : 'from', table, columns, file: fileToken.text, options };
  if (keyspace) spec.keyspace = keyspace;
  return { ok: true, spec };
}

/** Options from `NAME: text` pairs (upper-case names), or the message for the first bad one. */
export function copyOptions(raw: Record<string, string>, direction: 'to' | 'from', file: string): CopyOptions | string {
  const o: CopyOptions = {
    header: false, delimiter: ',', quote: '"', escape: undefined, nullText: '', dateTimeFormat: DEFAULT_DATETIME_FORMAT,
    maxRows: -1, pageSize: 1000, chunkSize: undefined, maxBatchSize: 20, ingestRate: 100_000, maxErrors: 1000,
    format: /\.(jsonl|ndjson|json)$/i.test(file) ? 'json' : 'csv',
  };
  for (const [name, value] of Object.entries(raw)) {
    const problem = setOption(o, name, value);
    if (problem !== undefined) return problem ?? `Unknown COPY ${direction.toUpperCase()} option: ${name}.`;
  }
  if (o.escape === o.quote) o.escape = undefined;
  if (o.delimiter === o.quote) return 'DELIMITER and QUOTE must differ.';
  return o;
}

/** Sets one option; undefined when it was fine, a message when the value is bad, null for an unknown name. */
function setOption(o: CopyOptions, name: string, value: string): string | null | undefined {
  // -1 means "no limit" where cqlsh allows it (MAXROWS, MAXERRORS).
  const int = (set: (n: number) => void, min: number, unlimited = false) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !(n >= min || (unlimited && n === -1))) return `${name} must be a whole number of at least ${min}${unlimited ? ' (or -1)' : ''}, not '${value}'.`;
    set(n);
    return undefined;
  };
  const char = (set: (c: string) => void) => (value.length === 1 ? void set(value) : `${name} must be one character, not '${value}'.`);
  switch (name) {
    case 'HEADER':
      if (!/^(true|false|yes|no|1|0)$/i.test(value)) return `HEADER must be true or false, not '${value}'.`;
      o.header = /^(true|yes|1)$/i.test(value);
      return undefined;
    case 'DELIMITER': return char((c) => (o.delimiter = c));
    case 'QUOTE': return char((c) => (o.quote = c));
    case 'ESCAPE': return char((c) => (o.escape = c));
    case 'NULL': o.nullText = value; return undefined;
    case 'DATETIMEFORMAT': o.dateTimeFormat = value; return undefined;
    case 'MAXROWS': return int((n) => (o.maxRows = n), 1, true);
    case 'PAGESIZE': return int((n) => (o.pageSize = n), 1);
    case 'CHUNKSIZE': return int((n) => (o.chunkSize = n), 1);
    case 'MAXBATCHSIZE': return int((n) => (o.maxBatchSize = n), 1);
    case 'INGESTRATE': return int((n) => (o.ingestRate = n), 1);
    case 'MAXERRORS': case 'MAXPARSEERRORS': case 'MAXINSERTERRORS': return int((n) => (o.maxErrors = n), 0, true);
    case 'FORMAT': {
      const f = value.toLowerCase();
      if (f !== 'csv' && f !== 'json' && f !== 'jsonl') return `FORMAT must be csv or json (JSON Lines), not '${value}'.`;
      o.format = f === 'csv' ? 'csv' : 'json';
      return undefined;
    }
    default:
      return null;
  }
}

/** `ks.table` as CQL must spell it. */
export function tableName(spec: { keyspace?: string; table: string }, keyspace: string | undefined): string {
  const ks = spec.keyspace ?? keyspace;
  return ks ? `${quoteIdentifier(ks)}.${quoteIdentifier(spec.table)}` : quoteIdentifier(spec.table);
}

interface Token {
  kind: 'word' | 'quotedName' | 'string' | 'punct';
  text: string;
}

/** Words, "quoted names", 'strings' ('' inside), punctuation; undefined on an unterminated quote. */
function tokenize(s: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && s[i + 1] === '-') { while (i < s.length && s[i] !== '\n') i++; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= s.length) return undefined;
        if (s[j] === c) {
          if (s[j + 1] === c) { text += c; j += 2; continue; }
          break;
        }
        text += s[j++];
      }
      out.push({ kind: c === "'" ? 'string' : 'quotedName', text });
      i = j + 1;
      continue;
    }
    const m = /^[^\s'"=(),.;]+/.exec(s.slice(i));
    if (m) {
      out.push({ kind: 'word', text: m[0] });
      i += m[0].length;
      continue;
    }
    out.push({ kind: 'punct', text: c });
    i++;
  }
  return out;
}
