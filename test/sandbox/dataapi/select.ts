// Choosing documents for read and write commands: filter, then either token order (pageable), an in-memory sort
// on fields, or a vector sort by similarity. Shared by find*, update*, delete* and countDocuments.
import { standInEmbedding } from './embed.js';
import { ApiError } from './errors.js';
import { compileFilter, pinnedIds } from './filter.js';
import { isObject, Num, type Json, type JsonObject } from './json.js';
import { idKey } from './shred.js';
import type { Collection, DocumentStore, StoredDoc } from './store.js';
import { compareValues, getPath } from './values.js';
import { checkDimension, decodeVector, similarity } from './vector.js';

export type SortSpec =
  | { kind: 'none' }
  | { kind: 'fields'; fields: [string, 1 | -1][] }
  | { kind: 'vector'; vector: number[] };

export const MAX_SORT_CANDIDATES = 10_000;
export const MAX_VECTOR_LIMIT = 1000;

const invalidSort = (message: string) => new ApiError('SORT_CLAUSE_INVALID', `Invalid sort clause: ${message}`);

export function parseSort(sort: Json | undefined, c: Collection): SortSpec {
  if (sort === undefined || sort === null) return { kind: 'none' };
  if (!isObject(sort)) throw invalidSort('sort clause must be an object');
  const entries = Object.entries(sort);
  if (entries.length === 0) return { kind: 'none' };
  const special = entries.find(([k]) => k === '$vector' || k === '$vectorize' || k === '$lexical');
  if (special) {
    if (entries.length > 1) throw invalidSort(`'${special[0]}' sort cannot be combined with other sort fields`);
    if (special[0] === '$lexical') throw new ApiError('LEXICAL_NOT_ENABLED_FOR_COLLECTION', `Lexical search is not enabled for collection '${c.name}'`);
    if (!c.dimension) {
      throw new ApiError('VECTOR_SEARCH_NOT_SUPPORTED', `Vector search is not enabled for the collection ${c.name}`);
    }
    const vector = special[0] === '$vector' ? decodeVector(special[1]) : vectorize(c, special[1]);
    if (!vector) throw invalidSort("'$vector' sort needs a vector value");
    checkDimension(vector, c.dimension);
    return { kind: 'vector', vector };
  }
  return {
    kind: 'fields',
    fields: entries.map(([path, dir]) => {
      if (!(dir instanceof Num) || (dir.value !== 1 && dir.value !== -1)) {
        throw invalidSort(`sort value for '${path}' must be 1 or -1`);
      }
      if (path.startsWith('$')) throw invalidSort(`sort path '${path}' cannot start with '$'`);
      return [path, dir.value as 1 | -1];
    }),
  };
}

/** The stand-in embedding of `$vectorize` text; refused like the server when the collection has no service. */
export function vectorize(c: Collection, text: Json | undefined): number[] {
  const vector = isObject(c.options.vector) ? c.options.vector : undefined;
  if (!vector || !isObject(vector.service) || !c.dimension) {
    throw new ApiError(
      'EMBEDDING_SERVICE_NOT_CONFIGURED',
      `Unable to vectorize data, embedding service not configured for the collection : ${c.name}`,
    );
  }
  if (typeof text !== 'string') throw new ApiError('INVALID_VECTORIZE_VALUE_TYPE', '$vectorize value needs to be text value');
  return standInEmbedding(text, c.dimension);
}

export interface Selected {
  stored: StoredDoc;
  similarity?: number;
}

/** Matching documents: token order for no sort, sorted otherwise (vector sorts keep only documents with vectors). */
export function select(store: DocumentStore, c: Collection, filter: Json | undefined, sort: SortSpec): Selected[] {
  const predicate = compileFilter(filter, { indexed: indexedPaths(c) });
  const ids = pinnedIds(filter);
  let candidates: StoredDoc[];
  if (ids) {
    const keys = new Map<string, [number, string]>();
    for (const id of ids) {
      try {
        const k = idKey(id);
        keys.set(k.join(':'), k);
      } catch {
        // an id of a type no document can have matches nothing
      }
    }
    candidates = [...keys.values()].map((k) => store.get(c, k)).filter((d): d is StoredDoc => !!d);
    candidates.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
  } else {
    candidates = store.scan(c);
  }
  const matched = candidates.filter((d) => predicate(d.doc));
  if (sort.kind === 'none') return matched.map((stored) => ({ stored }));
  if (sort.kind === 'vector') {
    const metric = c.metric ?? 'cosine';
    return matched
      .filter((d) => d.vector)
      .map((stored) => ({ stored, similarity: similarity(metric, sort.vector, stored.vector ?? []) }))
      .sort((a, b) => (b.similarity ?? 0) - (a.similarity ?? 0));
  }
  if (matched.length > MAX_SORT_CANDIDATES) {
    throw new ApiError(
      'OVERLOADED_SORT_ROW_LIMIT',
      `Sort operation failed: the number of documents exceeds the in-memory sort limit of ${MAX_SORT_CANDIDATES}.`,
    );
  }
  return matched
    .map((stored) => ({ stored }))
    .sort((a, b) => {
      for (const [path, dir] of sort.fields) {
        const cmp = compareValues(getPath(a.stored.doc, path), getPath(b.stored.doc, path));
        if (cmp) return cmp * dir;
      }
      return 0;
    });
}

const SCAN_CHUNK = 100;

/** Up to `want` matching documents after token `after`, in token order, reading the table a chunk at a time. */
export function matchingAfter(store: DocumentStore, c: Collection, filter: Json | undefined, after: bigint | undefined, want: number): StoredDoc[] {
  if (pinnedIds(filter)) {
    return select(store, c, filter, { kind: 'none' })
      .map((s) => s.stored)
      .filter((d) => after === undefined || d.token > after)
      .slice(0, want);
  }
  const predicate = compileFilter(filter, { indexed: indexedPaths(c) });
  const out: StoredDoc[] = [];
  let cursor = after;
  while (out.length < want) {
    const chunk = store.scanFrom(c, cursor, SCAN_CHUNK);
    for (const d of chunk) if (out.length < want && predicate(d.doc)) out.push(d);
    if (chunk.length < SCAN_CHUNK) break;
    cursor = chunk[chunk.length - 1].token;
  }
  return out;
}

/** Path check from the collection's `indexing` option (allow / deny lists; a prefix covers its sub-paths). */
export function indexedPaths(c: Collection): ((path: string) => boolean) | undefined {
  const indexing = isObject(c.options.indexing) ? c.options.indexing : undefined;
  if (!indexing) return undefined;
  const covers = (list: Json[], path: string) =>
    list.some((p) => p === '*' || p === path || (typeof p === 'string' && path.startsWith(`${p}.`)));
  if (Array.isArray(indexing.allow)) return (p) => covers(indexing.allow as Json[], p);
  if (Array.isArray(indexing.deny)) return (p) => !covers(indexing.deny as Json[], p);
  return undefined;
}

/** Float32 scores printed the way the server's Java floats are: the shortest text that reads back the same. */
export function floatNum(f: number): Num {
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return new Num(String(Number(s)));
  }
  return new Num(String(f));
}

export const docOf = (s: Selected): JsonObject => s.stored.doc;
