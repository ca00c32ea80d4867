// Completion engine: `|` in each sample marks the cursor; the test asserts which items are offered there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionResult } from '../../src/extension/language/core/complete.js';
import { statementRegions } from '../../src/extension/cql/statementRegions.js';
import { SchemaIndex } from '../../src/extension/schema/schemaIndex.js';
import { splitStatements } from '../../src/extension/cql/statements.js';
import { DEMO } from './cql-schema-fixture.js';

const schema = new SchemaIndex(DEMO);

function at(sample: string, keyspace?: string): CompletionResult & { labels: string[]; text: string; offset: number } {
  const offset = sample.indexOf('|');
  assert.ok(offset >= 0, 'sample needs a | cursor');
  const text = sample.slice(0, offset) + sample.slice(offset + 1);
  const r = complete(text, offset, schema, keyspace ? { keyspace } : {});
  return { ...r, labels: r.items.map((i) => i.label), text, offset };
}

const has = (labels: string[], ...want: string[]) => {
  for (const w of want) assert.ok(labels.includes(w), `expected ${w} in [${labels.join(', ')}]`);
};
const lacks = (labels: string[], ...unwanted: string[]) => {
  for (const w of unwanted) assert.ok(!labels.includes(w), `did not expect ${w} in [${labels.join(', ')}]`);
};

test('statement start offers statement keywords', () => {
  const r = at('|');
  has(r.labels, 'SELECT', 'INSERT INTO', 'CREATE TABLE', 'DESCRIBE', 'CONSISTENCY');
  assert.equal(r.context, 'statementStart');
  has(at('SELECT * FROM demo.users;\nSEL|').labels, 'SELECT');
});

test('USE offers keyspaces', () => {
  const r = at('USE |');
  assert.deepEqual(r.labels, ['demo', 'shop']);
  assert.deepEqual(at('USE de|').labels, ['demo', 'shop']); // the editor filters; range covers the typed word
  assert.equal(at('USE de|').start, 4);
});

test('FROM / INTO / UPDATE / TABLE offer tables of the current keyspace and keyspaces', () => {
  for (const sample of ['SELECT * FROM |', 'INSERT INTO |', 'UPDATE |', 'TRUNCATE |', 'DROP TABLE |', 'ALTER TABLE |', 'DROP TABLE IF EXISTS |', 'DELETE FROM |']) {
    const r = at(sample, 'demo');
    assert.equal(r.context, 'table', sample);
    has(r.labels, 'users', 'events', 'MixedCase', 'shop');
    lacks(r.labels, 'products');
  }
  // Keyspaces insert `ks.` and ask for completion again.
  const ks = at('SELECT * FROM |', 'demo').items.find((i) => i.label === 'shop')!;
  assert.equal(ks.insertText, 'shop.');
  assert.equal(ks.retrigger, true);
});

test('a USE earlier in the document sets the keyspace', () => {
  const r = at('USE shop;\nSELECT * FROM |');
  has(r.labels, 'products', 'users');
  lacks(r.labels, 'events');
});

test('qualified names offer that keyspace\'s tables', () => {
  const r = at('SELECT * FROM shop.|', 'demo');
  assert.deepEqual(r.labels, ['products', 'users']);
  const p = at('SELECT * FROM shop.pro|');
  assert.equal(p.text.slice(p.start, p.end), 'pro');
  assert.deepEqual(at('INSERT INTO demo.| (a) VALUES (1)').labels, ['events', 'MixedCase', 'users']);
});

test('no keyspace in effect: qualified tables matching the prefix, list marked incomplete', () => {
  const r = at('SELECT * FROM us|');
  has(r.labels, 'demo.users', 'shop.users', 'demo', 'shop');
  lacks(r.labels, 'shop.products');
  assert.equal(r.incomplete, true);
  assert.equal(r.items.find((i) => i.label === 'demo.users')!.insertText, 'demo.users');
});

