// The extension's Data API host code (astra-db-ts through our CA fetcher, the collections API, the pager, exact
// values, error mapping) against the sandbox's Data API stand-in; against real Astra when CQL_TEST_ASTRA_TOKEN and
// CQL_TEST_DATA_API_ENDPOINT are set (CQL_TEST_KEYSPACE names an existing keyspace, default `default_keyspace`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startSandbox, type SandboxHandle } from '../sandbox/index.js';
import { DataApiClients } from '../../src/extension/dataApi/dataApiClients.js';
import { bigNumber, CollectionsApi, type CollectionTarget } from '../../src/extension/dataApi/collections.js';
import { DocumentPager } from '../../src/extension/dataApi/documentPager.js';
import { DataApiError } from '../../src/extension/dataApi/core/dataApiErrors.js';
import { documentJson } from '../../src/extension/dataApi/core/documentText.js';
import { parseExactJson } from '../../src/extension/dataApi/core/exactJson.js';
import { documentRow } from '../../src/extension/dataApi/core/documentRows.js';
import type { DatabaseRef } from '../../src/extension/dataApi/core/collectionNodes.js';
import type { Logger } from '../../src/extension/logging.js';
import { createCollectionOptions, hasVectorize } from '../../src/extension/dataApi/core/collectionText.js';
import { collectionFacts, parseQueryForm } from '../../src/extension/dataApi/core/queryForm.js';

const realToken = process.env.CQL_TEST_ASTRA_TOKEN;
const realEndpoint = process.env.CQL_TEST_DATA_API_ENDPOINT;
const onReal = !!(realToken && realEndpoint);
const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const ref: DatabaseRef = { source: 'profile', profileId: 'it' };
const suffix = Date.now().toString(36);
const DOCS = 1050;

let sb: SandboxHandle | undefined;
let endpoint = '';
let token = '';
let keyspace = process.env.CQL_TEST_KEYSPACE ?? 'default_keyspace';
let skip: string | false = false;
let clients: DataApiClients;
let api: CollectionsApi;
let target: CollectionTarget;

before(async () => {
  if (onReal) {
    endpoint = realEndpoint!;
    token = realToken!;
  } else {
    sb = await startSandbox({ seed: 'none', nodes: 1 });
    const dataApi = (sb as SandboxHandle & { dataApiEndpoint?: string }).dataApiEndpoint;
    if (!dataApi) {
      skip = 'this sandbox has no Data API stand-in (dataApiEndpoint)';
      return;
    }
    endpoint = dataApi;
    token = sb.token;
    keyspace = sb.keyspace;
    process.env.ASTRA_DB_VSCODE_DEVOPS_CA = sb.caPath;
    assert.ok(readFileSync(sb.caPath, 'utf8').includes('BEGIN CERTIFICATE'));
  }
  clients = new DataApiClients(quiet);
  api = new CollectionsApi({ resolve: async () => ({ endpoint, token, label: 'it' }) }, clients, quiet);
  target = { db: ref, keyspace, name: `it_docs_${suffix}` };
});

after(async () => {
  if (!skip && api) await api.drop(ref, keyspace, target.name).catch(() => undefined);
  await clients?.dispose();
  await sb?.stop();
});

const coll = () => api.run(ref, 'test', async (db) => api.collection(db, target));

test('create a vector collection; it is listed with its definition and count', async (t) => {
  if (skip) return t.skip(skip);
  await api.create(ref, keyspace, target.name, { vector: { dimension: 3, metric: 'cosine' } });
  const c = await coll();
  const docs = Array.from({ length: DOCS }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, i, $vector: [1, (i % 100) / 100, 0.5] }));
  await c.insertMany(docs);
  const list = await api.list(ref, keyspace);
  const mine = list.find((x) => x.name === target.name);
  assert.ok(mine, `listed: ${list.map((x) => x.name).join(', ')}`);
  assert.equal(mine.definition.vector?.dimension, 3);
  assert.equal(mine.definition.vector?.metric, 'cosine');
  if (!onReal) assert.equal(mine.count, DOCS);
});

test('paging: 20 first, then Load more until every document, no duplicates', async (t) => {
  if (skip) return t.skip(skip);
  const pager = new DocumentPager(await coll(), { filter: {}, includeSimilarity: false, label: 'filter' });
  const first = await pager.next(20);
  assert.ok(first.length >= 20 && first.length < 100, `first page ${first.length}`);
  const all = [...first];
  while (!pager.done) all.push(...(await pager.next(100)));
  assert.equal(all.length, DOCS);
  assert.equal(new Set(all.map((d) => String(d._id))).size, DOCS);
});

