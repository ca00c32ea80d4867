// updateOne/updateMany, findOneAndUpdate/Replace/Delete, deleteOne/deleteMany (DATA_API.md §4.4, §4.5).
import { collectionOf } from './commands-read.js';
import { generateId, prepareDocument } from './documents.js';
import { ApiError } from './errors.js';
import { cloneJson, isObject, put, stringifyJson, type Json, type JsonObject } from './json.js';
import { compileProjection } from './projection.js';
import { n, options, type CommandContext, type Reply } from './reply.js';
import { matchingAfter, parseSort, select } from './select.js';
import { idKey } from './shred.js';
import type { Collection, StoredDoc } from './store.js';
import { applyUpdate, checkUpdate } from './update.js';
import { equalValues } from './values.js';

/** Documents changed per updateMany/deleteMany call; the client repeats the call while more remain. */
export const MAX_PER_CALL = 20;

function pickOne(ctx: CommandContext, body: JsonObject): StoredDoc | undefined {
  const c = collectionOf(ctx);
  const sort = parseSort(body.sort, c);
  if (sort.kind === 'none') return matchingAfter(ctx.store, c, body.filter, undefined, 1)[0];
  return select(ctx.store, c, body.filter, sort)[0]?.stored;
}

function save(ctx: CommandContext, c: Collection, doc: JsonObject): JsonObject {
  const prepared = prepareDocument(c, doc, false);
  ctx.store.write(c, prepared.doc, prepared.vector);
  return prepared.doc;
}

/** The document an upsert creates: `_id` and the equality fields of the filter, then the update. */
function upsertBase(c: Collection, filter: Json | undefined): JsonObject {
  const doc: JsonObject = {};
  if (isObject(filter)) {
    for (const [k, v] of Object.entries(filter)) {
      if (k.startsWith('$')) continue;
      const eq = isObject(v) && Object.keys(v).length === 1 && '$eq' in v ? v.$eq : v;
      if (isObject(eq) && Object.keys(eq).some((x) => x.startsWith('$') && !['$date', '$uuid', '$objectId'].includes(x))) continue;
      put(doc, k, cloneJson(eq));
    }
  }
  if (!('_id' in doc)) doc._id = generateId(c);
  return doc;
}

interface UpdateOutcome {
  matched: number;
  modified: number;
  before?: JsonObject;
  after?: JsonObject;
  upsertedId?: Json;
}

function updateOneDoc(ctx: CommandContext, body: JsonObject, change: (doc: JsonObject, inserting: boolean) => void): UpdateOutcome {
  const c = collectionOf(ctx);
  const found = pickOne(ctx, body);
  if (found) {
    const doc = cloneJson(found.doc) as JsonObject;
    change(doc, false);
    const modified = stringifyJson(doc) !== stringifyJson(found.doc) ? 1 : 0;
    const after = modified ? save(ctx, c, doc) : found.doc;
    return { matched: 1, modified, before: found.doc, after };
  }
  if (options(body).upsert !== true) return { matched: 0, modified: 0 };
  const doc = upsertBase(c, body.filter);
  change(doc, true);
  if (ctx.store.get(c, idKey(doc._id))) throw new ApiError('DOCUMENT_ALREADY_EXISTS', `Document already exists with the given _id`);
  const after = save(ctx, c, doc);
  return { matched: 0, modified: 0, after, upsertedId: after._id };
}

const counts = (o: UpdateOutcome): JsonObject => ({
  ...(o.upsertedId !== undefined ? { upsertedId: o.upsertedId } : {}),
  matchedCount: n(o.matched),
  modifiedCount: n(o.modified),
});

function returned(body: JsonObject, o: UpdateOutcome): Json {
  const which = options(body).returnDocument === 'after' ? o.after : o.before;
  return which ? compileProjection(body.projection)(which) : null;
}

