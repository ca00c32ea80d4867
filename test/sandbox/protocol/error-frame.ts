// ERROR bodies (native_protocol_v4 §9): <int code><string message> followed by the per-code fields. When an
// engine error lacks its extra fields we still write plausible ones, so the frame is never malformed.

import { CqlError, ErrorCode, consistencyName } from '../errors.js';
import { WireWriter } from './wire.js';

/** Anything thrown while serving a request, as the CqlError to send back. */
export function asCqlError(e: unknown): CqlError {
  if (e instanceof CqlError) return e;
  const msg = e instanceof Error ? e.message || e.name : String(e);
  return new CqlError(ErrorCode.SERVER, msg);
}

export function encodeError(err: CqlError, consistency = 1): Buffer {
  const w = new WireWriter().int(err.code).string(err.message);
  const x = err.extra;
  switch (err.code) {
    case ErrorCode.UNAVAILABLE: {
      const e = x?.kind === 'unavailable' ? x : { consistency, required: 1, alive: 0 };
      w.short(e.consistency).int(e.required).int(e.alive);
      break;
    }
    case ErrorCode.WRITE_TIMEOUT: {
      const e = x?.kind === 'write_timeout' ? x : { consistency, received: 0, blockFor: 1, writeType: 'SIMPLE' };
      w.short(e.consistency).int(e.received).int(e.blockFor).string(e.writeType);
      break;
    }
    case ErrorCode.READ_TIMEOUT: {
      const e = x?.kind === 'read_timeout' ? x : { consistency, received: 0, blockFor: 1, dataPresent: false };
      w.short(e.consistency).int(e.received).int(e.blockFor).byte(e.dataPresent ? 1 : 0);
      break;
    }
    case ErrorCode.READ_FAILURE: {
      const e = x?.kind === 'read_failure' ? x
        : { consistency, received: 0, blockFor: 1, numFailures: 1, dataPresent: false };
      w.short(e.consistency).int(e.received).int(e.blockFor).int(e.numFailures).byte(e.dataPresent ? 1 : 0);
      break;
    }
    case ErrorCode.WRITE_FAILURE: {
      const e = x?.kind === 'write_failure' ? x
        : { consistency, received: 0, blockFor: 1, numFailures: 1, writeType: 'SIMPLE' };
      w.short(e.consistency).int(e.received).int(e.blockFor).int(e.numFailures).string(e.writeType);
      break;
    }
    case ErrorCode.FUNCTION_FAILURE: {
      const e = x?.kind === 'function_failure' ? x : { keyspace: '', function: '', argTypes: [] };
      w.string(e.keyspace).string(e.function).stringList(e.argTypes);
      break;
    }
    case ErrorCode.ALREADY_EXISTS: {
      const e = x?.kind === 'already_exists' ? x : { keyspace: '', table: '' };
      w.string(e.keyspace).string(e.table);
      break;
    }
    case ErrorCode.UNPREPARED:
      w.shortBytes(x?.kind === 'unprepared' ? x.id : Buffer.alloc(0));
      break;
  }
  return w.toBuffer();
}

export type InjectedError = 'unavailable' | 'read_timeout' | 'write_timeout' | 'overloaded' | 'server';

/** The error a fault rule injects, with the fields and wording a real coordinator would use at `consistency`. */
export function injectedError(kind: InjectedError, consistency: number, isBatch = false): CqlError {
  const required = requiredReplicas(consistency);
  switch (kind) {
    case 'unavailable':
      return new CqlError(
        ErrorCode.UNAVAILABLE,
        `Cannot achieve consistency level ${consistencyName(consistency)}`,
        { kind: 'unavailable', consistency, required, alive: required - 1 },
      );
    case 'read_timeout':
      return new CqlError(
        ErrorCode.READ_TIMEOUT,
        `Operation timed out - received only ${required - 1} responses.`,
        { kind: 'read_timeout', consistency, received: required - 1, blockFor: required, dataPresent: false },
      );
    case 'write_timeout':
      return new CqlError(
        ErrorCode.WRITE_TIMEOUT,
        `Operation timed out - received only ${required - 1} responses.`,
        {
          kind: 'write_timeout', consistency, received: required - 1, blockFor: required,
          writeType: isBatch ? 'BATCH' : 'SIMPLE',
        },
      );
    case 'overloaded':
      return new CqlError(ErrorCode.OVERLOADED, 'Server is in overloaded state. Cannot accept more requests at this point');
    case 'server':
      return new CqlError(ErrorCode.SERVER, 'java.lang.RuntimeException: injected server failure');
  }
}

/** Replicas needed at a consistency level with replication factor 3 (the sandbox's nominal RF). */
function requiredReplicas(cl: number): number {
  switch (cl) {
    case 0x0002: return 2; // TWO
    case 0x0003: case 0x0005: return 3; // THREE, ALL
    case 0x0004: case 0x0006: case 0x0007: case 0x0008: case 0x0009: return 2; // quorums and serials
    default: return 1;
  }
}
