// Splits a notebook cell into CQL statements the way cqlsh does: `;` ends a statement except inside strings,
// quoted identifiers, comments, `$$` bodies and `BEGIN … BATCH … APPLY BATCH`; cqlsh shell commands also end at a
// newline. Positions are kept so server errors ("line 1:7 …") can point into the cell.

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

/** Words that start a cqlsh shell command; such commands may end at a newline instead of `;`. */
const SHELL_WORDS = new Set(['CONSISTENCY', 'SERIAL', 'PAGING', 'TRACING', 'EXPAND', 'DESCRIBE', 'DESC', 'SHOW']);

const isWordChar = (c: string) => /[A-Za-z0-9_]/.test(c);

export function splitStatements(source: string): Statement[] {
  const out: Statement[] = [];
  const n = source.length;
  let i = 0;
  let start = -1; // start offset of the current statement, -1 while between statements
  let words: string[] = []; // upper-cased bare words of the current statement
  let batch = false;
  // Statements come in order, so positions are found by scanning forward from the previous one (linear overall).
  let scanned = 0;
  let line = 0;
  let lineStart = 0;
  const position = (offset: number) => {
    for (; scanned < offset; scanned++) {
      if (source[scanned] === '\n') {
        line++;
        lineStart = scanned + 1;
      }
    }
    return { line, column: offset - lineStart };
  };

  const finish = (endExclusive: number, terminated: boolean) => {
    if (start >= 0) {
      let end = endExclusive;
      while (end > start && /\s/.test(source[end - 1]!)) end--;
      out.push({ text: source.slice(start, end), start, end, ...position(start), terminated });
    }
    start = -1;
    words = [];
    batch = false;
  };

  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    // Comments: skipped between statements, kept inside one.
    if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === '\n' && start >= 0 && SHELL_WORDS.has(words[0] ?? '')) {
      finish(i, false);
      i++;
      continue;
    }
    if (/\s/.test(c) || (c === ';' && start < 0)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === "'" || c === '"') {
      i = skipQuoted(source, i, c);
      continue;
    }
    if (c === '$' && next === '$') {
      const close = source.indexOf('$$', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(source[j]!)) j++;
      words.push(source.slice(i, j).toUpperCase());
      if (words.length === 1 && words[0] === 'BEGIN') batch = true;
      i = j;
      continue;
    }
    if (c === ';') {
      const applied = words.length >= 2 && words[words.length - 2] === 'APPLY' && words[words.length - 1] === 'BATCH';
      if (!batch || applied) {
        finish(i, true);
        i++;
        continue;
      }
    }
    i++;
  }
  finish(n, false);
  return out;
}

/** Index just past the closing quote; `''` / `""` inside are escapes. Unterminated: end of source. */
function skipQuoted(source: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < source.length) {
    if (source[j] === quote) {
      if (source[j + 1] === quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return source.length;
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
