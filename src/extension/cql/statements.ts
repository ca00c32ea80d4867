// CQL text split into statements the way cqlsh does: `;` ends a statement except inside strings, quoted
// identifiers, comments, `$$` bodies and `BEGIN … BATCH … APPLY BATCH`; cqlsh shell commands also end at a newline.
// Positions are kept so server errors ("line 1:7 …") can point into the cell or file.

import { statementRegions } from './statementRegions.js';

export interface Statement {
  /** Statement text without the terminating `;` (comments inside are kept, leading ones dropped). */
  text: string;
  /** Offsets into the cell source: [start, end). */
  start: number;
  end: number;
  /** 0-based line / column of `start` in the cell. */
  line: number;
  column: number;
  /** True when the statement ended with `;`. */
  terminated: boolean;
}

/**
 * The statements of `text[from, to)` with their positions in `text`: the one splitter for notebook cells, `.cql`
 * Run All / Run Statement, CodeLenses and editor features (boundaries from statementRegions' single token pass).
 */
export function splitStatements(text: string, from = 0, to = text.length): Statement[] {
  const out: Statement[] = [];
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (const r of statementRegions(text.slice(from, to))) {
    const start = r.start + from;
    for (; scanned < start; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const end = r.end + from;
    let trimmed = end;
    while (trimmed > start && /\s/.test(text[trimmed - 1]!)) trimmed--;
    out.push({ text: text.slice(start, trimmed), start, end: trimmed, line, column: start - lineStart, terminated: r.semicolon >= 0 });
  }
  return out;
}

/** A `USE ks` statement: its answer (SET_KEYSPACE) changes the client's keyspace. */
export function isUseStatement(text: string): boolean {
  return /^\s*USE\b/i.test(text);
}

export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let k = 0; k < offset && k < source.length; k++) {
    if (source[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart };
}

/**
 * Maps a server syntax-error position (`line L:C`, 1-based line, 0-based column, relative to the statement sent)
 * to a 0-based line/column in the cell.
 */
export function cellPosition(stmt: Statement, line: number, column: number): { line: number; column: number } {
  return line <= 1 ? { line: stmt.line, column: stmt.column + column } : { line: stmt.line + line - 1, column };
}

/** Extracts `line L:C` from a Cassandra syntax error message. */
export function syntaxErrorPosition(message: string): { line: number; column: number } | undefined {
  const m = /line (\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
