// The renderer's staged edits (DOM-free): checks as typed, typed edits in grid order, and forgetting the applied
// ones after a partial failure so they are not sent twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditStage, initialText } from '../../../src/webview/renderer/editStage.js';
import type { EditColumn } from '../../../src/shared/rowEditMessages.js';
import type { EncodedValue } from '../../../src/shared/valueEncoding.js';

const columns: EditColumn[] = [
  { name: 'id', type: 'int', role: 'partition' },
  { name: 'hits', type: 'counter', role: 'counter' },
  { name: 'tags', type: 'set<text>', role: 'regular' },
  { name: 'ttl(tags)', type: 'int', role: 'readonly' },
];
const rows: EncodedValue[][] = [
  [1, { t: 'counter', v: '5' }, { t: 'set', items: ['a'] }, null],
  [2, { t: 'counter', v: '0' }, null, null],
];

test('cells are checked against their type; keys and computed columns are read-only with a reason', () => {
  const s = new EditStage(columns);
  assert.match(s.readOnlyReason(0)!, /Key columns/);
  assert.match(s.readOnlyReason(3)!, /not a column of the table/);
  assert.equal(s.readOnlyReason(2), undefined);
  assert.deepEqual(s.stage(0, 2, { input: { text: "{'a', 'b'}" } }), { ok: true });
  assert.equal(s.stage(0, 2, { input: { text: '{1}' } }).ok, false);
  assert.equal(s.stage(0, 1, { delta: 'five' }).ok, false);
  assert.deepEqual(s.stage(0, 1, { delta: '+3' }), { ok: true });
  assert.deepEqual(initialText(s, 0, 2, rows[0]![2]!), { text: "{'a', 'b'}", isNull: false }, 'the staged text, not the old value');
  assert.deepEqual(initialText(s, 1, 2, null), { text: '', isNull: true });
  assert.deepEqual(initialText(s, 1, 1, rows[1]![1]!), { text: '+1', isNull: false }, 'a counter starts as a change');
});

test('typed edits in grid order, and the applied ones are forgotten', () => {
  const s = new EditStage(columns);
  s.stage(1, 2, { input: { null: true } });
  s.stage(0, 1, { delta: '-2' });
  s.toggleDelete(1);
  s.addInsert([{ column: 'id', input: { text: '3' } }]);
  s.addInsert([{ column: 'id', input: { text: '4' } }]);
  const edits = s.edits(rows);
  assert.deepEqual(edits.map((e) => e.kind), ['update', 'delete', 'insert', 'insert'], 'a deleted row sends no update');
  assert.deepEqual(edits[0], { kind: 'update', key: [{ column: 'id', value: 1 }], changes: [{ column: 'hits', old: { t: 'counter', v: '5' }, delta: '-2' }] });
  assert.deepEqual(s.count, { edits: 1, deletes: 1, inserts: 2 });
  // The update and the second insert applied; the delete and the first insert failed.
  s.forget(rows, [0, 3]);
  assert.deepEqual(s.edits(rows).map((e) => (e.kind === 'insert' ? `insert ${(e.values[0]!.input as { text: string }).text}` : e.kind)), ['delete', 'insert 3']);
  s.clear();
  assert.equal(s.empty, true);
});
