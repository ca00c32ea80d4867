// Collection definitions in the tree (description, tooltip, contextValue), the Create Collection options, and the
// error sentences for what astra-db-ts throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  collectionDescription, collectionNameProblem, collectionTooltip, createCollectionOptions,
} from '../../../src/extension/dataApi/core/collectionText.js';
import { collectionChildren, collectionItemLook, isCollectionNode, type CollectionTreeNode } from '../../../src/extension/dataApi/core/collectionNodes.js';
import { DataApiError, describeDataApiError } from '../../../src/extension/dataApi/core/dataApiErrors.js';
import { writeCommandText } from '../../../src/extension/dataApi/core/commandText.js';

const products = {
  name: 'products',
  definition: { vector: { dimension: 1536, metric: 'dot_product', service: { provider: 'openai', modelName: 'text-embedding-3-small' } }, indexing: { deny: ['blob'] }, defaultId: { type: 'uuidv7' } },
  count: 1234,
};

test('a vector collection reads as dimension, metric, vectorize and count', () => {
  assert.equal(collectionDescription(products), 'vector(1536) dot_product · vectorize openai · ~1,234 docs');
  const tip = collectionTooltip(products, 'demo');
  for (const line of ['Collection demo.products', 'Vector: 1536 dimensions, metric dot_product', 'Vectorize: openai / text-embedding-3-small', 'Indexing: not indexed: blob', 'Default _id: uuidv7', 'About 1,234 docs (estimated)']) {
    assert.ok(tip.includes(line), line);
  }
  assert.equal(collectionDescription({ name: 'n', definition: {} }), '');
  assert.ok(collectionTooltip({ name: 'n', definition: {} }, 'k').includes('No vector'));
});

test('tree nodes: group, vector/non-vector collections, empty keyspace', () => {
  const group: Extract<CollectionTreeNode, { kind: 'collections' }> = { kind: 'collections', profileId: 'p1', db: { source: 'profile', profileId: 'p1' }, keyspace: 'demo' };
  assert.ok(isCollectionNode(group));
  assert.ok(!isCollectionNode({ kind: 'table' }));
  assert.deepEqual(collectionItemLook(group), { id: 'p1/demo/#collections', label: 'Collections', tooltip: 'Data API collections of demo', icon: 'json', contextValue: 'collections', collapsible: 'collapsed' });
  const [v, n] = collectionChildren(group, [products, { name: 'notes', definition: {} }]);
  assert.equal(collectionItemLook(v!).contextValue, 'collection-vector');
  assert.equal(collectionItemLook(n!).contextValue, 'collection');
  assert.equal(collectionItemLook(n!).id, 'p1/demo/#collections/notes');
  const [empty] = collectionChildren(group, []);
  assert.equal(empty!.kind, 'collectionsMessage');
});

test('Create Collection answers → createCollection options', () => {
  assert.deepEqual(createCollectionOptions({}), {});
  assert.deepEqual(createCollectionOptions({ dimension: 3, metric: 'euclidean' }), { vector: { dimension: 3, metric: 'euclidean' } });
  assert.deepEqual(createCollectionOptions({ vectorizeProvider: 'nvidia', vectorizeModel: 'NV-Embed-QA' }), {
    vector: { metric: 'cosine', service: { provider: 'nvidia', modelName: 'NV-Embed-QA' } },
  });
  assert.equal(collectionNameProblem('ok_name1', []), undefined);
  assert.match(collectionNameProblem('bad-name', [])!, /letters, digits/);
  assert.match(collectionNameProblem('x', ['x'])!, /already exists/);
});

test('errors: token refused, missing collection, API codes, network and TLS, without the token', () => {
  const ep = 'https://abc-us-east1.apps.astra.datastax.com';
  const apiErr = (errorCode: string, message: string) => Object.assign(new Error(message), { name: 'DataAPIResponseError', rawResponse: { errors: [{ errorCode, message }] } });
  const auth = describeDataApiError(apiErr('UNAUTHENTICATED_REQUEST', 'Authentication failed for request due to invalid token.'), 'listing', ep);
  assert.equal(auth.kind, 'auth');
  assert.match(auth.message, /abc-us-east1\.apps\.astra\.datastax\.com refused the token while listing/);
  assert.equal(describeDataApiError(apiErr('UNKNOWN_COLLECTION_OR_TABLE', 'no such'), 'reading', ep).kind, 'notFound');
  const dup = describeDataApiError(apiErr('DOCUMENT_ALREADY_EXISTS', 'already exists'), 'inserting', ep);
  assert.equal(dup.kind, 'api');
  assert.match(dup.message, /already exists \(DOCUMENT_ALREADY_EXISTS\)/);
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
  assert.equal(describeDataApiError(refused, 'listing', ep).kind, 'unreachable');
  assert.equal(describeDataApiError(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'listing', ep).kind, 'tls');
  assert.equal(describeDataApiError(Object.assign(new Error('HTTP error (502)'), { name: 'DataAPIHttpError', status: 502 }), 'listing', ep).kind, 'http');
  assert.equal(describeDataApiError(Object.assign(new Error('t'), { name: 'DataAPITimeoutError' }), 'listing', ep).kind, 'timeout');
});

test('the confirmation shows the exact command', () => {
  assert.equal(writeCommandText('deleteOne', { filter: { _id: new Date(5) } }), '{"deleteOne":{"filter":{"_id":{"$date":5}}}}');
  assert.match(writeCommandText('insertOne', { document: { t: 'x'.repeat(5000) } }), /… \(5,\d{3} characters\)$/);
});

test('a DataApiError never carries a token, even one quoted by the server', () => {
  const token = `AstraCS:abcdefghijklmnopqrstuvwx:${'a'.repeat(64)}`;
  const err = new DataApiError({ kind: 'api', message: `The Data API refused listing: bad token ${token}` });
  assert.ok(!err.message.includes(token));
  assert.ok(!err.info.message.includes(token));
});
