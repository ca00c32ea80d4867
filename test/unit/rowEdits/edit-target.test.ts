// Which results are editable: a SELECT from one table holding the full primary key; everything else says why not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editInfo, selectSource, type EditTable } from '../../../src/extension/rowEdits/editTarget.js';

const t: EditTable = {
  keyspace: 'ks', name: 'Events', partitionKey: ['id', 'Day'], clustering: ['seq'],
  columns: new Map([
    ['id', { type: 'int', role: 'partition' }], ['Day', { type: 'date', role: 'partition' }], ['seq', { type: 'int', role: 'clustering' }],
    ['body', { type: 'text', role: 'regular' }], ['owner', { type: 'text', role: 'static' }],
  ]),
};
const cols = (...names: string[]) => names.map((name) => ({ name, type: 'text' }));

function reason(statement: string, result = cols('id', 'Day', 'seq', 'body')): string | undefined {
  const s = selectSource(statement);
  if (!s.ok) return s.reason;
  const info = editInfo(s, t, result);
  return info.editable ? undefined : info.reason;
}

test('SELECT * and plain column lists with the full key are editable, with roles per column', () => {
  const s = selectSource('SELECT * FROM ks."Events" WHERE id = 1;');
  assert.ok(s.ok && s.keyspace === 'ks' && s.table === 'Events' && s.star);
  const info = editInfo(s as Extract<typeof s, { ok: true }>, t, cols('id', 'Day', 'seq', 'body', 'owner'));
  assert.ok(info.editable);
  assert.deepEqual(info.columns.map((c) => c.role), ['partition', 'partition', 'clustering', 'regular', 'static']);
  assert.equal(reason('select id, "Day", seq, body from "Events" limit 5'), undefined);
});

test('function and aliased selectors are read-only columns, even when the alias names a table column', () => {
  const s = selectSource('SELECT id, "Day", seq, writetime(body), ttl(body) AS body FROM ks."Events"');
  assert.ok(s.ok);
  const info = editInfo(s as Extract<typeof s, { ok: true }>, t, cols('id', 'Day', 'seq', 'writetime(body)', 'body'));
  assert.ok(info.editable);
  assert.deepEqual(info.columns.map((c) => c.role), ['partition', 'partition', 'clustering', 'readonly', 'readonly']);
});

test('read-only results say why', () => {
  assert.match(reason('SELECT id, seq, body FROM "Events"', cols('id', 'seq', 'body'))!, /lacks the key column Day/);
  assert.match(reason('SELECT body FROM "Events"', cols('body'))!, /key columns id, Day, seq/);
  assert.match(reason('SELECT JSON * FROM "Events"')!, /SELECT JSON/);
  assert.match(reason('SELECT DISTINCT id, "Day" FROM "Events"')!, /DISTINCT/);
  assert.match(reason('SELECT count(*) FROM "Events"')!, /Aggregate/);
  assert.match(reason('SELECT id, "Day", max(seq) FROM "Events" GROUP BY id, "Day"')!, /Aggregate|GROUP BY/);
  assert.match(reason('SELECT id, "Day", seq FROM "Events" GROUP BY id')!, /GROUP BY/);
  assert.match(reason('SELECT * FROM a, b')!, /several tables/);
  assert.match(reason('INSERT INTO t (a) VALUES (1)')!, /Only the result of a SELECT/);
});
