// The browser's query form (JSON text typed by the user) checked and turned into find() arguments: filter,
// projection, sort, limit, and the vector / $vectorize sorts with similarity scores.

import type { CollectionFacts, QueryForm } from '../../../shared/documentBrowserMessages.js';
import { parseJsonObject, parseVector } from './exactJson.js';
import { hasVectorize, type CollectionSummary } from './collectionText.js';

export interface FindQuery {
  filter: Record<string, unknown>;
  projection?: Record<string, unknown>;
  sort?: Record<string, unknown>;
  limit?: number;
  includeSimilarity: boolean;
  /** What the result header says, e.g. "vector search (cosine)". */
  label: string;
}

type Big = (text: string) => unknown;

/** Without a limit the Data API returns up to 1,000 neighbours in one page; the nearest few are what people read. */
export const VECTOR_DEFAULT_LIMIT = 20;

export function parseQueryForm(form: QueryForm, facts: CollectionFacts, big: Big): { query: FindQuery } | { error: string } {
  const filter = parseJsonObject(form.filter, 'filter', big);
  if ('error' in filter) return filter;
  const projection = parseJsonObject(form.projection, 'projection', big);
  if ('error' in projection) return projection;
  let limit: number | undefined;
  if (form.limit.trim()) {
    limit = Number(form.limit.trim());
    if (!Number.isInteger(limit) || limit <= 0) return { error: 'The limit must be a whole number above 0 (or empty for no limit).' };
  }
  const base = {
    filter: filter.value,
    ...(Object.keys(projection.value).length ? { projection: projection.value } : {}),
    ...(limit ? { limit } : {}),
  };
  if (form.mode === 'vector') {
    if (!facts.vectorDimension) return { error: `${facts.name} has no vector: vector search is not available.` };
    const v = parseVector(form.search);
    if ('error' in v) return v;
    if (v.value.length !== facts.vectorDimension) {
      return { error: `The vector has ${v.value.length} numbers; ${facts.name} stores vectors of ${facts.vectorDimension}.` };
    }
    return { query: { limit: VECTOR_DEFAULT_LIMIT, ...base, sort: { $vector: v.value }, includeSimilarity: true, label: `vector search (${facts.metric ?? 'cosine'})` } };
  }
  if (form.mode === 'vectorize') {
    if (!facts.vectorize) return { error: `${facts.name} has no vectorize service: search by text is not available.` };
    if (!form.search.trim()) return { error: 'Type the text to search for.' };
    return { query: { limit: VECTOR_DEFAULT_LIMIT, ...base, sort: { $vectorize: form.search }, includeSimilarity: true, label: `text search via ${facts.vectorize}` } };
  }
  const sort = parseJsonObject(form.sort, 'sort', big);
  if ('error' in sort) return sort;
  for (const [k, v] of Object.entries(sort.value)) {
    if (v !== 1 && v !== -1) return { error: `Sort values are 1 (ascending) or -1 (descending); "${k}" has ${JSON.stringify(v)}.` };
  }
  const sorted = Object.keys(sort.value).length > 0;
  return { query: { ...base, ...(sorted ? { sort: sort.value } : {}), includeSimilarity: false, label: sorted ? 'sorted' : 'filter' } };
}

/** The Data API command a query sends, as the user would write it (for the result header and the log). */
export function findCommandText(q: FindQuery): string {
  const body: Record<string, unknown> = { filter: q.filter };
  if (q.sort) body.sort = q.sort.$vector ? { $vector: `[${(q.sort.$vector as number[]).length} floats]` } : q.sort;
  if (q.projection) body.projection = q.projection;
  const options: Record<string, unknown> = {};
  if (q.limit) options.limit = q.limit;
  if (q.includeSimilarity) options.includeSimilarity = true;
  if (Object.keys(options).length) body.options = options;
  return JSON.stringify({ find: body });
}

/** What the browser and the form need to know about a collection (vector dimension, metric, vectorize service). */
export function collectionFacts(target: { keyspace: string; name: string }, summary: CollectionSummary, database: string): CollectionFacts {
  const v = summary.definition.vector;
  return {
    keyspace: target.keyspace,
    name: target.name,
    database,
    ...(v?.dimension ? { vectorDimension: v.dimension, metric: v.metric ?? 'cosine' } : {}),
    ...(hasVectorize(summary.definition) ? { vectorize: v!.service!.provider! } : {}),
  };
}