export function updateOne(ctx: CommandContext, body: JsonObject): Reply {
  const update = checkUpdate(body.update);
  return { status: counts(updateOneDoc(ctx, body, (d, ins) => applyUpdate(d, update, ins))) };
}

export function findOneAndUpdate(ctx: CommandContext, body: JsonObject): Reply {
  const update = checkUpdate(body.update);
  compileProjection(body.projection);
  const o = updateOneDoc(ctx, body, (d, ins) => applyUpdate(d, update, ins));
  return { data: { document: returned(body, o) }, status: counts(o) };
}

export function findOneAndReplace(ctx: CommandContext, body: JsonObject): Reply {
  const replacement = body.replacement;
  if (!isObject(replacement)) throw new ApiError('COMMAND_FIELD_VALUE_INVALID', 'replacement must be a document');
  compileProjection(body.projection);
  const o = updateOneDoc(ctx, body, (doc, inserting) => {
    if (!inserting && '_id' in replacement && !equalValues(replacement._id, doc._id)) {
      throw new ApiError('DOCUMENT_REPLACE_DIFFERENT_DOCID', 'The replace document and document resolved using filter have different _id values');
    }
    const id = '_id' in replacement ? replacement._id : doc._id;
    for (const k of Object.keys(doc)) delete doc[k];
    doc._id = id;
    for (const [k, v] of Object.entries(replacement)) if (k !== '_id') put(doc, k, cloneJson(v));
  });
  return { data: { document: returned(body, o) }, status: counts(o) };
}

export function updateMany(ctx: CommandContext, body: JsonObject): Reply {
  const c = collectionOf(ctx);
  const update = checkUpdate(body.update);
  const state = options(body).pageState;
  const after = typeof state === 'string' && /^-?\d+$/.test(state) ? BigInt(state) : undefined;
  const batch = matchingAfter(ctx.store, c, body.filter, after, MAX_PER_CALL + 1);
  const page = batch.slice(0, MAX_PER_CALL);
  let modified = 0;
  for (const found of page) {
    const doc = cloneJson(found.doc) as JsonObject;
    if (applyUpdate(doc, update, false)) {
      save(ctx, c, doc);
      modified++;
    }
  }
  if (page.length === 0 && after === undefined && options(body).upsert === true) {
    const o = updateOneDoc(ctx, body, (d, ins) => applyUpdate(d, update, ins));
    return { status: counts(o) };
  }
  const status: JsonObject = { matchedCount: n(page.length), modifiedCount: n(modified) };
  if (batch.length > MAX_PER_CALL) {
    status.moreData = true;
    status.nextPageState = String(page[page.length - 1].token);
  }
  return { status };
}

export function deleteOne(ctx: CommandContext, body: JsonObject): Reply {
  const found = pickOne(ctx, body);
  if (found) ctx.store.delete(collectionOf(ctx), found.key);
  return { status: { deletedCount: n(found ? 1 : 0) } };
}

export function findOneAndDelete(ctx: CommandContext, body: JsonObject): Reply {
  const project = compileProjection(body.projection);
  const found = pickOne(ctx, body);
  if (found) ctx.store.delete(collectionOf(ctx), found.key);
  return { data: { document: found ? project(found.doc) : null }, status: { deletedCount: n(found ? 1 : 0) } };
}

export function deleteMany(ctx: CommandContext, body: JsonObject): Reply {
  const c = collectionOf(ctx);
  if (body.filter === undefined || body.filter === null || (isObject(body.filter) && Object.keys(body.filter).length === 0)) {
    ctx.store.truncate(c);
    return { status: { deletedCount: n(-1) } };
  }
  const batch = matchingAfter(ctx.store, c, body.filter, undefined, MAX_PER_CALL + 1);
  const page = batch.slice(0, MAX_PER_CALL);
  for (const d of page) ctx.store.delete(c, d.key);
  const status: JsonObject = { deletedCount: n(page.length) };
  if (batch.length > MAX_PER_CALL) status.moreData = true;
  return { status };
}

