// Byte-level helpers shared by the value encoder (codec.ts) and decoder (decode.ts).

import type { CqlType, Decimal, NativeTypeName } from './cqltype.js';

/** Minimal two's-complement big-endian bytes (Java BigInteger.toByteArray). */
export function varintBytes(n: bigint): Buffer {
  const bytes: number[] = [];
  let v = n;
  for (;;) {
    const byte = Number(v & 0xffn);
    bytes.unshift(byte);
    v >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) break;
  }
  return Buffer.from(bytes);
}

export function varintFromBytes(b: Buffer): bigint {
  if (b.length === 0) return 0n;
  return BigInt.asIntN(b.length * 8, BigInt('0x' + b.toString('hex')));
}

export function parseDecimal(text: string): Decimal {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`invalid decimal ${text}`);
  const frac = m[3] ?? '';
  const unscaled = BigInt((m[1] === '-' ? '-' : '') + ((m[2] + frac).replace(/^0+(?=\d)/, '') || '0'));
  return { unscaled, scale: frac.length - Number(m[4] ?? 0) };
}

export function uuidBytes(s: string): Buffer {
  const hex = s.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`invalid uuid ${s}`);
  return Buffer.from(hex, 'hex');
}

export function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function inetBytes(s: string): Buffer {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return Buffer.from(v4.slice(1).map((x) => checkOctet(Number(x), s)));
  const halves = s.split('::');
  if (halves.length > 2) throw new Error(`invalid inet ${s}`);
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const b = inetBytes(g);
        out.push(b.readUInt16BE(0), b.readUInt16BE(2));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else throw new Error(`invalid inet ${s}`);
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0) || (halves.length === 2 && fill < 1)) {
    throw new Error(`invalid inet ${s}`);
  }
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const b = Buffer.alloc(16);
  all.forEach((g, i) => b.writeUInt16BE(g, i * 2));
  return b;
}

function checkOctet(n: number, s: string): number {
  if (n > 255) throw new Error(`invalid inet ${s}`);
  return n;
}

/** Dotted quad for 4 bytes; RFC 5952 form (longest zero run as '::', lower-case) for 16 bytes. */
export function formatInet(b: Buffer): string {
  if (b.length === 4) return [...b].join('.');
  const g = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Serialized size of fixed-width types (Cassandra valueLengthIfFixed), -1 if variable. */
export function fixedSize(t: CqlType): number {
  if (t.kind === 'vector') {
    const e = fixedSize(t.element);
    return e < 0 ? -1 : e * t.dimension;
  }
  if (t.kind !== 'native') return -1;
  const sizes: Partial<Record<NativeTypeName, number>> = {
    bigint: 8, boolean: 1, timestamp: 8, double: 8, float: 4, int: 4, timeuuid: 16, uuid: 16,
  };
  return sizes[t.name] ?? -1;
}