test('select list offers the columns of the FROM table, even when FROM comes after the cursor', () => {
  const r = at('SELECT | FROM demo.users');
  assert.deepEqual(r.labels.slice(0, 4), ['user_id', 'email', 'name', 'Nick Name']);
  has(r.labels, 'toJson', 'count', 'DISTINCT');
  const later = at('SELECT name, | FROM users WHERE user_id = ?', 'demo');
  has(later.labels, 'email', 'user_id');
  lacks(later.labels, 'DISTINCT');
  has(at('SELECT count(|) FROM demo.events').labels, 'day', 'ts');
  has(at('SELECT name |FROM demo.users').labels, 'FROM');
});

test('WHERE, AND, ORDER BY, GROUP BY offer columns', () => {
  has(at('SELECT * FROM demo.events WHERE |').labels, 'day', 'ts', 'payload');
  has(at('SELECT * FROM demo.events WHERE day = \'2024-01-01\' AND |').labels, 'ts');
  has(at('SELECT * FROM demo.events WHERE day = ? ORDER BY |').labels, 'ts');
  has(at('SELECT day, count(*) FROM demo.events GROUP BY |').labels, 'day');
  // After a column in WHERE: operators/keywords, not columns.
  const afterCol = at('SELECT * FROM demo.events WHERE day |');
  has(afterCol.labels, 'IN', 'AND');
  lacks(afterCol.labels, 'ts');
  has(at('SELECT * FROM demo.events WHERE day = ? ORDER BY ts |').labels, 'DESC', 'ANN OF');
  // Partition key first: sort order follows the primary key.
  const w = at('SELECT * FROM demo.events WHERE |').items.filter((i) => i.kind === 'column');
  assert.deepEqual(w.map((i) => i.label), ['day', 'ts', 'source', 'payload']);
  assert.equal(w[0]!.detail, 'date · partition key');
});

test('UPDATE SET and DELETE offer columns', () => {
  has(at('UPDATE demo.users SET |').labels, 'email', 'name');
  has(at('UPDATE demo.users SET name = \'x\', | WHERE user_id = ?').labels, 'email');
  has(at('UPDATE demo.users SET name = \'x\' WHERE |').labels, 'user_id');
  has(at('UPDATE demo.users |').labels, 'SET', 'USING TTL');
  has(at('DELETE | FROM demo.users WHERE user_id = ?').labels, 'email');
  has(at('DELETE FROM demo.users WHERE |').labels, 'user_id');
});

test('INSERT column list offers columns; VALUES offers functions', () => {
  const r = at('INSERT INTO demo.users (|) VALUES (?)');
  has(r.labels, 'user_id', 'email');
  has(at('INSERT INTO users (user_id, |', 'demo').labels, 'email', 'name');
  has(at('INSERT INTO demo.users (user_id) VALUES (|').labels, 'uuid', 'now');
});

test('statements inside a batch each have their own table', () => {
  const src = 'BEGIN BATCH\n  INSERT INTO demo.users (user_id) VALUES (uuid());\n  UPDATE demo.events SET | WHERE day = ?;\nAPPLY BATCH;';
  const r = at(src);
  has(r.labels, 'payload');
  lacks(r.labels, 'email');
  has(at('BEGIN BATCH\n  INSERT INTO demo.users (user_id) VALUES (uuid());\n  |').labels, 'UPDATE', 'APPLY BATCH');
});

test('quoted identifiers are inserted quoted, and a typed quote is replaced', () => {
  const col = at('SELECT | FROM demo.users').items.find((i) => i.label === 'Nick Name')!;
  assert.equal(col.insertText, '"Nick Name"');
  const tbl = at('SELECT * FROM |', 'demo').items.find((i) => i.label === 'MixedCase')!;
  assert.equal(tbl.insertText, '"MixedCase"');
  const q = at('SELECT "Ni|" FROM demo.users');
  assert.equal(q.text.slice(q.start, q.end), '"Ni"');
  const nick = q.items.find((i) => i.label === 'Nick Name')!;
  assert.equal(nick.insertText, '"Nick Name"');
  assert.equal(nick.filterText, '"Nick Name');
  // Inside a quoted identifier plain names are quoted too, and keywords are not offered.
  assert.equal(q.items.find((i) => i.label === 'email')!.insertText, '"email"');
  lacks(q.labels, 'DISTINCT', 'count');
  // A quoted table name resolves exactly.
  has(at('SELECT | FROM demo."MixedCase"').labels, 'id');
});

