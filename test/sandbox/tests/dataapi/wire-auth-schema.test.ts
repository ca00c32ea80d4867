// The Data API stand-in on the wire: authentication replies, the error envelope, and collections as CQL tables
// (created by the Data API and seen by CQL, or created by CQL and listed by the Data API).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../index.js';
import { command, post } from './wire-helpers.js';

let sb: SandboxHandle;
const KS = 'wire_ks';

before(async () => {
  sb = await startSandbox({ nodes: 1, seed: 'none' });
  await sb.createKeyspace(KS);
});
after(() => sb?.stop());

const rows = (cql: string) => {
  const res = sb.adminQuery(cql);
  return res.kind === 'rows' ? res.rows : [];
};

test('a missing or wrong token gets 401 with a JSON error item; Token, X-Cassandra-Token and Cassandra:user:password work', async () => {
  const missing = await post(sb, `/api/json/v1/${KS}`, { findCollections: {} }, null);
  assert.equal(missing.status, 401);
  const [m] = missing.body.errors;
  assert.deepEqual(Object.keys(m), ['id', 'family', 'scope', 'errorCode', 'title', 'message']);
  assert.equal(m.errorCode, 'MISSING_AUTHENTICATION_TOKEN');
  assert.equal(m.scope, 'SECURITY');
  assert.match(m.message, /^The command did not include an authorization token in the request headers\./);
  assert.match(m.id, /^[0-9a-f-]{36}$/);

  const wrong = await post(sb, `/api/json/v1/${KS}`, { findCollections: {} }, { token: 'AstraCS:nope' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.errors[0].errorCode, 'UNAUTHENTICATED_REQUEST');
  assert.equal(wrong.body.errors[0].title, 'Authentication failed');
  assert.match(wrong.body.errors[0].message, /^Authentication failed for request due to invalid token\./);
  assert.ok(!wrong.text.includes(sb.token) && !wrong.text.includes('AstraCS:nope'), 'no token echoed');

  const legacy = await post(sb, `/api/json/v1/${KS}`, { findCollections: {} }, { 'x-cassandra-token': sb.token });
  assert.deepEqual(legacy.body, { status: { collections: [] } });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const userPass = await post(sb, '/api/json/v1', { findKeyspaces: {} }, { token: `Cassandra:${b64(sb.clientId)}:${b64(sb.clientSecret)}` });
  assert.equal(userPass.status, 200);
  assert.ok(userPass.body.status.keyspaces.includes(KS));
  assert.ok(sb.dataApi?.log.every((r) => !JSON.stringify(r).includes(sb.token)), 'the request log holds no token');
});

test('command errors are HTTP 200 with the errors array; unknown paths are 404', async () => {
  const ks = await command(sb, 'no_such_ks', undefined, 'findCollections', {});
  assert.equal(ks.status, 200);
  assert.equal(ks.body.errors[0].errorCode, 'UNKNOWN_KEYSPACE');
  assert.equal(ks.body.data, undefined);
  const coll = await command(sb, KS, 'ghost', 'findOne', { filter: {} });
  assert.equal(coll.body.errors[0].errorCode, 'UNKNOWN_COLLECTION_OR_TABLE');
  assert.equal(coll.body.errors[0].message, `The command tried to get a Collection or Table ghost that does not exist in the Keyspace ${KS}.`);
  const unknown = await command(sb, KS, undefined, 'frobnicate', {});
  assert.equal(unknown.body.errors[0].errorCode, 'COMMAND_UNKNOWN');
  assert.equal(unknown.body.errors[0].scope, '');
  const proto = await command(sb, KS, undefined, 'constructor', {});
  assert.equal(proto.body.errors[0].errorCode, 'COMMAND_UNKNOWN');
  assert.equal((await post(sb, '/api/rest/v2/x', {})).status, 404);
});

test('createCollection makes the CQL table, indexes and comment of DATA_API.md §7; findCollections reads them back', async () => {
  const options = { vector: { dimension: 3, metric: 'dot_product' }, indexing: { deny: ['blob'] }, defaultId: { type: 'uuidv7' } };
  const created = await command(sb, KS, undefined, 'createCollection', { name: 'movies', options });
  assert.deepEqual(created.body, { status: { ok: 1 } });

  const columns = new Map(rows(`SELECT column_name, type, kind FROM system_schema.columns WHERE keyspace_name = '${KS}' AND table_name = 'movies'`)
    .map(([name, type, kind]) => [String(name), `${type} ${kind}`]));
  assert.equal(columns.get('key'), 'frozen<tuple<tinyint, text>> partition_key');
  assert.equal(columns.get('doc_json'), 'text regular');
  assert.equal(columns.get('query_dbl_values'), 'map<text, decimal> regular');
  assert.equal(columns.get('query_vector_value'), 'vector<float, 3> regular');
  const [[comment]] = rows(`SELECT comment FROM system_schema.tables WHERE keyspace_name = '${KS}' AND table_name = 'movies'`);
  assert.equal(comment, '{"collection":{"name":"movies","schema_version":2,"options":{"indexing":{"deny":["blob"]},' +
    '"vector":{"dimension":3,"metric":"dot_product","sourceModel":"other"},"defaultId":{"type":"uuidv7"},' +
    '"lexical":{"enabled":false},"rerank":{"enabled":false}}}}');
  const indexes = rows(`SELECT index_name FROM system_schema.indexes WHERE keyspace_name = '${KS}' AND table_name = 'movies'`).map((r) => r[0]);
  assert.ok(indexes.includes('movies_query_vector_value') && indexes.includes('movies_exists_keys'), String(indexes));

  const listed = await command(sb, KS, undefined, 'findCollections', { options: { explain: true } });
  assert.equal(JSON.stringify(listed.body), '{"status":{"collections":[{"name":"movies","options":{"defaultId":{"type":"uuidv7"},' +
    '"vector":{"dimension":3,"metric":"dot_product","sourceModel":"other"},"indexing":{"deny":["blob"]},' +
    '"lexical":{"enabled":false},"rerank":{"enabled":false}}}]}}');
  assert.deepEqual((await command(sb, KS, undefined, 'createCollection', { name: 'movies', options })).body, { status: { ok: 1 } });
  const different = await command(sb, KS, undefined, 'createCollection', { name: 'movies', options: {} });
  assert.equal(different.body.errors[0].errorCode, 'EXISTING_COLLECTION_DIFFERENT_SETTINGS');
  const tooBig = await command(sb, KS, undefined, 'createCollection', { name: 'huge', options: { vector: { dimension: 5000 } } });
  assert.equal(tooBig.body.errors[0].errorCode, 'INVALID_VECTOR_DIMENSION');
});

test('documents live in the CQL table: SELECT sees what insertOne wrote, and a CQL-made collection is listed', async () => {
  await command(sb, KS, undefined, 'createCollection', { name: 'notes', options: {} });
  // Sent as text: a JS number could not carry this value.
  const ins = await post(sb, `/api/json/v1/${KS}/notes`, '{"insertOne":{"document":{"_id":"n1","text":"it\'s","n":12345678901234567890.5,"tags":["a"]}}}');
  assert.deepEqual(ins.body, { status: { insertedIds: ['n1'] } });
  const [[key, docJson, existKeys, texts]] = rows(`SELECT key, doc_json, exist_keys, query_text_values FROM ${KS}.notes`);
  assert.deepEqual(key, [1, 'n1']);
  assert.equal(docJson, '{"_id":"n1","text":"it\'s","n":12345678901234567890.5,"tags":["a"]}');
  assert.deepEqual(existKeys, ['_id', 'n', 'tags', 'tags.0', 'text']);
  assert.ok((texts as [string, string][]).some(([k, v]) => k === 'text' && v === "it's"));

  sb.adminQuery(`CREATE TABLE ${KS}.from_cql (key frozen<tuple<tinyint, text>> PRIMARY KEY, tx_id timeuuid, doc_json text,
    exist_keys set<text>, array_size map<text, int>, array_contains set<text>, query_bool_values map<text, tinyint>,
    query_dbl_values map<text, decimal>, query_text_values map<text, text>, query_timestamp_values map<text, timestamp>,
    query_null_values set<text>)`);
  sb.adminQuery(`INSERT INTO ${KS}.from_cql (key, doc_json) VALUES ((1, 'x'), '{"_id":"x","via":"cql"}')`);
  sb.adminQuery(`CREATE TABLE ${KS}.plain (id int PRIMARY KEY, v text)`);
  const names = (await command(sb, KS, undefined, 'findCollections', {})).body.status.collections;
  assert.ok(names.includes('from_cql') && !names.includes('plain'), String(names));
  const found = await command(sb, KS, 'from_cql', 'findOne', { filter: { via: 'cql' } });
  assert.deepEqual(found.body, { data: { document: { _id: 'x', via: 'cql' } } });

  assert.deepEqual((await command(sb, KS, undefined, 'deleteCollection', { name: 'notes' })).body, { status: { ok: 1 } });
  assert.equal(rows(`SELECT table_name FROM system_schema.tables WHERE keyspace_name = '${KS}' AND table_name = 'notes'`).length, 0);
  assert.deepEqual((await command(sb, KS, undefined, 'deleteCollection', { name: 'notes' })).body, { status: { ok: 1 } });
});

test('the collection limit answers TOO_MANY_COLLECTIONS', async () => {
  const api = sb.dataApi;
  assert.ok(api);
  const saved = api.settings.maxCollections;
  try {
    const existing = (await command(sb, KS, undefined, 'findCollections', {})).body.status.collections.length;
    api.settings.maxCollections = existing;
    const r = await command(sb, KS, undefined, 'createCollection', { name: 'one_more', options: {} });
    assert.equal(r.body.errors[0].errorCode, 'TOO_MANY_COLLECTIONS');
  } finally {
    api.settings.maxCollections = saved;
  }
});

test('with the lexical setting on, new collections get Astra vector databases\' lexical and rerank defaults', async () => {
  const api = sb.dataApi;
  assert.ok(api);
  api.settings.lexical = true;
  try {
    await command(sb, KS, undefined, 'createCollection', { name: 'lexi', options: {} });
    const listed = (await command(sb, KS, undefined, 'findCollections', { options: { explain: true } })).body.status.collections;
    const lexi = listed.find((c: { name: string }) => c.name === 'lexi');
    assert.deepEqual(lexi.options, {
      lexical: { enabled: true, analyzer: 'standard' },
      rerank: { enabled: true, service: { provider: 'nvidia', modelName: 'nvidia/llama-3.2-nv-rerankqa-1b-v2' } },
    });
    const cols = rows(`SELECT column_name FROM system_schema.columns WHERE keyspace_name = '${KS}' AND table_name = 'lexi'`).map((r) => r[0]);
    assert.ok(cols.includes('query_lexical_value'));
  } finally {
    api.settings.lexical = false;
    await command(sb, KS, undefined, 'deleteCollection', { name: 'lexi' });
  }
});
