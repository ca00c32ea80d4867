// Statement boundaries from one tokenizer pass: `;` ends a statement except inside `BEGIN … APPLY BATCH`, and cqlsh
// shell commands also end at a newline. Linear in the text size and keeping the tokens, because editor features run
// it on every keystroke over whole files; statements.ts turns the regions into positioned statements.

import { tokenize, type Token } from './lexer.js';

export interface StatementRegion {
  /** From the first significant token up to the `;` (exclusive) or the end of the last token. */
  start: number;
  end: number;
  /** Offset of the terminating `;`, -1 when there is none. */
  semicolon: number;
  /** Significant tokens (no comments). */
  tokens: Token[];
}

const SHELL_WORDS = new Set(['CONSISTENCY', 'SERIAL', 'PAGING', 'TRACING', 'EXPAND', 'DESCRIBE', 'DESC', 'SHOW', 'SOURCE', 'CAPTURE']);

let cache: { text: string; regions: StatementRegion[]; all: Token[] } | undefined;

/** All statements of `text` (memoized for the last text: completion, hover and diagnostics share one pass). */
export function statementRegions(text: string): StatementRegion[] {
  return analyze(text).regions;
}

/** Every token of `text`, comments included (memoized with the regions). */
export function allTokens(text: string): Token[] {
  return analyze(text).all;
}

function analyze(text: string): { regions: StatementRegion[]; all: Token[] } {
  if (cache?.text === text) return cache;
  const all = tokenize(text);
  const regions: StatementRegion[] = [];
  let current: Token[] = [];
  let batch = false;
  const close = (semicolon: number) => {
    if (current.length > 0) {
      regions.push({ start: current[0]!.start, end: semicolon >= 0 ? semicolon : current[current.length - 1]!.end, semicolon, tokens: current });
    }
    current = [];
    batch = false;
  };
  for (const t of all) {
    if (t.kind === 'comment') continue;
    const first = current[0];
    if (first && first.kind === 'word' && SHELL_WORDS.has(first.value) && text.slice(current[current.length - 1]!.end, t.start).includes('\n')) {
      close(-1);
    }
    if (t.text === ';' && t.kind === 'punct') {
      const n = current.length;
      const applied = n >= 2 && current[n - 2]!.value === 'APPLY' && current[n - 1]!.value === 'BATCH';
      if (!batch || applied) {
        close(t.start);
        continue;
      }
    }
    if (current.length === 0 && t.kind === 'word' && t.value === 'BEGIN') batch = true;
    current.push(t);
  }
  close(-1);
  cache = { text, regions, all };
  return cache;
}