test('CREATE TABLE: types after a column name, columns in PRIMARY KEY', () => {
  const r = at('CREATE TABLE demo.t (id |');
  assert.equal(r.context, 'type');
  has(r.labels, 'uuid', 'text', 'vector', 'map', 'frozen');
  assert.equal(r.items.find((i) => i.label === 'vector')!.insertText, 'vector<float, ${1:1536}>');
  has(at('CREATE TABLE t (id uuid, tags set<|').labels, 'text', 'int');
  has(at('CREATE TABLE t (id uuid, m map<text, |').labels, 'int');
  assert.equal(at('CREATE TABLE t (|').context, 'keyword');
  const pk = at('CREATE TABLE t (id uuid, day date, v text, PRIMARY KEY ((day), |');
  has(pk.labels, 'id', 'day', 'v');
  has(at('ALTER TABLE demo.users ADD age |').labels, 'int');
  has(at('ALTER TABLE demo.users DROP |').labels, 'email');
  has(at('CREATE TABLE |').labels, 'demo');
  const idx = at("CREATE CUSTOM INDEX IF NOT EXISTS i ON shop.products (|) USING 'StorageAttachedIndex'");
  has(idx.labels, 'embedding', 'price');
  has(at('CREATE INDEX ON demo.users (|').labels, 'email');
});

test('values positions offer functions, not columns', () => {
  const inList = at('SELECT * FROM demo.users WHERE user_id IN (|');
  has(inList.labels, 'uuid');
  lacks(inList.labels, 'email');
  const eq = at('SELECT * FROM demo.users WHERE user_id = |');
  has(eq.labels, 'now', 'NULL');
  lacks(eq.labels, 'email');
  assert.equal(at('SELECT * FROM demo.users LIMIT |').items.length, 0);
});

test('CONSISTENCY offers levels; SERIAL CONSISTENCY only serial ones', () => {
  const r = at('CONSISTENCY |');
  has(r.labels, 'LOCAL_QUORUM', 'ONE', 'ALL', 'LOCAL_ONE');
  assert.equal(r.items[0]!.kind, 'consistency');
  assert.deepEqual(at('SERIAL CONSISTENCY |').labels, ['SERIAL', 'LOCAL_SERIAL']);
  assert.deepEqual(at('TRACING |').labels, ['ON', 'OFF']);
});

test('DESCRIBE offers kinds, then keyspaces or tables', () => {
  has(at('DESCRIBE |').labels, 'TABLES', 'KEYSPACE');
  has(at('DESC KEYSPACE |').labels, 'demo', 'shop');
  has(at('DESCRIBE TABLE |', 'demo').labels, 'users', 'events');
  has(at('DESCRIBE TABLE shop.|').labels, 'products');
});

test('nothing inside strings, comments and numbers', () => {
  assert.equal(at("SELECT * FROM demo.users WHERE name = 'ab|c'").items.length, 0);
  assert.equal(at('SELECT * FROM demo.users -- FROM |').items.length, 0);
  assert.equal(at('SELECT * /* | */ FROM demo.users').items.length, 0);
  assert.equal(at('SELECT * FROM demo.users LIMIT 1|').items.length, 0);
});

test('no schema: keywords and functions still work', () => {
  const offset = 'SELECT '.length;
  const r = complete('SELECT  FROM t', offset, undefined);
  assert.ok(r.items.some((i) => i.label === 'count'));
  assert.ok(!r.items.some((i) => i.kind === 'column'));
});

test('statement regions agree with the notebook splitter', () => {
  const samples = [
    "USE demo;\nSELECT * FROM users WHERE name = 'a;b';\n-- c;\nINSERT INTO t (a) VALUES ($$x;y$$)",
    'BEGIN BATCH\nINSERT INTO t (a) VALUES (1);\nUPDATE t SET a = 2 WHERE k = 1;\nAPPLY BATCH;\nSELECT 1 FROM t;',
    'CONSISTENCY QUORUM\nSELECT * FROM "a;b"; /* ; */ TRACING ON\nPAGING 10',
  ];
  for (const text of samples) {
    const ours = statementRegions(text).map((r) => text.slice(r.start, r.end).trim());
    const theirs = splitStatements(text);
    assert.deepEqual(ours, theirs.map((s) => s.text.trim()), text);
  }
});
