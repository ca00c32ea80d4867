// Document commands on the wire: insertMany responses, page states, vector sort with $similarity, counting limits,
// updateMany/deleteMany batches, exact numbers and the stand-in $vectorize.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Num } from '../../dataapi/json.js';
import { startSandbox, type SandboxHandle } from '../../index.js';
import { binaryVector, command, post } from './wire-helpers.js';

let sb: SandboxHandle;
const KS = 'docs_ks';
const run = (coll: string, cmd: string, args: unknown) => command(sb, KS, coll, cmd, args);

before(async () => {
  sb = await startSandbox({ nodes: 1, seed: 'none' });
  await sb.createKeyspace(KS);
  await command(sb, KS, undefined, 'createCollection', { name: 'items', options: {} });
  await command(sb, KS, undefined, 'createCollection', { name: 'vecs', options: { vector: { dimension: 2, metric: 'euclidean' } } });
});
after(() => sb?.stop());

test('insertMany: per-document responses, duplicate ids as DOCUMENT_ALREADY_EXISTS, ordered stops, > 100 refused', async () => {
  const r = await run('items', 'insertMany', {
    documents: [{ _id: 'a' }, { _id: 'a' }, { n: 1 }],
    options: { ordered: false, returnDocumentResponses: true },
  });
  assert.equal(r.status, 200);
  const [ok, dup, gen] = r.body.status.documentResponses;
  assert.deepEqual(ok, { _id: 'a', status: 'OK' });
  assert.deepEqual(dup, { _id: 'a', status: 'ERROR', errorsIdx: 0 });
  assert.equal(gen.status, 'OK');
  assert.match(gen._id, /^[0-9a-f]{8}-[0-9a-f]{4}-4/, 'a generated UUIDv4 string');
  assert.equal(r.body.errors[0].errorCode, 'DOCUMENT_ALREADY_EXISTS');
  assert.deepEqual(r.body.errors[0].documentIds, ['a']);
  assert.equal(r.body.data, undefined);

  const ordered = await run('items', 'insertMany', { documents: [{ _id: 'b' }, { _id: 'a' }, { _id: 'c' }], options: { ordered: true, returnDocumentResponses: true } });
  assert.deepEqual(ordered.body.status.documentResponses.map((d: { status: string }) => d.status), ['OK', 'ERROR', 'SKIPPED']);
  const plain = await run('items', 'insertMany', { documents: [{ _id: 'd' }, { _id: 'e' }] });
  assert.deepEqual(plain.body, { status: { insertedIds: ['d', 'e'] } });
  const many = await run('items', 'insertMany', { documents: Array.from({ length: 101 }, (_, i) => ({ i })) });
  assert.equal(many.body.errors[0].errorCode, 'COMMAND_FIELD_VALUE_INVALID');
  assert.equal((await run('items', 'countDocuments', { filter: { i: { $exists: true } } })).body.status.count, 0, 'nothing of a refused batch is written');
  await run('items', 'deleteMany', {});
});

test('unsorted find pages 20 at a time with an opaque pageState; limit caps the total; sorted find has no paging', async () => {
  for (let start = 0; start < 45; start += 15) {
    await run('items', 'insertMany', { documents: Array.from({ length: 15 }, (_, k) => ({ _id: `p${start + k}`, n: start + k })) });
  }
  const seen: string[] = [];
  let state: string | null | undefined;
  let pages = 0;
  do {
    const r = await run('items', 'find', { filter: {}, options: { limit: 30, ...(state ? { pageState: state } : {}) } });
    assert.ok(r.body.data.documents.length <= 20);
    seen.push(...r.body.data.documents.map((d: { _id: string }) => d._id));
    state = r.body.data.nextPageState;
    assert.ok('nextPageState' in r.body.data, 'nextPageState is always written out');
    pages++;
  } while (state);
  assert.equal(pages, 2);
  assert.equal(seen.length, 30);
  assert.equal(new Set(seen).size, 30);

  const sorted = await run('items', 'find', { filter: { n: { $gte: 10 } }, sort: { n: -1 }, options: { skip: 2 } });
  assert.deepEqual(sorted.body.data.documents.slice(0, 3).map((d: { n: number }) => d.n), [42, 41, 40]);
  assert.equal(sorted.body.data.documents.length, 20);
  assert.equal(sorted.body.data.nextPageState, null);
  const mixed = await run('items', 'find', { sort: { n: 1 }, options: { pageState: 'AAAA' } });
  assert.equal(mixed.body.errors[0].errorCode, 'SORT_CLAUSE_INVALID');
  const zero = await run('items', 'find', { options: { limit: 0 } });
  assert.equal(zero.body.errors[0].message, 'limit should be greater than `0`');
});

