// Database- and keyspace-level commands: keyspaces and collections (DATA_API.md §3).
import { ApiError, invalidField } from './errors.js';
import { isObject, Num, stringifyJson, type Json, type JsonObject } from './json.js';
import { n, options, type CommandContext, type Reply } from './reply.js';
import { modelDimension } from './providers.js';
import type { Collection } from './store.js';

const METRICS = new Set(['cosine', 'dot_product', 'euclidean']);
const SOURCE_MODELS = new Set(['ada002', 'bert', 'cohere-v3', 'gecko', 'nv-qa-4', 'openai-v3-large', 'openai-v3-small', 'other']);
const ID_TYPES = new Set(['objectId', 'uuid', 'uuidv6', 'uuidv7']);
const NAME = /^\w{1,48}$/;
const MAX_DIMENSION = 4096;

export function findKeyspaces(ctx: CommandContext): Reply {
  return { status: { keyspaces: ctx.store.keyspaces() } };
}

export function createKeyspace(ctx: CommandContext, body: JsonObject): Reply {
  const name = body.name;
  if (typeof name !== 'string' || !NAME.test(name)) throw invalidField('keyspace name must be 1 to 48 word characters');
  ctx.store.createKeyspace(name);
  return { status: { ok: n(1) } };
}

export function dropKeyspace(ctx: CommandContext, body: JsonObject): Reply {
  if (typeof body.name !== 'string') throw invalidField('keyspace name is required');
  ctx.store.dropKeyspace(body.name);
  return { status: { ok: n(1) } };
}

/** Options in findCollections' key order; `defaultId` omitted when unset. */
function listedOptions(c: Collection): JsonObject {
  const o = c.options;
  const out: JsonObject = {};
  if (isObject(o.defaultId) && o.defaultId.type) out.defaultId = o.defaultId;
  for (const k of ['vector', 'indexing', 'lexical', 'rerank']) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function findCollections(ctx: CommandContext, body: JsonObject): Reply {
  const list = ctx.store.collections(ctx.keyspace ?? '');
  const explain = options(body).explain === true;
  return {
    status: { collections: explain ? list.map((c) => ({ name: c.name, options: listedOptions(c) })) : list.map((c) => c.name) },
  };
}

export function createCollection(ctx: CommandContext, body: JsonObject): Reply {
  const ks = ctx.keyspace ?? '';
  const name = body.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalidField('collection name must be 1 to 48 characters: letters, digits and underscores');
  }
  const { comment, dimension } = normalizeOptions(options(body), ctx.settings.lexical);
  const existing = ctx.store.collection(ks, name);
  if (existing) {
    if (stringifyJson(listedOptions({ ...existing, options: comment })) === stringifyJson(listedOptions(existing))) {
      return { status: { ok: n(1) } };
    }
    throw new ApiError(
      'EXISTING_COLLECTION_DIFFERENT_SETTINGS',
      `Collection already exists: trying to create Collection ('${name}') with different settings`,
    );
  }
  if (ctx.store.tableExists(ks, name)) {
    throw new ApiError('EXISTING_TABLE_NOT_DATA_API_COLLECTION', `Existing table '${name}' is not a valid Data API Collection`);
  }
  const total = ctx.store.keyspaces().reduce((sum, k) => sum + ctx.store.collections(k).length, 0);
  if (total >= ctx.settings.maxCollections) {
    throw new ApiError(
      'TOO_MANY_COLLECTIONS',
      `Too many collections: number of collections in database cannot exceed ${ctx.settings.maxCollections}, already have ${total}`,
    );
  }
  ctx.store.createCollection(ks, name, comment, dimension);
  return { status: { ok: n(1) } };
}

export function deleteCollection(ctx: CommandContext, body: JsonObject): Reply {
  if (typeof body.name !== 'string') throw invalidField('collection name is required');
  ctx.store.dropCollection(ctx.keyspace ?? '', body.name);
  return { status: { ok: n(1) } };
}

/** createCollection options → the comment's options (key order indexing, vector, defaultId, lexical, rerank). */
function normalizeOptions(opts: JsonObject, lexicalDefault: boolean): { comment: JsonObject; dimension?: number } {
  const comment: JsonObject = {};
  let dimension: number | undefined;
  if (opts.indexing !== undefined && opts.indexing !== null) {
    const ix = opts.indexing;
    const allow = isObject(ix) ? ix.allow : undefined;
    const deny = isObject(ix) ? ix.deny : undefined;
    if (!isObject(ix) || (allow === undefined) === (deny === undefined)) {
      throw new ApiError('INVALID_INDEXING_DEFINITION', "Invalid indexing definition: 'allow' and 'deny' cannot be used together, and one of them is required");
    }
    const list = allow ?? deny;
    if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) {
      throw new ApiError('INVALID_INDEXING_DEFINITION', 'Invalid indexing definition: the list must hold path strings');
    }
    comment.indexing = allow !== undefined ? { allow: list } : { deny: list };
  }
  if (opts.vector !== undefined && opts.vector !== null) {
    const v = opts.vector;
    if (!isObject(v)) throw invalidField('vector options must be an object');
    const service = isObject(v.service) ? v.service : undefined;
    const known = service && typeof service.provider === 'string'
      ? modelDimension(service.provider, typeof service.modelName === 'string' ? service.modelName : undefined)
      : undefined;
    const dim: Json | undefined = v.dimension ?? v.size ?? (known ? Num.of(known) : undefined);
    const sourceModel = typeof v.sourceModel === 'string' ? v.sourceModel : 'other';
    if (!SOURCE_MODELS.has(sourceModel)) throw invalidField(`sourceModel '${sourceModel}' is not one of: ${[...SOURCE_MODELS].join(', ')}`);
    const metric = (v.metric ?? v.function ?? (sourceModel === 'other' ? 'cosine' : 'dot_product')) as Json;
    if (typeof metric !== 'string' || !METRICS.has(metric)) throw invalidField(`metric must be one of: ${[...METRICS].join(', ')}`);
    if (!(dim instanceof Num) || !Number.isInteger(dim.value) || dim.value < 1 || dim.value > MAX_DIMENSION) {
      throw new ApiError(
        'INVALID_VECTOR_DIMENSION',
        `The provided dimension value '${dim === undefined ? 'null' : stringifyJson(dim)}' is not valid: it must be an integer between 1 and ${MAX_DIMENSION}`,
      );
    }
    dimension = dim.value;
    const out: JsonObject = { dimension: dim, metric, sourceModel };
    if (service) {
      if (typeof service.provider !== 'string') throw invalidField('vector service needs a provider');
      out.service = service;
    }
    comment.vector = out;
  }
  const idType = isObject(opts.defaultId) ? opts.defaultId.type : undefined;
  if (idType !== undefined && (typeof idType !== 'string' || !ID_TYPES.has(idType))) {
    throw invalidField(`defaultId type must be one of: ${[...ID_TYPES].join(', ')}`);
  }
  comment.defaultId = { type: idType ?? '' };
  const lexicalOn: JsonObject = { enabled: true, analyzer: 'standard' };
  const rerankOn: JsonObject = { enabled: true, service: { provider: 'nvidia', modelName: 'nvidia/llama-3.2-nv-rerankqa-1b-v2' } };
  comment.lexical = isObject(opts.lexical) ? opts.lexical : lexicalDefault ? lexicalOn : { enabled: false };
  comment.rerank = isObject(opts.rerank) ? opts.rerank : lexicalDefault ? rerankOn : { enabled: false };
  return { comment, dimension };
}
