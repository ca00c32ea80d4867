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
  /** Number of rows in the text (the writer's count when the caller had it, else counted). */
  total: number;
  /** Parses the next (up to) `n` rows; an empty array when all were read. */
  next(n: number): unknown[];
}

/** What the writer knows about the text, kept beside it (the notebook output's metadata) to spare a count. */
export const outputRowCount = (p: ResultPayload): { rowCount: number } => ({ rowCount: p.rows.length });

/**
 * Reads a payload written by writePayloadText: the fields and the first `first` rows. Undefined for any other text
 * (compact or indented JSON, saved notebooks), which the caller parses whole. `rowCount` (from outputRowCount)
 * saves counting the lines up front; rows are found and parsed only as they are asked for.
 */
export function readStagedPayload(bytes: Uint8Array, first: number, rowCount?: number): StagedPayload | undefined {
  const headEnd = bytes.indexOf(NL);
  if (headEnd < HEAD_END.length + 2 || bytes[0] !== 0x7b) return undefined;
  const decoder = new TextDecoder();
  const headText = decoder.decode(bytes.subarray(0, headEnd));
  if (!headText.endsWith(HEAD_END)) return undefined;
  let pos = headEnd + 1; // start of the next unread line; the last line, `]}`, has no line break
  const next = (n: number): unknown[] => {
    const start = pos;
    let end = pos;
    let count = 0;
    while (count < n) {
      const nl = bytes.indexOf(NL, pos);
      if (nl < 0) break;
      count++;
      end = nl;
      pos = nl + 1;
    }
    if (count === 0) return [];
    // Every row line but the last ends with a comma.
    const text = decoder.decode(bytes.subarray(start, bytes[end - 1] === 0x2c ? end - 1 : end));
    return JSON.parse(`[${text}]`) as unknown[];
  };
  const total = Number.isInteger(rowCount) && rowCount! >= 0 ? rowCount! : countLines(bytes, pos);
  const head = JSON.parse(`${headText}]}`) as Record<string, unknown>;
  head['rows'] = next(first);
  return { head, total, next };
}

function countLines(bytes: Uint8Array, from: number): number {
  let n = 0;
  for (let at = bytes.indexOf(NL, from); at >= 0; at = bytes.indexOf(NL, at + 1)) n++;
  return n;
}
