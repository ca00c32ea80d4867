// Documents as exact text. astra-db-ts decodes the wire's extended JSON into Date, UUID, ObjectId, DataAPIVector and
// (with big numbers enabled) BigNumber; this turns them back into the Data API's own JSON forms — `{"$date": ms}`,
// `{"$uuid": "…"}`, `{"$objectId": "…"}`, numbers with every digit — so what the browser shows, copies and edits is
// what the database holds. Classes are matched with instanceof: the shipped bundle is minified, so constructor
// names cannot be trusted.

import { DataAPIVector, ObjectId, UUID } from '@datastax/astra-db-ts';

const INDENT = '  ';

interface BigLike {
  _isBigNumber: true;
  toFixed(): string;
  isFinite(): boolean;
  toString(): string;
}

function isBig(v: object): v is BigLike {
  // bignumber.js marks its instances with `_isBigNumber` (what its own BigNumber.isBigNumber checks).
  return (v as { _isBigNumber?: unknown })._isBigNumber === true && typeof (v as BigLike).toFixed === 'function';
}

/** Float arrays of a DataAPIVector (or a typed array), else undefined. */
function vectorValues(v: object): number[] | undefined {
  if (v instanceof Float32Array || v instanceof Float64Array) return Array.from(v);
  if (v instanceof DataAPIVector) return v.asArray();
  return undefined;
}

/** A number as JSON text: shortest round-trip form, and never `1e+21`-style loss for integers of a BigNumber. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : JSON.stringify(String(n));
}

function bigText(b: BigLike): string {
  if (!b.isFinite()) return JSON.stringify(b.toString());
  const plain = b.toFixed();
  const sci = b.toString();
  // Both are exact; pick the shorter so 1e400 is not written out as 401 digits.
  return sci.length < plain.length ? sci.replace(/e\+?/, 'e') : plain;
}

/** The extended-JSON replacement of one special value, or undefined for plain JSON values. */
export { isBig as isBigNumberValue };

export function specialForm(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return undefined;
  if (v instanceof Date) return { $date: v.getTime() };
  if (v instanceof UUID) return { $uuid: v.toString() };
  if (v instanceof ObjectId) return { $objectId: v.toString() };
  return undefined;
}

/** Exact JSON text of a document or value (`indent` > 0: pretty, one property per line). */
export function documentJson(value: unknown, pretty = true): string {
  return write(value, pretty ? 0 : -1);
}

function write(v: unknown, depth: number): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return numberText(v);
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'object': break;
    default: return JSON.stringify(String(v));
  }
  if (isBig(v)) return bigText(v);
  const special = specialForm(v);
  if (special !== undefined) return write(special, depth);
  const vec = vectorValues(v);
  if (vec) return `[${vec.map(numberText).join(depth < 0 ? ',' : ', ')}]`;
  const pretty = depth >= 0;
  const pad = pretty ? `\n${INDENT.repeat(depth + 1)}` : '';
  const end = pretty ? `\n${INDENT.repeat(depth)}` : '';
  const next = pretty ? depth + 1 : -1;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => pad + write(x, next)).join(',')}${end}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}:${pretty ? ' ' : ''}${write(x, next)}`).join(',')}${end}}`;
}

const CELL_MAX = 200;

/** One table cell: strings bare, dates as ISO with the exact ms, ids as their text, the rest as compact JSON. */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v.length > CELL_MAX ? `${v.slice(0, CELL_MAX)}…` : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid date' : v.toISOString();
  if (v !== null && typeof v === 'object') {
    if (v instanceof UUID || v instanceof ObjectId) return v.toString();
    const vec = vectorValues(v);
    if (vec) return `[${vec.length} floats] ${vec.slice(0, 4).map(numberText).join(', ')}${vec.length > 4 ? ', …' : ''}`;
  }
  const text = documentJson(v, false);
  return text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…` : text;
}
