// find, findOne, countDocuments, estimatedDocumentCount (DATA_API.md §4.2, §4.3, §4.6).
import { ApiError, invalidField } from './errors.js';
import type { Json, JsonObject } from './json.js';
import { compileProjection } from './projection.js';
import { intOption, n, options, type CommandContext, type Reply } from './reply.js';
import { floatNum, matchingAfter, MAX_VECTOR_LIMIT, parseSort, select, type Selected } from './select.js';
import type { Collection } from './store.js';

export const MAX_COUNT = 1000;

export const collectionOf = (ctx: CommandContext): Collection => {
  if (!ctx.collection) throw new Error('collection command without a collection');
  return ctx.collection;
};

/** The opaque page state: the token of the last document returned and the documents still allowed by `limit`. */
interface PageState {
  after: string;
  remaining?: number;
}

const encodeState = (s: PageState) => Buffer.from(JSON.stringify(s)).toString('base64');
function decodeState(text: Json | undefined): PageState | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  try {
    const s = JSON.parse(Buffer.from(String(text), 'base64').toString('utf8')) as PageState;
    if (typeof s.after === 'string' && /^-?\d+$/.test(s.after)) return s;
  } catch {
    // reported below
  }
  throw invalidField("Invalid 'pageState'");
}

function readOptions(body: JsonObject) {
  const opts = options(body);
  const limit = intOption(opts, 'limit');
  const skip = intOption(opts, 'skip');
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw invalidField('limit should be greater than `0`');
  if (skip !== undefined && !(Number.isInteger(skip) && skip >= 0)) throw invalidField('skip should be greater than or equal to `0`');
  return {
    limit,
    skip,
    pageState: opts.pageState,
    includeSimilarity: opts.includeSimilarity === true,
    includeSortVector: opts.includeSortVector === true,
  };
}

function render(selected: Selected[], body: JsonObject, includeSimilarity: boolean): JsonObject[] {
  const project = compileProjection(body.projection);
  return selected.map((s) => {
    const doc = project(s.stored.doc);
    if (includeSimilarity && s.similarity !== undefined) doc.$similarity = floatNum(s.similarity);
    return doc;
  });
}

export function find(ctx: CommandContext, body: JsonObject): Reply {
  const c = collectionOf(ctx);
  const o = readOptions(body);
  const sort = parseSort(body.sort, c);
  if (sort.kind !== 'none' && o.pageState !== undefined && o.pageState !== null && o.pageState !== '') {
    throw new ApiError('SORT_CLAUSE_INVALID', "Invalid sort clause: 'pageState' is not supported with non-empty sort clause");
  }
  const state = decodeState(o.pageState);
  if (o.skip !== undefined && sort.kind !== 'fields') throw invalidField('skip options should be used with sort clause');
  const status: JsonObject = {};
  if (o.includeSortVector && sort.kind === 'vector') status.sortVector = sort.vector.map(floatNum);
  let page: Selected[];
  let next: string | null = null;
  if (sort.kind === 'vector') {
    page = select(ctx.store, c, body.filter, sort).slice(0, Math.min(o.limit ?? MAX_VECTOR_LIMIT, MAX_VECTOR_LIMIT));
  } else if (sort.kind === 'fields') {
    page = select(ctx.store, c, body.filter, sort).slice(o.skip ?? 0).slice(0, Math.min(o.limit ?? Infinity, ctx.settings.pageSize));
  } else {
    const remaining = state?.remaining ?? o.limit ?? Infinity;
    const want = Math.min(remaining, ctx.settings.pageSize);
    const found = matchingAfter(ctx.store, c, body.filter, state ? BigInt(state.after) : undefined, want + 1);
    page = found.slice(0, want).map((stored) => ({ stored }));
    const left = remaining - page.length;
    if (found.length > want && left > 0) {
      next = encodeState({ after: String(page[page.length - 1].stored.token), remaining: Number.isFinite(left) ? left : undefined });
    }
  }
  const data: JsonObject = { documents: render(page, body, o.includeSimilarity) };
  if (!status.sortVector) data.nextPageState = next;
  return Object.keys(status).length ? { data, status } : { data };
}

export function findOne(ctx: CommandContext, body: JsonObject): Reply {
  const c = collectionOf(ctx);
  const o = readOptions(body);
  const sort = parseSort(body.sort, c);
  const [first] = sort.kind === 'none'
    ? matchingAfter(ctx.store, c, body.filter, undefined, 1).map((stored): Selected => ({ stored }))
    : select(ctx.store, c, body.filter, sort).slice(o.skip ?? 0);
  const status: JsonObject = {};
  if (o.includeSortVector && sort.kind === 'vector') status.sortVector = sort.vector.map(floatNum);
  const data: JsonObject = { document: first ? render([first], body, o.includeSimilarity)[0] : null };
  return Object.keys(status).length ? { data, status } : { data };
}

export function countDocuments(ctx: CommandContext, body: JsonObject): Reply {
  const count = select(ctx.store, collectionOf(ctx), body.filter, { kind: 'none' }).length;
  return count > MAX_COUNT ? { status: { count: n(MAX_COUNT), moreData: true } } : { status: { count: n(count) } };
}

export function estimatedDocumentCount(ctx: CommandContext): Reply {
  return { status: { count: n(ctx.store.scan(collectionOf(ctx)).length) } };
}