test('updateMany and deleteMany work in batches of 20 with moreData; deleteMany({}) truncates', async () => {
  const first = await run('items', 'updateMany', { filter: { n: { $exists: true } }, update: { $inc: { n: 1000 } } });
  assert.deepEqual(first.body.status.matchedCount, 20);
  assert.equal(first.body.status.moreData, true);
  let total = 20;
  let state = first.body.status.nextPageState;
  while (state) {
    const next = await run('items', 'updateMany', { filter: { n: { $exists: true } }, update: { $inc: { n: 1000 } }, options: { pageState: state } });
    total += next.body.status.modifiedCount;
    state = next.body.status.nextPageState;
  }
  assert.equal(total, 45);
  assert.equal((await run('items', 'countDocuments', { filter: { n: { $lt: 1000 } } })).body.status.count, 0, 'each document updated once');

  const del = await run('items', 'deleteMany', { filter: { n: { $gte: 1000 } } });
  assert.deepEqual(del.body.status, { deletedCount: 20, moreData: true });
  await run('items', 'insertOne', { document: { _id: 'keep' } });
  assert.deepEqual((await run('items', 'deleteMany', {})).body.status, { deletedCount: -1 });
  assert.deepEqual((await run('items', 'estimatedDocumentCount', {})).body.status, { count: 0 });
});

test('countDocuments stops at 1000 with moreData', async () => {
  const api = sb.dataApi;
  assert.ok(api);
  const c = api.store.collection(KS, 'items');
  assert.ok(c);
  for (let i = 0; i < 1001; i++) api.store.write(c, { _id: `c${i}`, k: Num.of(i % 2) }, undefined);
  assert.deepEqual((await run('items', 'countDocuments', { filter: {} })).body.status, { count: 1000, moreData: true });
  assert.deepEqual((await run('items', 'countDocuments', { filter: { k: 1 } })).body.status, { count: 500 });
  await run('items', 'deleteMany', {});
});

test('vector sort: binary vectors, euclidean scores, includeSortVector, dimension and collection checks', async () => {
  const vecs: [string, number[]][] = [['near', [1, 1]], ['mid', [2, 2]], ['far', [5, -3]]];
  await run('vecs', 'insertMany', { documents: vecs.map(([_id, v]) => ({ _id, $vector: binaryVector(v) })) });
  await run('vecs', 'insertOne', { document: { _id: 'novec' } });
  const q = [1, 0.5];
  const r = await run('vecs', 'find', { sort: { $vector: binaryVector(q) }, options: { includeSimilarity: true } });
  const expected = vecs
    .map(([id, v]) => [id, Math.fround(1 / (1 + (q[0] - v[0]) ** 2 + (q[1] - v[1]) ** 2))] as const)
    .sort((a, b) => b[1] - a[1]);
  // Scores are float32 printed as Java does (shortest text that reads back as the same float).
  assert.deepEqual(r.body.data.documents.map((d: { _id: string; $similarity: number }) => [d._id, Math.fround(d.$similarity)]), expected);
  assert.equal(r.body.data.nextPageState, null);
  assert.ok(!('$vector' in r.body.data.documents[0]), '$vector is not returned unless projected');

  const sv = await run('vecs', 'find', { sort: { $vector: q }, options: { limit: 1, includeSortVector: true } });
  assert.deepEqual(sv.body.status.sortVector, q);
  assert.ok(!('nextPageState' in sv.body.data));
  const projected = await run('vecs', 'findOne', { filter: { _id: 'mid' }, projection: { $vector: 1 } });
  assert.deepEqual(projected.body.data.document.$vector, binaryVector([2, 2]), 'stored as received');

  assert.equal((await run('vecs', 'insertOne', { document: { $vector: [1, 2, 3] } })).body.errors[0].errorCode, 'SHRED_BAD_VECTOR_SIZE');
  await command(sb, KS, undefined, 'createCollection', { name: 'plain_docs', options: {} });
  const notVector = await run('plain_docs', 'find', { sort: { $vector: [1, 2] } });
  assert.equal(notVector.body.errors[0].errorCode, 'VECTOR_SEARCH_NOT_SUPPORTED');
});

test('numbers come back verbatim and extended JSON values round-trip', async () => {
  const text = '{"insertOne":{"document":{"_id":{"$uuid":"0190f3a0-0000-7000-8000-000000000001"},"big":123456789012345678901234567890,' +
    '"dec":0.1000,"when":{"$date":1717171717171},"oid":{"$objectId":"65f0a1b2c3d4e5f601234567"}}}}';
  const ins = await post(sb, `/api/json/v1/${KS}/plain_docs`, text);
  assert.deepEqual(ins.body, { status: { insertedIds: [{ $uuid: '0190f3a0-0000-7000-8000-000000000001' }] } });
  const found = await run('plain_docs', 'findOne', { filter: { when: { $gt: { $date: 1717171717170 } } } });
  assert.equal(
    found.text,
    '{"data":{"document":{"_id":{"$uuid":"0190f3a0-0000-7000-8000-000000000001"},"big":123456789012345678901234567890,' +
      '"dec":0.1000,"when":{"$date":1717171717171},"oid":{"$objectId":"65f0a1b2c3d4e5f601234567"}}}}',
  );
  const bad = await run('plain_docs', 'insertOne', { document: { x: { $oops: 1 } } });
  assert.equal(bad.body.errors[0].errorCode, 'SHRED_BAD_EJSON_VALUE');
});

