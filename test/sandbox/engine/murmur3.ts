// Cassandra's Murmur3Partitioner token: the first 64 bits of MurmurHash3_x64_128 (seed 0) over the serialized
// partition key. Cassandra's port sign-extends tail bytes (Java `byte`), which we must reproduce so tokens match
// what drivers compute for token-aware routing.

const M64 = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;
export const MIN_TOKEN = -(1n << 63n);
const MAX = (1n << 63n) - 1n;

const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;

function fmix(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & M64;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & M64;
  k ^= k >> 33n;
  return k;
}

/** Sign-extended byte as an unsigned 64-bit pattern, like Java's `(long) byteValue`. */
const sbyte = (b: number) => BigInt.asUintN(64, BigInt(b >= 128 ? b - 256 : b));

export function murmur3Token(data: Buffer): bigint {
  const length = data.length;
  const nblocks = length >> 4;
  let h1 = 0n;
  let h2 = 0n;
  for (let i = 0; i < nblocks; i++) {
    let k1 = data.readBigUInt64LE(i * 16);
    let k2 = data.readBigUInt64LE(i * 16 + 8);
    k1 = (rotl((k1 * C1) & M64, 31n) * C2) & M64;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & M64) * 5n + 0x52dce729n) & M64;
    k2 = (rotl((k2 * C2) & M64, 33n) * C1) & M64;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & M64) * 5n + 0x38495ab5n) & M64;
  }
  const off = nblocks * 16;
  const rem = length & 15;
  let k1 = 0n;
  let k2 = 0n;
  for (let i = Math.min(rem, 15) - 1; i >= 8; i--) k2 ^= (sbyte(data[off + i]) << BigInt((i - 8) * 8)) & M64;
  if (rem > 8) {
    k2 = (rotl((k2 * C2) & M64, 33n) * C1) & M64;
    h2 ^= k2;
  }
  for (let i = Math.min(rem, 8) - 1; i >= 0; i--) k1 ^= (sbyte(data[off + i]) << BigInt(i * 8)) & M64;
  if (rem > 0) {
    k1 = (rotl((k1 * C1) & M64, 31n) * C2) & M64;
    h1 ^= k1;
  }
  h1 ^= BigInt(length);
  h2 ^= BigInt(length);
  h1 = (h1 + h2) & M64;
  h2 = (h2 + h1) & M64;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & M64;
  const token = BigInt.asIntN(64, h1);
  return token === MIN_TOKEN ? MAX : token;
}

