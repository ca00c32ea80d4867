// Request bodies (native_protocol_v4 §4.1) decoded into plain objects. Protocol v3 shares every layout used here.

import type { BatchStatement, BatchType, BoundValue, QueryValues } from '../engine/api.js';
import { FrameFlag, Opcode, opcodeName } from './frame.js';
import { WireError, WireReader } from './wire.js';

export const QueryFlag = {
  VALUES: 0x01, SKIP_METADATA: 0x02, PAGE_SIZE: 0x04, PAGING_STATE: 0x08, SERIAL_CONSISTENCY: 0x10,
  DEFAULT_TIMESTAMP: 0x20, NAMED_VALUES: 0x40,
} as const;

export interface QueryParameters {
  consistency: number;
  flags: number;
  values: QueryValues | null;
  skipMetadata: boolean;
  pageSize?: number;
  pagingState?: Buffer;
  serialConsistency?: number;
  timestamp?: bigint;
}

export type Request =
  | { opcode: typeof Opcode.STARTUP; options: Map<string, string> }
  | { opcode: typeof Opcode.AUTH_RESPONSE; token: Buffer | null }
  | { opcode: typeof Opcode.OPTIONS }
  | { opcode: typeof Opcode.QUERY; query: string; params: QueryParameters }
  | { opcode: typeof Opcode.PREPARE; query: string }
  | { opcode: typeof Opcode.EXECUTE; id: Buffer; params: QueryParameters }
  | {
      opcode: typeof Opcode.BATCH;
      type: BatchType;
      statements: BatchStatement[];
      consistency: number;
      serialConsistency?: number;
      timestamp?: bigint;
    }
  | { opcode: typeof Opcode.REGISTER; events: string[] };

const BATCH_TYPES: BatchType[] = ['LOGGED', 'UNLOGGED', 'COUNTER'];

/** Throws WireError on a malformed body or a non-request opcode. `flags` are the frame header flags. */
export function decodeRequest(opcode: number, body: Buffer, flags = 0): Request {
  const r = new WireReader(body);
  if (flags & FrameFlag.CUSTOM_PAYLOAD) {
    // A [bytes map] the sandbox has no use for (Cassandra hands it to a QueryHandler).
    const n = r.short();
    for (let i = 0; i < n; i++) {
      r.string();
      r.bytes();
    }
  }
  switch (opcode) {
    case Opcode.STARTUP:
      return { opcode, options: r.stringMap() };
    case Opcode.AUTH_RESPONSE:
      return { opcode, token: r.bytes() };
    case Opcode.OPTIONS:
      return { opcode };
    case Opcode.QUERY:
      return { opcode, query: r.longString(), params: readQueryParameters(r) };
    case Opcode.PREPARE:
      return { opcode, query: r.longString() };
    case Opcode.EXECUTE:
      return { opcode, id: r.shortBytes(), params: readQueryParameters(r) };
    case Opcode.BATCH:
      return readBatch(r);
    case Opcode.REGISTER:
      return { opcode, events: r.stringList() };
    default:
      throw new WireError(`Unknown opcode ${opcodeName(opcode)}`);
  }
}

export function readQueryParameters(r: WireReader): QueryParameters {
  const consistency = r.consistency();
  const flags = r.byte();
  const p: QueryParameters = {
    consistency,
    flags,
    values: null,
    skipMetadata: (flags & QueryFlag.SKIP_METADATA) !== 0,
  };
  if (flags & QueryFlag.VALUES) {
    const n = r.short();
    if (flags & QueryFlag.NAMED_VALUES) {
      const named = new Map<string, BoundValue>();
      for (let i = 0; i < n; i++) named.set(r.string(), r.value());
      p.values = { named };
    } else {
      p.values = { positional: Array.from({ length: n }, () => r.value()) };
    }
  }
  if (flags & QueryFlag.PAGE_SIZE) p.pageSize = r.int();
  if (flags & QueryFlag.PAGING_STATE) p.pagingState = r.bytes() ?? undefined;
  if (flags & QueryFlag.SERIAL_CONSISTENCY) p.serialConsistency = r.consistency();
  if (flags & QueryFlag.DEFAULT_TIMESTAMP) p.timestamp = r.long();
  return p;
}

function readBatch(r: WireReader): Request {
  const typeByte = r.byte();
  const type = BATCH_TYPES[typeByte];
  if (!type) throw new WireError(`Invalid BATCH message type ${typeByte}`);
  const n = r.short();
  const statements: BatchStatement[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r.byte();
    let stmt: BatchStatement;
    if (kind === 0) stmt = { query: r.longString(), values: [] };
    else if (kind === 1) stmt = { id: r.shortBytes(), values: [] };
    else throw new WireError(`Invalid query kind in BATCH messages. Must be 0 or 1 but got ${kind}`);
    // The 0x40 (named values) batch flag comes after the values, so like Cassandra we only bind by position.
    const count = r.short();
    for (let j = 0; j < count; j++) stmt.values.push(r.value());
    statements.push(stmt);
  }
  const consistency = r.consistency();
  const flags = r.byte();
  const serialConsistency = flags & QueryFlag.SERIAL_CONSISTENCY ? r.consistency() : undefined;
  const timestamp = flags & QueryFlag.DEFAULT_TIMESTAMP ? r.long() : undefined;
  return { opcode: Opcode.BATCH, type, statements, consistency, serialConsistency, timestamp };
}

/** SASL PLAIN: [authzid] NUL authcid NUL passwd. */
export function parsePlainToken(token: Buffer | null): { username: string; password: string } | null {
  if (!token) return null;
  const parts = token.toString('utf8').split('\0');
  if (parts.length < 3) return null;
  return { username: parts[parts.length - 2], password: parts[parts.length - 1] };
}
