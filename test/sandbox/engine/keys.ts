// Partition key serialization (CompositeType for multi-column keys) and its Murmur3 token: the same bytes the
// drivers build for token-aware routing.

import type { CqlType, CqlValue } from '../types/cqltype.js';
import { encodeValue } from '../types/codec.js';
import { murmur3Token } from './murmur3.js';

export function serializePartitionKey(types: CqlType[], values: CqlValue[]): Buffer {
  if (types.length === 1) return encodeValue(types[0], values[0]);
  const parts: Buffer[] = [];
  for (let i = 0; i < types.length; i++) {
    const b = encodeValue(types[i], values[i]);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    parts.push(len, b, Buffer.from([0]));
  }
  return Buffer.concat(parts);
}

export function tokenOf(types: CqlType[], values: CqlValue[]): { key: Buffer; token: bigint } {
  const key = serializePartitionKey(types, values);
  return { key, token: murmur3Token(key) };
}
