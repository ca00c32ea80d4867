// Cassandra's native scalar functions (system keyspace): time functions, uuid generators, blob conversions and
// vector similarity. Each entry maps argument types to a result type so prepared metadata can be computed without
// executing anything.

import { randomBytes, randomUUID } from 'node:crypto';
import { invalid } from '../errors.js';
import { native, type CqlType, type CqlValue, type NativeTypeName } from '../types/cqltype.js';
import { decodeValue, encodeValue } from '../types/codec.js';
import { similarity } from './ann.js';

export interface Typed {
  type: CqlType;
  value: CqlValue;
}

const GREGORIAN_OFFSET_MS = 12219292800000n; // 1582-10-15 → 1970-01-01
let lastTicks = 0n;
const clockSeqNode = randomBytes(8);
clockSeqNode[0] = (clockSeqNode[0] & 0x3f) | 0x80;

/** Version-1 uuid for `ms`; successive calls in the same ms stay unique and increasing. */
export function makeTimeuuid(ms: number, unique = true, lsb: Buffer = clockSeqNode): string {
  let ticks = (BigInt(ms) + GREGORIAN_OFFSET_MS) * 10000n;
  if (unique) {
    if (ticks <= lastTicks) ticks = lastTicks + 1n;
    lastTicks = ticks;
  }
  const low = (ticks & 0xffffffffn).toString(16).padStart(8, '0');
  const mid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const hi = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  const l = lsb.toString('hex');
  return `${low}-${mid}-${hi}-${l.slice(0, 4)}-${l.slice(4, 16)}`;
}

export function timeuuidMs(u: string): bigint {
  const h = u.replace(/-/g, '');
  const ticks = (BigInt('0x' + h.slice(13, 16)) << 48n) | (BigInt('0x' + h.slice(8, 12)) << 32n) | BigInt('0x' + h.slice(0, 8));
  return ticks / 10000n - GREGORIAN_OFFSET_MS;
}

const T = (n: NativeTypeName) => native(n);
const isN = (t: CqlType, n: string) => t.kind === 'native' && (t.name === n || (n === 'text' && t.name === 'ascii'));
const MS_PER_DAY = 86_400_000n;

interface FnDef {
  /** Receivers for literal / bind-marker arguments. */
  argTypes: (n: number) => CqlType[];
  returns: (args: CqlType[]) => CqlType;
  call: (args: Typed[]) => CqlValue;
}

const fns = new Map<string, FnDef>();
const def = (names: string[], d: FnDef) => names.forEach((n) => fns.set(n, d));
const noArgs = () => [];

def(['now', 'currenttimeuuid'], { argTypes: noArgs, returns: () => T('timeuuid'), call: () => makeTimeuuid(Date.now()) });
def(['uuid'], { argTypes: noArgs, returns: () => T('uuid'), call: () => randomUUID() });
def(['currenttimestamp'], { argTypes: noArgs, returns: () => T('timestamp'), call: () => BigInt(Date.now()) });
def(['currentdate'], { argTypes: noArgs, returns: () => T('date'), call: () => Math.floor(Date.now() / 86_400_000) });
def(['currenttime'], {
  argTypes: noArgs,
  returns: () => T('time'),
  call: () => (BigInt(Date.now()) % MS_PER_DAY) * 1_000_000n,
});

function toMs(a: Typed): bigint | null {
  if (a.value === null) return null;
  if (isN(a.type, 'timeuuid')) return timeuuidMs(a.value as string);
  if (isN(a.type, 'date')) return BigInt(a.value as number) * MS_PER_DAY;
  if (isN(a.type, 'timestamp')) return a.value as bigint;
  throw invalid(`Invalid argument type for time conversion`);
}

def(['totimestamp', 'dateof'], {
  argTypes: () => [T('timeuuid')],
  returns: () => T('timestamp'),
  call: ([a]) => toMs(a),
});
def(['todate'], {
  argTypes: () => [T('timeuuid')],
  returns: () => T('date'),
  call: ([a]) => {
    const ms = toMs(a);
    return ms === null ? null : Number((ms >= 0n ? ms : ms - MS_PER_DAY + 1n) / MS_PER_DAY);
  },
});
def(['tounixtimestamp', 'unixtimestampof'], {
  argTypes: () => [T('timeuuid')],
  returns: () => T('bigint'),
  call: ([a]) => toMs(a),
});
def(['mintimeuuid'], {
  argTypes: () => [T('timestamp')],
  returns: () => T('timeuuid'),
  call: ([a]) => (a.value === null ? null : makeTimeuuid(Number(a.value), false, Buffer.from('8080808080808080', 'hex'))),
});
def(['maxtimeuuid'], {
  argTypes: () => [T('timestamp')],
  returns: () => T('timeuuid'),
  call: ([a]) => (a.value === null ? null : makeTimeuuid(Number(a.value), false, Buffer.from('7f7f7f7f7f7f7f7f', 'hex'))),
});

const SIM = { similarity_cosine: 'COSINE', similarity_dot_product: 'DOT_PRODUCT', similarity_euclidean: 'EUCLIDEAN' } as const;
for (const [name, kind] of Object.entries(SIM)) {
  def([name], {
    argTypes: () => [],
    returns: () => T('float'),
    call: ([a, b]) => (a.value === null || b.value === null ? null : similarity(kind, a.value as number[], b.value as number[])),
  });
}

const NATIVE_NAMES: NativeTypeName[] = [
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'decimal', 'double', 'float', 'int', 'text', 'timestamp',
  'uuid', 'varint', 'timeuuid', 'inet', 'date', 'time', 'smallint', 'tinyint', 'duration',
];
for (const n of [...NATIVE_NAMES, 'varchar' as NativeTypeName]) {
  const t = T(n === ('varchar' as NativeTypeName) ? 'text' : n);
  def([`${n}asblob`], {
    argTypes: () => [t],
    returns: () => T('blob'),
    call: ([a]) => (a.value === null ? null : encodeValue(t, a.value)),
  });
  def([`blobas${n}`], {
    argTypes: () => [T('blob')],
    returns: () => t,
    call: ([a]) => (a.value === null ? null : decodeValue(t, a.value as Buffer)),
  });
}

export function lookupFunction(name: string): FnDef | undefined {
  return fns.get(name.toLowerCase());
}

export function unknownFunction(name: string): never {
  throw invalid(`Unknown function '${name}'`);
}
