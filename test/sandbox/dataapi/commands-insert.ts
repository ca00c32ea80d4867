// insertOne / insertMany (DATA_API.md §4.1): ≤ 100 documents per request, ordered or not, per-document responses.
import { alreadyExists, prepareDocument } from './documents.js';
import { ApiError, invalidField } from './errors.js';
import { isObject, type Json, type JsonObject } from './json.js';
import { n, options, type CommandContext, type Reply } from './reply.js';
import { collectionOf } from './commands-read.js';
import { idKey } from './shred.js';
import type { Collection, DocumentStore } from './store.js';

export const MAX_INSERT = 100;

/** Inserts one document; throws DOCUMENT_ALREADY_EXISTS (or a shredding error) without writing. */
export function insertDocument(store: DocumentStore, c: Collection, input: Json): Json {
  const { doc, vector } = prepareDocument(c, input);
  if (store.get(c, idKey(doc._id))) throw alreadyExists(doc._id);
  store.write(c, doc, vector);
  return doc._id;
}

export function insertOne(ctx: CommandContext, body: JsonObject): Reply {
  const id = insertDocument(ctx.store, collectionOf(ctx), body.document);
  return { status: { insertedIds: [id] } };
}

export function insertMany(ctx: CommandContext, body: JsonObject): Reply {
  const c = collectionOf(ctx);
  const docs = body.documents;
  if (!Array.isArray(docs) || docs.length === 0) throw invalidField('documents must be a non-empty array');
  if (docs.length > MAX_INSERT) {
    throw invalidField(`amount of documents to insert is over the max limit (${docs.length} vs ${MAX_INSERT})`);
  }
  const opts = options(body);
  const ordered = opts.ordered === true;
  const responses: JsonObject[] = [];
  const errors: ApiError[] = [];
  let stopped = false;
  for (const input of docs) {
    const id: Json | undefined = isObject(input) ? input._id : undefined;
    if (stopped) {
      responses.push({ _id: id ?? null, status: 'SKIPPED' });
      continue;
    }
    try {
      const inserted = insertDocument(ctx.store, c, input);
      responses.push({ _id: inserted, status: 'OK' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      responses.push({ _id: id ?? null, status: 'ERROR', errorsIdx: n(errors.length) });
      errors.push(e);
      if (ordered) stopped = true;
    }
  }
  const status: JsonObject =
    opts.returnDocumentResponses === true
      ? { documentResponses: responses }
      : { insertedIds: responses.filter((r) => r.status === 'OK').map((r) => r._id) };
  return errors.length ? { status, errors } : { status };
}
