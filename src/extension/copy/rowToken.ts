// The Murmur3 token of a row's partition key, computed from the values the driver decoded: the bytes are what the
// driver builds for token-aware routing (one value as is; several as CompositeType: 2-byte length, bytes, 0), hashed
// by the driver's own tokenizer. A range scan needs a row's token only for progress, once per page, so it no longer
// selects token(pk) for every row (the server computing and the driver decoding one more bigint per row).

import type { Client, ClientOptions, types } from 'cassandra-driver';
import { driverEncoder } from './driverTypes.js';
import type { CopyColumn } from './copyTable.js';

export type RowToken = (row: types.Row) => bigint | undefined;

/** Undefined when the client has no partitioner yet (metadata off) or the key cannot be encoded. */
export function rowTokenOf(client: Client, partitionKey: readonly CopyColumn[]): RowToken {
  // The options the client decodes with (its typings omit the field), so the bytes are the ones it would send.
  const encoder = driverEncoder((client as unknown as { options: ClientOptions }).options);
  return (row) => {
    try {
      const parts: Buffer[] = [];
      for (const c of partitionKey) {
        const value: unknown = row[c.name];
        // Not read (the column was not selected): no token; a partition key value is never null in a row.
        if (value === undefined || value === null) return undefined;
        const b = encoder.encode(value, c.type);
        if (!b) return undefined;
        if (partitionKey.length === 1) return tokenValue(client, b);
        const len = Buffer.alloc(2);
        len.writeUInt16BE(b.length);
        parts.push(len, b, Buffer.from([0]));
      }
      return tokenValue(client, Buffer.concat(parts));
    } catch {
      return undefined;
    }
  };
}

function tokenValue(client: Client, key: Buffer): bigint | undefined {
  const value: unknown = client.metadata.newToken(key).getValue();
  return value === null || value === undefined ? undefined : BigInt(String(value));
}
