// The unmodified @datastax/astra-db-ts client against the sandbox's Data API stand-in — or against real Astra when
// CQL_TEST_ASTRA_TOKEN + CQL_TEST_DATA_API_ENDPOINT are set (support/dataApiTarget.ts). Expected answers are worked
// out here from the data the test wrote, so the same assertions hold on both.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CollectionInsertManyError, DataAPIResponseError, TooManyDocumentsToCountError, type Collection,
} from '@datastax/astra-db-ts';
import { prng } from '../sandbox/seed/prng.js';
import { dataApiTarget, isRealDataApiTarget, type DataApiTarget } from '../support/dataApiTarget.js';

type Metric = 'cosine' | 'dot_product' | 'euclidean';
const DOCS = 1100;
const DIM = 4;
const CATEGORIES = ['red', 'green', 'blue'];

const vectorOf = (seed: number) => {
  const r = prng(seed);
  const v = Array.from({ length: DIM }, () => Math.fround(r() * 2 - 1));
  const norm = Math.hypot(...v);
  return v.map((x) => Math.fround(x / norm)); // unit length, as dot_product expects
};

/** The score formulas of the Data API (float32 inputs; compared with a tolerance for float32 rounding). */
function score(metric: Metric, q: number[], v: number[]): number {
  const dot = q.reduce((s, x, i) => s + x * v[i], 0);
  if (metric === 'dot_product') return (1 + dot) / 2;
  if (metric === 'euclidean') return 1 / (1 + q.reduce((s, x, i) => s + (x - v[i]) ** 2, 0));
  return (1 + dot / (Math.hypot(...q) * Math.hypot(...v))) / 2;
}

const responseCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataAPIResponseError) return e.errorDescriptors[0].errorCode ?? 'none';
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof DataAPIResponseError) return cause.errorDescriptors[0].errorCode ?? 'none';
    throw e;
  }
  return 'no error';
};

