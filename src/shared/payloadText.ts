// The bytes of a result output: ordinary JSON (any JSON reader, saved notebooks and older renderers read it whole),
// laid out so the renderer can paint the first rows without parsing all of them. The payload's fields come first
// on one line ending in `"rows":[`, then one row per line. JSON.stringify never writes a raw line break, so every
// line break in the text is one of these separators.
//
//   {"version":1,"kind":"rows",…,"rows":[
//   [1,"a"],
//   [2,"b"]
//   ]}

import type { ResultPayload } from './resultPayload.js';

const NL = 10;
const HEAD_END = '"rows":[';

export function writePayloadText(p: ResultPayload): string {
  const { rows, ...fields } = p;
  const head = JSON.stringify(fields);
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i++) lines.push(JSON.stringify(rows[i]));
  const body = lines.length ? `${lines.join(',\n')}\n` : '';
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}${HEAD_END}\n${body}]}`;
}

/** A payload read in steps: the fields and the first rows now, the other rows on demand. */
export interface StagedPayload {
  /** The payload with only the rows read so far. */
  head: unknown;
  /** Number of rows in the text. */
  total: number;
  /** Parses the next (up to) `n` rows; an empty array when all were read. */
  next(n: number): unknown[];
}

/**
 * Reads a payload written by writePayloadText: the fields and the first `first` rows. Undefined for any other text
 * (compact or indented JSON, saved notebooks), which the caller parses whole.
 */
export function readStagedPayload(bytes: Uint8Array, first: number): StagedPayload | undefined {
  const headEnd = bytes.indexOf(NL);
  if (headEnd < HEAD_END.length + 2 || bytes[0] !== 0x7b) return undefined;
  const decoder = new TextDecoder();
  const headText = decoder.decode(bytes.subarray(0, headEnd));
  if (!headText.endsWith(HEAD_END)) return undefined;
  // Line starts of every row, found with the native byte search (rows are not parsed yet).
  const starts: number[] = [];
  for (let at = headEnd + 1; at < bytes.length; ) {
    starts.push(at);
    const nl = bytes.indexOf(NL, at);
    if (nl < 0) break;
    at = nl + 1;
  }
  // The last line is the closing `]}`.
  const total = Math.max(0, starts.length - 1);
  let read = 0;
  const next = (n: number): unknown[] => {
    const to = Math.min(total, read + n);
    if (to <= read) return [];
    // Rows read..to-1 end where line `to` starts, less its line break and, except for the last row, a comma.
    const end = starts[to]! - 1;
    const text = decoder.decode(bytes.subarray(starts[read]!, bytes[end - 1] === 0x2c ? end - 1 : end));
    read = to;
    return JSON.parse(`[${text}]`) as unknown[];
  };
  const head = JSON.parse(`${headText}]}`) as Record<string, unknown>;
  head['rows'] = next(first);
  return { head, total, next };
}
