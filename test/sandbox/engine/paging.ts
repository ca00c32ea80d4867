// Paging state: where the last page stopped (partition token + key + clustering of its last row) plus counters
// for LIMIT / PER PARTITION LIMIT, tagged with a hash of the query so a state cannot be replayed on another one.

import { createHash } from 'node:crypto';
import { CqlError, ErrorCode } from '../errors.js';
import type { CqlType, CqlValue } from '../types/cqltype.js';
import { decodeValue, encodeValue } from '../types/codec.js';

export interface PagePosition {
  token: bigint;
  key: Buffer;
  ck: CqlValue[] | null; // null: the page ended on a static-only row (or a DISTINCT row): skip the partition
  returned: number; // rows returned so far (LIMIT)
  inPartition: number; // rows returned so far from this partition (PER PARTITION LIMIT)
}

export function queryHash(keyspace: string | null, cql: string): Buffer {
  return createHash('md5').update(`${keyspace ?? ''}\u0000${cql}`).digest().subarray(0, 8);
}

function badState(): CqlError {
  return new CqlError(ErrorCode.PROTOCOL, 'Invalid value for the paging state');
}

export function encodePagingState(hash: Buffer, pos: PagePosition, ckTypes: CqlType[]): Buffer {
  const parts: Buffer[] = [hash];
  const head = Buffer.alloc(8 + 4 + 4 + 4);
  head.writeBigInt64BE(pos.token, 0);
  head.writeUInt32BE(pos.returned, 8);
  head.writeUInt32BE(pos.inPartition, 12);
  head.writeInt32BE(pos.ck === null ? -1 : pos.ck.length, 16);
  parts.push(head, lenPrefixed(pos.key));
  (pos.ck ?? []).forEach((v, i) => parts.push(v === null ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : lenPrefixed(encodeValue(ckTypes[i], v))));
  return Buffer.concat(parts);
}

function lenPrefixed(b: Buffer): Buffer {
  const l = Buffer.alloc(4);
  l.writeInt32BE(b.length);
  return Buffer.concat([l, b]);
}

export function decodePagingState(state: Buffer, hash: Buffer, ckTypes: CqlType[]): PagePosition {
  try {
    if (state.length < 28 || !state.subarray(0, 8).equals(hash)) throw badState();
    let o = 8;
    const token = state.readBigInt64BE(o);
    const returned = state.readUInt32BE(o + 8);
    const inPartition = state.readUInt32BE(o + 12);
    const ckLen = state.readInt32BE(o + 16);
    o += 20;
    const read = (): Buffer | null => {
      const n = state.readInt32BE(o);
      o += 4;
      if (n < 0) return null;
      const b = state.subarray(o, o + n);
      if (b.length !== n) throw badState();
      o += n;
      return b;
    };
    const key = read();
    if (!key) throw badState();
    let ck: CqlValue[] | null = null;
    if (ckLen >= 0) {
      if (ckLen > ckTypes.length) throw badState();
      ck = [];
      for (let i = 0; i < ckLen; i++) {
        const b = read();
        ck.push(b === null ? null : decodeValue(ckTypes[i], b));
      }
    }
    if (o !== state.length) throw badState();
    return { token, key, ck, returned, inPartition };
  } catch (e) {
    if (e instanceof CqlError && e.code === ErrorCode.PROTOCOL) throw e;
    throw badState();
  }
}
