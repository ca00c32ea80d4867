// Diagnostics (unterminated tokens, unknown schema references) and hover, on the shared demo schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type CqlDiagnostic } from '../../src/extension/language/core/diagnostics.js';
import { hoverAt } from '../../src/extension/language/core/hover.js';
import { SchemaIndex } from '../../src/extension/schema/schemaIndex.js';
import { DEMO } from './cql-schema-fixture.js';

const schema = new SchemaIndex(DEMO);

const show = (text: string, ds: CqlDiagnostic[]) => ds.map((d) => `${d.severity}:${d.code}:${text.slice(d.start, d.end)}`);

test('unterminated strings, comments, $$ bodies and quoted identifiers are errors', () => {
  const cases: [string, string][] = [
    ["SELECT * FROM demo.users WHERE name = 'abc", "'abc"],
    ['SELECT * /* never closed\nFROM t', '/* never closed'],
    ['CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return 1;', '$$ return 1;'],
    ['SELECT "Nick Name FROM demo.users', '"Nick Name FROM demo.users'],
  ];
  for (const [text, marked] of cases) {
    const ds = diagnose(text, undefined);
    assert.equal(ds.length, 1, `${text}: ${show(text, ds)}`);
    assert.equal(ds[0]!.severity, 'error');
    assert.equal(ds[0]!.code, 'unterminated');
    assert.equal(text.slice(ds[0]!.start, ds[0]!.end), marked);
  }
  assert.match(diagnose("SELECT 'x", undefined)[0]!.message, /Unterminated string/);
  // Closed ones, doubled quotes and comment-like text in strings are fine.
  assert.deepEqual(diagnose("SELECT 'it''s -- fine' FROM t; /* ok */ SELECT \"a\"\"b\" FROM t; -- 'x\n", undefined), []);
});

test('unknown keyspace, table and column are warnings', () => {
  const text = [
    'USE nowhere;',
    'SELECT * FROM ghost.users;',
    'SELECT * FROM demo.ghosts;',
    'SELECT emial, name FROM demo.users WHERE user_id = ? ORDER BY nope;',
    "UPDATE demo.events SET payloud = 'x' WHERE day = '2024-01-01' AND ts = 0;",
    'INSERT INTO demo.users (user_id, agee) VALUES (uuid(), 3);',
  ].join('\n');
  const ds = diagnose(text, schema);
  assert.ok(ds.every((d) => d.severity === 'warning'));
  assert.deepEqual(show(text, ds), [
    'warning:unknown-keyspace:nowhere',
    'warning:unknown-keyspace:ghost',
    'warning:unknown-table:ghosts',
    'warning:unknown-column:emial',
    'warning:unknown-column:nope',
    'warning:unknown-column:payloud',
    'warning:unknown-column:agee',
  ]);
  assert.equal(ds[2]!.message, "Unknown table 'ghosts' in keyspace 'demo'");
  assert.equal(ds[3]!.message, "Unknown column 'emial' in demo.users");
});

test('valid statements produce no warnings', () => {
  const text = [
    'USE demo;',
    "SELECT user_id, toJson(email), writetime(name) AS w, \"Nick Name\" FROM users WHERE user_id = 123e4567-e89b-12d3-a456-426614174000;",
    "SELECT * FROM events WHERE day = '2024-01-01' AND ts > now() ORDER BY ts DESC LIMIT 10 ALLOW FILTERING;",
    "UPDATE users USING TTL 60 SET email = 'a@b', name = null WHERE user_id = ? IF EXISTS;",
    "INSERT INTO shop.products (sku, price, embedding) VALUES ('a', 1.5, [0.1, 0.2, 0.3]) IF NOT EXISTS;",
    'SELECT sku, similarity_cosine(embedding, [1, 2, 3]) FROM shop.products ORDER BY embedding ANN OF [1, 2, 3] LIMIT 2;',
    'DELETE email FROM users WHERE user_id = :id;',
    'SELECT * FROM "MixedCase";',
    'BEGIN BATCH INSERT INTO users (user_id) VALUES (uuid()); UPDATE events SET payload = \'p\' WHERE day = ? AND ts = ?; APPLY BATCH;',
    'DROP TABLE IF EXISTS gone;',
    'CREATE TABLE brand_new (id int PRIMARY KEY);',
    'SELECT * FROM system_views.clients;',
    'CONSISTENCY QUORUM',
  ].join('\n');
  const ds = diagnose(text, schema);
  assert.deepEqual(show(text, ds), []);
});

test('unqualified names without a keyspace: unknown only when no keyspace has the table', () => {
  assert.deepEqual(show('SELECT * FROM users', diagnose('SELECT * FROM users', schema)), []); // in demo and shop
  const t = 'SELECT * FROM nothing_here';
  assert.deepEqual(show(t, diagnose(t, schema)), ['warning:unknown-table:nothing_here']);
  // The notebook keyspace counts like a USE.
  const e = 'SELECT nope FROM events';
  assert.deepEqual(show(e, diagnose(e, schema, { keyspace: 'demo' })), ['warning:unknown-column:nope']);
  // Without a schema there is nothing to check against.
  assert.deepEqual(diagnose('SELECT nope FROM ghost.t', undefined), []);
});

test('hover on a table shows its columns and primary key', () => {
  const text = 'SELECT * FROM demo.events WHERE day = ?';
  const h = hoverAt(text, text.indexOf('events') + 2, schema);
  assert.ok(h);
  assert.equal(text.slice(h.start, h.end), 'events');
  assert.match(h.markdown, /demo\.events/);
  assert.match(h.markdown, /PRIMARY KEY \(day, ts\)/);
  assert.match(h.markdown, /\| ts \| timestamp \| clustering column \(DESC\) \|/);
  assert.match(h.markdown, /\| source \| text \| static column \|/);
});

test('hover on a column shows its type and kind; keyspaces their table count', () => {
  const text = 'USE demo;\nSELECT "Nick Name", user_id FROM users';
  const col = hoverAt(text, text.indexOf('user_id') + 1, schema)!;
  assert.equal(col.markdown, '**column** `user_id` `uuid` — partition key of `demo.users`');
  const quoted = hoverAt(text, text.indexOf('Nick') + 1, schema)!;
  assert.match(quoted.markdown, /`Nick Name` `text` — regular column/);
  const ks = hoverAt(text, 5, schema)!;
  assert.match(ks.markdown, /keyspace.*demo.*3 tables/);
  assert.equal(hoverAt(text, text.indexOf('SELECT') + 1, schema), undefined);
});

test('each statement of a batch is checked once against its own table', () => {
  const text = "BEGIN BATCH\n INSERT INTO demo.users (user_id, payload) VALUES (uuid(), 'x');\n UPDATE demo.events SET email = 'e' WHERE day = ?;\nAPPLY BATCH;";
  assert.deepEqual(show(text, diagnose(text, schema)), ['warning:unknown-column:payload', 'warning:unknown-column:email']);
});