test('filter, projection, sort and limit go through', async (t) => {
  if (skip) return t.skip(skip);
  const pager = new DocumentPager(await coll(), { filter: { i: { $lt: 30 } }, projection: { i: 1 }, sort: { i: -1 }, limit: 5, includeSimilarity: false, label: 'sorted' });
  const docs = await pager.next(100);
  assert.deepEqual(docs.map((d) => d.i), [29, 28, 27, 26, 25]);
  assert.deepEqual(Object.keys(docs[0]!).sort(), ['_id', 'i']);
  assert.ok(pager.done);
});

test('vector search: most similar first, with scores', async (t) => {
  if (skip) return t.skip(skip);
  const pager = new DocumentPager(await coll(), { filter: {}, sort: { $vector: [1, 0.99, 0.5] }, limit: 5, includeSimilarity: true, label: 'v' });
  const docs = await pager.next(20);
  assert.equal(docs.length, 5);
  const scores = docs.map((d) => d.$similarity as number);
  assert.deepEqual([...scores].sort((a, b) => b - a), scores);
  assert.equal((docs[0]!.i as number) % 100, 99);
  assert.ok(documentRow(docs[0]!, 0).similarity! > 0.99);
});

test('exact values survive the round trip: big numbers, dates, uuids', async (t) => {
  if (skip) return t.skip(skip);
  const text = '{"_id":"exact","big":123456789012345678901234567890,"dec":0.12345678901234567891,"when":{"$date":1718000000123},"u":{"$uuid":"0190e2a4-5b6c-7d8e-9f00-112233445566"}}';
  const c = await coll();
  await c.insertOne(parseExactJson(text, bigNumber) as never);
  const back = await c.findOne({ _id: 'exact' });
  assert.equal(documentJson(back, false), text);
  const replaced = await c.findOneAndReplace({ _id: 'exact' }, parseExactJson('{"big":98765432109876543210987654321}', bigNumber) as never, { returnDocument: 'after' });
  assert.equal(documentJson(replaced, false), '{"_id":"exact","big":98765432109876543210987654321}');
  assert.equal((await c.deleteOne({ _id: 'exact' })).deletedCount, 1);
  assert.equal(await c.findOneAndReplace({ _id: 'exact' }, { a: 1 }), null);
});

test('errors: a wrong token and a missing collection are told apart, the token never in the message', async (t) => {
  if (skip) return t.skip(skip);
  const wrong = `AstraCS:wrong${suffix}:${'0'.repeat(64)}`;
  const bad = new CollectionsApi({ resolve: async () => ({ endpoint, token: wrong, label: 'it' }) }, clients, quiet);
  const e1 = await bad.list(ref, keyspace).then(() => undefined, (e: unknown) => e);
  assert.ok(e1 instanceof DataApiError);
  assert.equal(e1.info.kind, 'auth');
  assert.ok(!e1.message.includes(wrong));
  const e2 = await api.run(ref, 'reading', async (db) => db.collection(`absent_${suffix}`, { keyspace }).findOne({})).then(() => undefined, (e: unknown) => e);
  assert.ok(e2 instanceof DataApiError);
  assert.equal(e2.info.kind, 'notFound', e2.message);
  const down = new CollectionsApi({ resolve: async () => ({ endpoint: 'https://127.0.0.1:1', token, label: 'it' }) }, clients, quiet);
  const e3 = await down.list(ref, keyspace).then(() => undefined, (e: unknown) => e);
  assert.ok(e3 instanceof DataApiError);
  assert.equal(e3.info.kind, 'unreachable', e3.message);
});

test('vectorize: a collection created with a service, searched by text through the query form', async (t) => {
  if (skip) return t.skip(skip);
  if (onReal) return t.skip('creates a vectorize collection (a provider integration on real Astra)');
  const name = `it_auto_${suffix}`;
  await api.create(ref, keyspace, name, createCollectionOptions({ vectorizeProvider: 'nvidia', vectorizeModel: 'NV-Embed-QA' }));
  try {
    const summary = (await api.list(ref, keyspace)).find((c) => c.name === name);
    assert.ok(summary && hasVectorize(summary.definition), JSON.stringify(summary));
    const auto = { db: ref, keyspace, name };
    const c = await api.run(ref, 'test', async (db) => api.collection(db, auto));
    await c.insertMany(['red running shoes', 'blue garden hose', 'green tea'].map((text, i) => ({ _id: `t${i}`, $vectorize: text })));
    const facts = collectionFacts(auto, summary, 'it');
    const parsed = parseQueryForm({ mode: 'vectorize', filter: '', projection: '', sort: '', limit: '', search: 'blue garden hose' }, facts, bigNumber);
    assert.ok('query' in parsed);
    const docs = await new DocumentPager(c, parsed.query).next(20);
    assert.equal(docs[0]?._id, 't1');
    assert.ok((docs[0]?.$similarity as number) > 0.99);
  } finally {
    await api.drop(ref, keyspace, name);
  }
});
