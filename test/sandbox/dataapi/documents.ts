// Preparing a document for storage: _id generation per the collection's `defaultId`, field-name and extended-JSON
// checks, and the vector taken from `$vector` (or embedded from `$vectorize`).
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from './errors.js';
import { isObject, type Json, type JsonObject } from './json.js';
import { withIdFirst } from './projection.js';
import { vectorize } from './select.js';
import { checkFieldNames, idKey } from './shred.js';
import type { Collection } from './store.js';
import { checkDimension, decodeVector } from './vector.js';

let objectIdCounter = randomBytes(3).readUIntBE(0, 3);
const processUnique = randomBytes(5).toString('hex');

function uuidv7(): string {
  const b = randomBytes(16);
  b.writeUIntBE(Date.now(), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function generateId(c: Collection): Json {
  const type = isObject(c.options.defaultId) ? c.options.defaultId.type : undefined;
  if (type === 'objectId') {
    objectIdCounter = (objectIdCounter + 1) % 0x1000000;
    const time = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
    return { $objectId: time + processUnique + objectIdCounter.toString(16).padStart(6, '0') };
  }
  if (type === 'uuid') return { $uuid: randomUUID() };
  // uuidv6 is served as a time-ordered v7 here: both sort by creation time, which is what callers rely on.
  if (type === 'uuidv6' || type === 'uuidv7') return { $uuid: uuidv7() };
  return randomUUID();
}

export interface Prepared {
  doc: JsonObject;
  vector?: number[];
}

/** Validates a document to be written and resolves its vector; `_id` is generated when absent. */
export function prepareDocument(c: Collection, input: Json, generate = true): Prepared {
  if (!isObject(input)) throw new ApiError('SHRED_BAD_DOCUMENT_TYPE', 'Bad document type to shred: document to shred must be a JSON Object');
  const doc = { ...input };
  if (!('_id' in doc) && generate) doc._id = generateId(c);
  if ('_id' in doc) idKey(doc._id);
  checkFieldNames(doc);
  let vector: number[] | undefined;
  if (doc.$vectorize !== undefined && doc.$vectorize !== null) {
    if (doc.$vector !== undefined && doc.$vector !== null) {
      throw new ApiError('INVALID_USAGE_OF_VECTORIZE', "'$vectorize' and '$vector' can't be used together");
    }
    vector = vectorize(c, doc.$vectorize);
  } else {
    vector = decodeVector(doc.$vector);
  }
  if (vector) {
    if (!c.dimension) throw new ApiError('VECTOR_SEARCH_NOT_SUPPORTED', `Vector search is not enabled for the collection ${c.name}`);
    checkDimension(vector, c.dimension);
  }
  if (doc.$vector === null) delete doc.$vector;
  return { doc: withIdFirst(doc), vector };
}

export const alreadyExists = (id: Json) =>
  new ApiError(
    'DOCUMENT_ALREADY_EXISTS',
    `Cannot insert the document: a document already exists with given '_id' ('${idKey(id)[1]}'). \n\n` +
      'Either resend the command with distinct \'_id\', or use an update command instead.',
    [id],
  );
