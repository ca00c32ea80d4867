// The demo Data API collection `demo.catalog`: 1,200 product documents with dimension-8 cosine vectors, written
// through the stand-in's own store so the CQL table and the Data API see the same rows. Deterministic (seeded
// PRNG) so tests can derive expected answers, e.g. the vector sort order.
import type { DocumentStore } from '../dataapi/store.js';
import { Num, type JsonObject } from '../dataapi/json.js';
import { prng } from './prng.js';

export const CATALOG = 'catalog';
export const CATALOG_DOCS = 1200;
export const CATALOG_DIMENSION = 8;
export const CATALOG_CATEGORIES = ['books', 'games', 'garden', 'kitchen', 'music', 'tools'];

/** The vector of catalog document `i` (1-based), as float32 values. */
export function catalogVector(i: number): number[] {
  const r = prng(5000 + i);
  return Array.from({ length: CATALOG_DIMENSION }, () => Math.fround(r() * 2 - 1));
}

export const catalogId = (i: number) => `p${String(i).padStart(4, '0')}`;

export function catalogDocument(i: number): JsonObject {
  const r = prng(9000 + i);
  const category = CATALOG_CATEGORIES[i % CATALOG_CATEGORIES.length];
  const tags = ['new', 'sale', 'eco', 'gift', 'bulk'].filter((_, k) => (i >> k) & 1);
  return {
    _id: catalogId(i),
    name: `${category} item ${i}`,
    category,
    price: new Num((Math.floor(r() * 20000) / 100).toFixed(2)),
    stock: Num.of(i % 37),
    rating: Num.of(1 + (i % 5)),
    tags,
    released: { $date: Num.of(Date.UTC(2024, 0, 1) + i * 3_600_000) },
    dimensions: { width: Num.of(10 + (i % 9)), height: Num.of(5 + (i % 4)) },
    ...(i % 100 === 0 ? { serial: new Num('123456789012345678901234567890'), ref: { $uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` } } : {}),
    $vector: catalogVector(i).map((x) => new Num(String(x))),
  };
}

export function seedCatalog(store: DocumentStore, keyspace: string): void {
  const comment: JsonObject = {
    vector: { dimension: Num.of(CATALOG_DIMENSION), metric: 'cosine', sourceModel: 'other' },
    defaultId: { type: '' },
    lexical: { enabled: false },
    rerank: { enabled: false },
  };
  store.createCollection(keyspace, CATALOG, comment, CATALOG_DIMENSION);
  const c = store.collection(keyspace, CATALOG);
  if (!c) throw new Error('the catalog collection was not created');
  for (let i = 1; i <= CATALOG_DOCS; i++) store.write(c, catalogDocument(i), catalogVector(i));
}
