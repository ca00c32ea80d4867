// A CQL protocol error as the engine raises it and the protocol layer encodes it (native_protocol_v4 §9).

export const ErrorCode = {
  SERVER: 0x0000,
  PROTOCOL: 0x000a,
  BAD_CREDENTIALS: 0x0100,
  UNAVAILABLE: 0x1000,
  OVERLOADED: 0x1001,
  IS_BOOTSTRAPPING: 0x1002,
  TRUNCATE: 0x1003,
  WRITE_TIMEOUT: 0x1100,
  READ_TIMEOUT: 0x1200,
  READ_FAILURE: 0x1300,
  FUNCTION_FAILURE: 0x1400,
  WRITE_FAILURE: 0x1500,
  SYNTAX: 0x2000,
  UNAUTHORIZED: 0x2100,
  INVALID: 0x2200,
  CONFIG: 0x2300,
  ALREADY_EXISTS: 0x2400,
  UNPREPARED: 0x2500,
} as const;

/** Consistency levels as on the wire. */
export const Consistency = {
  ANY: 0x0000, ONE: 0x0001, TWO: 0x0002, THREE: 0x0003, QUORUM: 0x0004, ALL: 0x0005,
  LOCAL_QUORUM: 0x0006, EACH_QUORUM: 0x0007, SERIAL: 0x0008, LOCAL_SERIAL: 0x0009, LOCAL_ONE: 0x000a,
} as const;
export type ConsistencyLevel = (typeof Consistency)[keyof typeof Consistency];

export function consistencyName(cl: number): string {
  return Object.entries(Consistency).find(([, v]) => v === cl)?.[0] ?? `UNKNOWN(${cl})`;
}

export type ErrorExtra =
  | { kind: 'unavailable'; consistency: number; required: number; alive: number }
  | { kind: 'write_timeout'; consistency: number; received: number; blockFor: number; writeType: string }
  | { kind: 'read_timeout'; consistency: number; received: number; blockFor: number; dataPresent: boolean }
  | { kind: 'read_failure'; consistency: number; received: number; blockFor: number; numFailures: number; dataPresent: boolean }
  | { kind: 'write_failure'; consistency: number; received: number; blockFor: number; numFailures: number; writeType: string }
  | { kind: 'function_failure'; keyspace: string; function: string; argTypes: string[] }
  | { kind: 'already_exists'; keyspace: string; table: string }
  | { kind: 'unprepared'; id: Buffer };

export class CqlError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra?: ErrorExtra,
  ) {
    super(message);
    this.name = 'CqlError';
  }
}

export const syntaxError = (msg: string) => new CqlError(ErrorCode.SYNTAX, msg);
export const invalid = (msg: string) => new CqlError(ErrorCode.INVALID, msg);
