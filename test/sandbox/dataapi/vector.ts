// $vector values and similarity scores (DATA_API.md §6): vectors arrive as number arrays or {"$binary": base64 of
// big-endian float32s}; scores follow Cassandra's similarity functions, computed in float32 like the server.
import { ApiError } from './errors.js';
import { isObject, Num, type Json } from './json.js';

export type Metric = 'cosine' | 'dot_product' | 'euclidean';

/** The float32 components of a `$vector` value, or undefined for null/absent. */
export function decodeVector(v: Json | undefined): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (!v.every((x) => x instanceof Num)) throw badVector('$vector value needs to be an array of numbers');
    return v.map((x) => Math.fround((x as Num).value));
  }
  if (isObject(v) && typeof v.$binary === 'string' && Object.keys(v).length === 1) {
    const bytes = Buffer.from(v.$binary, 'base64');
    if (bytes.length % 4 !== 0) throw badVector('$binary value of $vector must hold whole float32 values');
    return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatBE(i * 4));
  }
  throw badVector('$vector value needs to be an array of numbers or a $binary object');
}

const badVector = (message: string) => new ApiError('SHRED_BAD_VECTOR_VALUE', message);

export function checkDimension(vec: number[], dimension: number): void {
  if (vec.length !== dimension) {
    throw new ApiError(
      'SHRED_BAD_VECTOR_SIZE',
      `Length of vector parameter different from declared '$vector' dimension: root cause = (InvalidRequestException) Not enough bytes to read a vector<float, ${dimension}>`,
    );
  }
  if (vec.length === 0) throw new ApiError('SHRED_BAD_VECTOR_SIZE', '$vector value can\'t be empty');
}

export function similarity(metric: Metric, q: number[], v: number[]): number {
  let dot = 0;
  let qq = 0;
  let vv = 0;
  let dist = 0;
  for (let i = 0; i < q.length; i++) {
    dot += q[i] * v[i];
    qq += q[i] * q[i];
    vv += v[i] * v[i];
    dist += (q[i] - v[i]) ** 2;
  }
  if (metric === 'dot_product') return Math.fround((1 + dot) / 2);
  if (metric === 'euclidean') return Math.fround(1 / (1 + dist));
  const norm = Math.sqrt(qq * vv);
  return Math.fround(norm === 0 ? 0 : (1 + dot / norm) / 2);
}
