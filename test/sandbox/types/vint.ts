// Cassandra's variable-length integers (VIntCoding): the count of leading 1-bits in the first byte is the number
// of extra bytes that follow. Signed vints are zig-zag encoded first. Used by duration, vector and protocol v5 bits.

const MASK64 = (1n << 64n) - 1n;

export function zigZag(n: bigint): bigint {
  return ((n << 1n) ^ (n >> 63n)) & MASK64;
}

export function unZigZag(n: bigint): bigint {
  return (n >> 1n) ^ -(n & 1n);
}

export function encodeUnsignedVInt(value: bigint | number): Buffer {
  let v = BigInt(value) & MASK64;
  if (v < 0x80n) return Buffer.from([Number(v)]);
  const bits = v.toString(2).length;
  // Each extra byte adds 8 value bits but costs one marker bit in the first byte.
  let extra = 1;
  while (bits > 8 * extra + (8 - extra - 1) && extra < 8) extra++;
  if (extra === 8 && bits > 64) throw new RangeError('vint too large');
  const out = Buffer.alloc(extra + 1);
  for (let i = extra; i >= 1; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  const marker = (0xff << (8 - extra)) & 0xff;
  out[0] = marker | Number(v);
  return out;
}

export function encodeVInt(value: bigint | number): Buffer {
  return encodeUnsignedVInt(zigZag(BigInt(value)));
}

/** Returns the value and the number of bytes read; throws RangeError when the buffer is too short. */
export function decodeUnsignedVInt(buf: Buffer, offset = 0): [bigint, number] {
  if (offset >= buf.length) throw new RangeError('Not enough bytes to read a vint');
  const first = buf[offset];
  let extra = 0;
  while (extra < 8 && (first & (0x80 >> extra)) !== 0) extra++;
  if (offset + 1 + extra > buf.length) throw new RangeError('Not enough bytes to read a vint');
  let v = extra === 8 ? 0n : BigInt(first & (0xff >> (extra + 1)));
  for (let i = 1; i <= extra; i++) v = (v << 8n) | BigInt(buf[offset + i]);
  return [v, extra + 1];
}

export function decodeVInt(buf: Buffer, offset = 0): [bigint, number] {
  const [u, n] = decodeUnsignedVInt(buf, offset);
  return [BigInt.asIntN(64, unZigZag(u)), n];
}