test('$vectorize with a service: a deterministic stand-in embedding ranks texts sharing words first', async () => {
  await command(sb, KS, undefined, 'createCollection', {
    name: 'texts',
    options: { vector: { dimension: 16, metric: 'cosine', service: { provider: 'openai', modelName: 'text-embedding-3-small' } } },
  });
  await run('texts', 'insertMany', {
    documents: [
      { _id: 'cat', $vectorize: 'the cat sat on the mat' },
      { _id: 'stock', $vectorize: 'quarterly stock market report' },
    ],
  });
  const r = await run('texts', 'find', { sort: { $vectorize: 'a cat on a mat' }, projection: { $vectorize: 1 }, options: { includeSimilarity: true } });
  assert.deepEqual(r.body.data.documents.map((d: { _id: string }) => d._id), ['cat', 'stock']);
  assert.equal(r.body.data.documents[0].$vectorize, 'the cat sat on the mat');
  const none = await run('plain_docs', 'find', { sort: { $vectorize: 'x' } });
  assert.equal(none.body.errors[0].errorCode, 'VECTOR_SEARCH_NOT_SUPPORTED');

  const providers = await post(sb, '/api/json/v1', { findEmbeddingProviders: {} });
  assert.equal(providers.body.status.embeddingProviders.nvidia.models[0].vectorDimension, 1024);
  await command(sb, KS, undefined, 'createCollection', { name: 'nv', options: { vector: { service: { provider: 'nvidia', modelName: 'NV-Embed-QA' } } } });
  const listed = (await command(sb, KS, undefined, 'findCollections', { options: { explain: true } })).body.status.collections;
  assert.equal(listed.find((c: { name: string }) => c.name === 'nv').options.vector.dimension, 1024, "the model's dimension");
});

test('findOneAnd*: sort picks the document, returnDocument before/after, upsert ids, data.document always present', async () => {
  await run('plain_docs', 'insertMany', { documents: [{ _id: 'r1', rank: 3 }, { _id: 'r2', rank: 1 }, { _id: 'r3', rank: 2 }] });
  const upd = await run('plain_docs', 'findOneAndUpdate', {
    filter: { rank: { $exists: true } }, sort: { rank: 1 }, update: { $set: { top: true } }, options: { returnDocument: 'after' },
  });
  assert.deepEqual(upd.body, { data: { document: { _id: 'r2', rank: 1, top: true } }, status: { matchedCount: 1, modifiedCount: 1 } });
  const none = await run('plain_docs', 'findOneAndUpdate', { filter: { _id: 'zz' }, update: { $set: { a: 1 } } });
  assert.deepEqual(none.body, { data: { document: null }, status: { matchedCount: 0, modifiedCount: 0 } });
  const ups = await run('plain_docs', 'findOneAndReplace', {
    filter: { _id: 'new1', kind: 'x' }, replacement: { note: 'hi' }, options: { upsert: true, returnDocument: 'after' },
  });
  assert.deepEqual(ups.body, { data: { document: { _id: 'new1', note: 'hi' } }, status: { upsertedId: 'new1', matchedCount: 0, modifiedCount: 0 } });
  const before = await run('plain_docs', 'findOneAndReplace', { filter: { _id: 'new1' }, replacement: { note: 'bye' }, projection: { note: 1 } });
  assert.deepEqual(before.body.data.document, { _id: 'new1', note: 'hi' }, 'returnDocument defaults to before');
  const otherId = await run('plain_docs', 'findOneAndReplace', { filter: { _id: 'new1' }, replacement: { _id: 'other' } });
  assert.equal(otherId.body.errors[0].errorCode, 'DOCUMENT_REPLACE_DIFFERENT_DOCID');
  const del = await run('plain_docs', 'findOneAndDelete', { filter: { rank: { $gt: 0 } }, sort: { rank: -1 } });
  assert.deepEqual(del.body, { data: { document: { _id: 'r1', rank: 3 } }, status: { deletedCount: 1 } });
  assert.deepEqual((await run('plain_docs', 'deleteOne', { filter: { rank: { $gt: 0 } }, sort: { rank: -1 } })).body, { status: { deletedCount: 1 } });
  assert.deepEqual((await run('plain_docs', 'findOne', { filter: { rank: { $gt: 0 } } })).body.data.document, { _id: 'r2', rank: 1, top: true });
  const idUpdate = await run('plain_docs', 'updateOne', { filter: { _id: 'r2' }, update: { $set: { _id: 'x' } } });
  assert.equal(idUpdate.body.errors[0].errorCode, 'UNSUPPORTED_UPDATE_OPERATOR_FOR_DOC_ID');
});
