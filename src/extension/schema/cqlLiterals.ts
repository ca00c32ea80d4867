// CQL literal text for the option values DESCRIBE prints (maps, strings, numbers, blobs).

import { quoteString } from '../../shared/identifier.js';

/** Doubles keep a fractional part the way cqlsh prints them (`1.0`, `0.01`). */
export function doubleLiteral(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (value instanceof Map) return mapLiteral(Object.fromEntries(value));
  if (typeof value === 'object') return mapLiteral(value as Record<string, unknown>);
  return quoteString(String(value));
}

/** `{'a': 'x', 'b': 'y'}`, keys sorted as Cassandra stores map<text, …> entries. */
export function mapLiteral(map: Record<string, unknown>): string {
  const keys = Object.keys(map).sort();
  return `{${keys.map((k) => `${quoteString(k)}: ${literal(map[k])}`).join(', ')}}`;
}

/** The driver hands `caching` over as JSON text of the stored map. */
export function cachingLiteral(caching: string): string {
  try {
    const parsed: unknown = JSON.parse(caching);
    if (parsed && typeof parsed === 'object') return mapLiteral(parsed as Record<string, unknown>);
  } catch {
    // Older servers store a plain string such as 'KEYS_ONLY'.
  }
  return quoteString(caching);
}
