// The CQL type model shared by the sandbox's protocol codec and its engine.
// Implementations: parse/format/compare live in ./cqltype-text.ts and ./compare.ts (engine side),
// wire option encoding and value codecs in ./codec.ts (protocol side).

export type NativeTypeName =
  | 'ascii' | 'bigint' | 'blob' | 'boolean' | 'counter' | 'decimal' | 'double' | 'float' | 'int'
  | 'text' | 'timestamp' | 'uuid' | 'varint' | 'timeuuid' | 'inet' | 'date' | 'time' | 'smallint'
  | 'tinyint' | 'duration';

export type CqlType =
  | { kind: 'native'; name: NativeTypeName }
  | { kind: 'list'; element: CqlType; frozen: boolean }
  | { kind: 'set'; element: CqlType; frozen: boolean }
  | { kind: 'map'; key: CqlType; value: CqlType; frozen: boolean }
  | { kind: 'tuple'; elements: CqlType[] } // tuples are always frozen in CQL
  | { kind: 'udt'; keyspace: string; name: string; fields: { name: string; type: CqlType }[]; frozen: boolean }
  | { kind: 'vector'; element: CqlType; dimension: number }
  | { kind: 'custom'; className: string };

/** Decimal with exact unscaled value: value = unscaled × 10^-scale. */
export interface Decimal {
  unscaled: bigint;
  scale: number;
}

export interface Duration {
  months: number;
  days: number;
  nanoseconds: bigint;
}

/**
 * In-memory representation of a CQL value (what the engine stores and what codecs produce).
 *  ascii/text/varchar → string          int/smallint/tinyint → number
 *  bigint/counter/varint → bigint       float/double → number
 *  decimal → Decimal                    boolean → boolean
 *  uuid/timeuuid → lower-case canonical string (8-4-4-4-12)
 *  timestamp → bigint (ms since epoch)  date → number (days since epoch, signed; wire adds 2^31)
 *  time → bigint (ns since midnight)    duration → Duration
 *  blob → Buffer                        inet → string ('1.2.3.4' or canonical IPv6)
 *  list/set/vector/tuple → CqlValue[]   (sets kept sorted and de-duplicated by compareValues)
 *  map → [key, value][] sorted by key   udt → (CqlValue | null)[] aligned with the type's fields
 *  null → null (absent / tombstoned)
 */
export type CqlValue =
  | string | number | bigint | boolean | Buffer | Decimal | Duration | CqlValue[] | [CqlValue, CqlValue][] | null;

export const native = (name: NativeTypeName): CqlType => ({ kind: 'native', name });