describe('Data API through astra-db-ts', () => {
  let t: DataApiTarget;
  let items: Collection;

  before(async () => {
    t = await dataApiTarget();
    items = await t.db.createCollection(t.name('items'), { vector: { dimension: DIM, metric: 'cosine' } });
    const docs = Array.from({ length: DOCS }, (_, i) => ({
      _id: `d${i}`, n: i, category: CATEGORIES[i % 3], nested: { even: i % 2 === 0 }, tags: i % 10 === 0 ? ['tenth'] : [],
      $vector: vectorOf(i),
    }));
    const res = await items.insertMany(docs, { ordered: false });
    assert.equal(res.insertedCount, DOCS);
  });
  after(() => t?.stop());

  test('listCollections shows the created collection with its vector definition', async () => {
    const all = await t.db.listCollections();
    const mine = all.find((c) => c.name === items.name);
    assert.ok(mine, `${items.name} listed among ${all.map((c) => c.name).join(', ')}`);
    assert.equal(mine.definition.vector?.dimension, DIM);
    assert.equal(mine.definition.vector?.metric, 'cosine');
    assert.ok((await t.db.listCollections({ nameOnly: true })).includes(items.name));
  });

  test('find with filter, sort and projection', async () => {
    const docs = await items
      .find({ category: 'blue', n: { $gte: 500 }, 'nested.even': true }, { sort: { n: -1 }, projection: { n: 1, category: 1 }, limit: 4 })
      .toArray();
    const expected = Array.from({ length: DOCS }, (_, i) => i).filter((i) => i % 3 === 2 && i >= 500 && i % 2 === 0).reverse().slice(0, 4);
    assert.deepEqual(docs, expected.map((i) => ({ _id: `d${i}`, n: i, category: 'blue' })));
    const tenth = await items.find({ tags: 'tenth', n: { $in: [0, 10, 11, 20] } }, { projection: { _id: 1 } }).toArray();
    assert.deepEqual(tenth.map((d) => d._id).sort(), ['d0', 'd10', 'd20']);
    assert.equal(await items.countDocuments({ $or: [{ n: { $lt: 3 } }, { n: { $gt: DOCS - 3 } }] }, 1000), 5);
  });

  test('paging past 1,000 documents returns each document once', async () => {
    const cursor = items.find({}, { projection: { _id: 1 } });
    const ids = (await cursor.toArray()).map((d) => String(d._id));
    assert.equal(ids.length, DOCS);
    assert.equal(new Set(ids).size, DOCS);
  });

  for (const metric of ['cosine', 'dot_product', 'euclidean'] as const) {
    test(`vector sort by ${metric}: order and $similarity match the metric's formula`, async () => {
      const coll = await t.db.createCollection(t.name(`vec_${metric}`), { vector: { dimension: DIM, metric } });
      const vectors = Array.from({ length: 60 }, (_, i) => vectorOf(10_000 + i));
      await coll.insertMany(vectors.map((v, i) => ({ _id: `v${i}`, $vector: v })));
      const q = vectorOf(99);
      const got = await coll.find({}, { sort: { $vector: q }, limit: 10, includeSimilarity: true }).toArray();
      const want = vectors.map((v, i) => ({ id: `v${i}`, s: score(metric, q, v) })).sort((a, b) => b.s - a.s).slice(0, 10);
      assert.deepEqual(got.map((d) => d._id), want.map((w) => w.id));
      got.forEach((d, i) => assert.ok(Math.abs((d.$similarity ?? NaN) - want[i].s) < 1e-5, `${d._id}: ${d.$similarity} vs ${want[i].s}`));
      await t.db.dropCollection(coll.name);
    });
  }

  test('updates: updateOne with upsert, updateMany across batches, findOneAndUpdate, replaceOne', async () => {
    const one = await items.updateOne({ _id: 'd1' }, { $set: { seen: true }, $inc: { n: 1000 } });
    assert.deepEqual([one.matchedCount, one.modifiedCount], [1, 1]);
    assert.deepEqual(await items.findOne({ _id: 'd1' }, { projection: { n: 1, seen: 1 } }), { _id: 'd1', n: 1001, seen: true });
    const up = await items.updateOne({ _id: 'fresh' }, { $set: { made: 'by upsert' } }, { upsert: true });
    assert.equal(up.upsertedId, 'fresh');
    const many = await items.updateMany({ category: 'red', n: { $lt: 300 } }, { $set: { flagged: true } });
    assert.equal(many.matchedCount, 100);
    assert.equal(await items.countDocuments({ flagged: true }, 1000), 100);
    const after = await items.findOneAndUpdate({ _id: 'd2' }, { $push: { tags: 'pushed' } }, { returnDocument: 'after', projection: { tags: 1 } });
    assert.deepEqual(after, { _id: 'd2', tags: ['pushed'] });
    const rep = await items.replaceOne({ _id: 'fresh' }, { replaced: 1 });
    assert.equal(rep.modifiedCount, 1);
    assert.deepEqual(await items.findOne({ _id: 'fresh' }), { _id: 'fresh', replaced: 1 });
  });

  test('deletes and counting limits', async () => {
    assert.equal((await items.deleteOne({ _id: 'fresh' })).deletedCount, 1);
    assert.equal((await items.deleteMany({ category: 'green', n: { $gte: 600, $lt: 690 } })).deletedCount, 30);
    assert.equal(await items.countDocuments({ category: 'green', n: { $gte: 600, $lt: 690 } }, 10), 0);
    await assert.rejects(items.countDocuments({}, 10_000), (e: unknown) => e instanceof TooManyDocumentsToCountError && e.hitServerLimit);
    await assert.rejects(items.countDocuments({ category: 'red' }, 5), TooManyDocumentsToCountError);
    assert.ok((await items.estimatedDocumentCount()) > 1000 || t.kind === 'astra', 'exact in the sandbox');
  });

  test('errors arrive in the API shape: duplicates, unknown collection, bad filter, bad token', async () => {
    assert.equal(await responseCode(items.insertOne({ _id: 'd5' })), 'DOCUMENT_ALREADY_EXISTS');
    await assert.rejects(items.insertMany([{ _id: 'new1' }, { _id: 'd6' }]), (e: unknown) => {
      assert.ok(e instanceof CollectionInsertManyError);
      assert.deepEqual(e.insertedIds(), ['new1']);
      return true;
    });
    assert.match(await responseCode(t.db.collection(t.name('missing')).findOne({})), /^(UNKNOWN_COLLECTION_OR_TABLE|COLLECTION_NOT_EXIST)$/);
    assert.equal(await responseCode(items.findOne({ n: { $regex: 'x' } })), 'FILTER_UNSUPPORTED_OPERATOR');
    const bad = t.badClient();
    try {
      assert.equal(await responseCode(bad.db(t.endpoint, { keyspace: t.keyspace }).listCollections()), 'UNAUTHENTICATED_REQUEST');
    } finally {
      await bad.close();
    }
  });

  test('demo.catalog holds 1,200 vector documents, ranked by cosine like its seed vectors, and is a CQL table', {
    skip: isRealDataApiTarget() && 'real Astra has no sandbox demo data',
  }, async () => {
    const { catalogId, catalogVector, CATALOG_DOCS } = await import('../sandbox/seed/collection.js');
    const catalog = t.db.collection('catalog', { keyspace: 'demo' });
    assert.equal(await catalog.estimatedDocumentCount(), CATALOG_DOCS);
    const q = [0.5, -0.25, 0.1, 0.9, -0.6, 0.3, 0.05, -0.7];
    const got = await catalog.find({}, { sort: { $vector: q }, limit: 5, includeSimilarity: true, projection: { _id: 1 } }).toArray();
    const want = Array.from({ length: CATALOG_DOCS }, (_, k) => ({ id: catalogId(k + 1), s: score('cosine', q, catalogVector(k + 1)) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 5);
    assert.deepEqual(got.map((d) => d._id), want.map((w) => w.id));
    const res = t.sandbox?.adminQuery(`SELECT doc_json FROM demo.catalog WHERE key = (1, '${want[0].id}')`);
    assert.ok(res?.kind === 'rows' && String(res.rows[0][0]).startsWith(`{"_id":"${want[0].id}"`));
  });
});
