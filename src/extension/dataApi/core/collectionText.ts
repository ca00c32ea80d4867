// How a collection's definition reads in the tree: the description line (vector dimension and metric, vectorize
// service, document count) and the tooltip (every option). Input is astra-db-ts's CollectionDefinition as plain data.

export interface CollectionDefinitionLike {
  vector?: { dimension?: number; metric?: string; sourceModel?: string; service?: { provider?: string; modelName?: string } };
  indexing?: { allow?: readonly string[]; deny?: readonly string[] };
  defaultId?: { type?: string };
  lexical?: { enabled?: boolean; analyzer?: unknown };
  rerank?: { enabled?: boolean; service?: { provider?: string; modelName?: string } };
}

export interface CollectionSummary {
  name: string;
  definition: CollectionDefinitionLike;
  /** Estimated document count; undefined while unknown or when counting failed. */
  count?: number;
}

export const isVectorCollection = (d: CollectionDefinitionLike): boolean => !!d.vector?.dimension || !!d.vector?.service;
export const hasVectorize = (d: CollectionDefinitionLike): boolean => !!d.vector?.service?.provider;

function countText(n: number): string {
  return `${n.toLocaleString('en-US')} doc${n === 1 ? '' : 's'}`;
}

function vectorText(d: CollectionDefinitionLike): string | undefined {
  const v = d.vector;
  if (!v || !isVectorCollection(d)) return undefined;
  const dim = v.dimension ? `vector(${v.dimension})` : 'vector';
  return `${dim} ${v.metric ?? 'cosine'}`;
}

function indexingText(d: CollectionDefinitionLike): string | undefined {
  if (d.indexing?.allow) return `indexes only ${d.indexing.allow.join(', ')}`;
  if (d.indexing?.deny) return `not indexed: ${d.indexing.deny.join(', ')}`;
  return undefined;
}

/** The short line next to the collection name. */
export function collectionDescription(c: CollectionSummary): string {
  const parts = [vectorText(c.definition), hasVectorize(c.definition) ? `vectorize ${c.definition.vector!.service!.provider}` : undefined];
  if (c.count !== undefined) parts.push(`~${countText(c.count)}`);
  return parts.filter(Boolean).join(' · ');
}

export function collectionTooltip(c: CollectionSummary, keyspace: string): string {
  const d = c.definition;
  const lines = [`Collection ${keyspace}.${c.name}`];
  if (isVectorCollection(d)) {
    const v = d.vector!;
    lines.push(`Vector: ${v.dimension ?? 'dimension from the service'} dimensions, metric ${v.metric ?? 'cosine'}${v.sourceModel && v.sourceModel !== 'other' ? `, source model ${v.sourceModel}` : ''}`);
    if (v.service?.provider) lines.push(`Vectorize: ${v.service.provider}${v.service.modelName ? ` / ${v.service.modelName}` : ''}`);
  } else lines.push('No vector');
  lines.push(`Indexing: ${indexingText(d) ?? 'every field'}`);
  if (d.defaultId?.type) lines.push(`Default _id: ${d.defaultId.type}`);
  if (d.lexical?.enabled) lines.push('Lexical search: on');
  if (d.rerank?.enabled) lines.push(`Rerank: ${d.rerank.service?.provider ?? 'on'}${d.rerank.service?.modelName ? ` / ${d.rerank.service.modelName}` : ''}`);
  if (c.count !== undefined) lines.push(`About ${countText(c.count)} (estimated)`);
  return lines.join('\n');
}

/** The `createCollection` options from the Create Collection flow's answers (undefined fields omitted). */
export interface CreateCollectionAnswers {
  dimension?: number;
  metric?: 'cosine' | 'dot_product' | 'euclidean';
  vectorizeProvider?: string;
  vectorizeModel?: string;
  denyIndexing?: string[];
}

export function createCollectionOptions(a: CreateCollectionAnswers): CollectionDefinitionLike {
  const out: CollectionDefinitionLike = {};
  if (a.dimension || a.vectorizeProvider) {
    out.vector = {};
    if (a.dimension) out.vector.dimension = a.dimension;
    out.vector.metric = a.metric ?? 'cosine';
    if (a.vectorizeProvider) out.vector.service = { provider: a.vectorizeProvider, modelName: a.vectorizeModel ?? '' };
  }
  if (a.denyIndexing?.length) out.indexing = { deny: a.denyIndexing };
  return out;
}

/** A collection name the Data API accepts: letters, digits, underscores, up to 48. */
export function collectionNameProblem(name: string, existing: readonly string[]): string | undefined {
  if (!/^[A-Za-z0-9_]{1,48}$/.test(name)) return 'Use 1–48 letters, digits or underscores.';
  if (existing.includes(name)) return `A collection named "${name}" already exists in this keyspace.`;
  return undefined;
}
