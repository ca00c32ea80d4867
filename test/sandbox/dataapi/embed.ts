// A deterministic stand-in for `$vectorize`: no embedding provider is reachable from the sandbox, so text becomes
// a bag-of-words vector (each lower-cased word hashed to a fixed pseudo-random direction, summed, normalised).
// Texts that share words score closer, which is enough to test search-by-text end to end; it is not a model.
import { createHash } from 'node:crypto';

function wordDirection(word: string, dimension: number): number[] {
  let seed = createHash('sha256').update(word).digest().readUInt32BE(0);
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: dimension }, () => next() * 2 - 1);
}

export function standInEmbedding(text: string, dimension: number): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  const sum = new Array<number>(dimension).fill(0);
  for (const w of words) wordDirection(w, dimension).forEach((x, i) => (sum[i] += x));
  const norm = Math.sqrt(sum.reduce((a, x) => a + x * x, 0)) || 1;
  return sum.map((x) => Math.fround(x / norm));
}
