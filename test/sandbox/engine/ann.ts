// Vector similarity as SAI scores it (Lucene's VectorSimilarityFunction): higher is closer.
//   COSINE: (1 + cos) / 2     DOT_PRODUCT: (1 + dot) / 2     EUCLIDEAN: 1 / (1 + squared distance)

import { invalid } from '../errors.js';
import type { Similarity } from './catalog.js';

export function similarity(kind: Similarity, a: number[], b: number[]): number {
  if (a.length !== b.length) throw invalid(`Vectors of different dimensions: ${a.length} and ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  let sq = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
    const d = a[i] - b[i];
    sq += d * d;
  }
  switch (kind) {
    case 'COSINE':
      if (na === 0 || nb === 0) {
        throw invalid('Zero and near-zero vectors cannot be indexed or queried with cosine similarity');
      }
      return Math.fround((1 + dot / Math.sqrt(na * nb)) / 2);
    case 'DOT_PRODUCT':
      return Math.fround((1 + dot) / 2);
    case 'EUCLIDEAN':
      return Math.fround(1 / (1 + sq));
  }
}
