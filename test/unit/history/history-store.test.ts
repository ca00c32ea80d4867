// Query history: bounded per connection (oldest unstarred dropped, starred kept), filters, persistence across a
// reload (a new store reading the saved file), and nothing but statement text and run facts in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../../src/extension/history/historyStore.js';
import { HistoryFile } from '../../../src/extension/history/historyFile.js';
import type { ProfileStatement } from '../../../src/extension/cql/finishedStatement.js';

const stmt = (i: number, over: Partial<ProfileStatement> = {}): ProfileStatement => ({
  profileId: 'p1', text: `SELECT * FROM t WHERE id = ${i}`, durationMs: 1, status: 'ok', at: 1_700_000_000_000 + i, ...over,
});

test('each connection keeps at most the bound; the oldest unstarred entries go first, starred ones stay', () => {
  const store = new HistoryStore(5);
  const first = store.add(stmt(0));
  store.setStarred(first.id, true);
  for (let i = 1; i <= 9; i++) store.add(stmt(i));
  for (let i = 0; i < 3; i++) store.add(stmt(100 + i, { profileId: 'p2' }));
  assert.equal(store.size('p1'), 5);
  assert.deepEqual(store.list({ profileId: 'p1' }).map((e) => e.text.split('= ')[1]), ['9', '8', '7', '6', '0']);
  assert.equal(store.size('p2'), 3, 'the bound is per connection');
  store.setStarred(first.id, false);
  store.add(stmt(10));
  assert.ok(!store.list({ profileId: 'p1' }).some((e) => e.id === first.id), 'unstarred, it is the oldest and goes');
});

test('filters by words of the text, connection and status; newest first across connections', () => {
  const store = new HistoryStore();
  store.add(stmt(1, { text: 'SELECT name FROM users' }));
  store.add(stmt(2, { text: 'INSERT INTO users (id) VALUES (1)', status: 'error', errorClass: 'invalid', profileId: 'p2' }));
  store.add(stmt(3, { text: 'select * from Events' }));
  assert.deepEqual(store.list().map((e) => e.at % 10), [3, 2, 1]);
  assert.deepEqual(store.list({ text: 'users select' }).map((e) => e.text), ['SELECT name FROM users']);
  assert.deepEqual(store.list({ status: 'error' }).map((e) => e.errorClass), ['invalid']);
  assert.deepEqual(store.list({ profileId: 'p1', text: 'EVENTS' }).map((e) => e.at % 10), [3]);
});

test('clear keeps starred entries (unless asked) and is per connection', () => {
  const store = new HistoryStore();
  const a = store.add(stmt(1));
  store.add(stmt(2));
  store.add(stmt(3, { profileId: 'p2' }));
  store.setStarred(a.id, true);
  assert.equal(store.clear('p1'), 1);
  assert.deepEqual(store.list().map((e) => e.id).includes(a.id), true);
  assert.equal(store.size('p2'), 1);
  assert.equal(store.clear(undefined, true), 2);
  assert.equal(store.size(), 0);
});

test('the history survives a reload through its file, which holds statement text and run facts only', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'history-'));
  try {
    const path = join(dir, 'globalStorage', 'query-history.json');
    const store = new HistoryStore();
    const file = new HistoryFile(path, store);
    const s = store.add(stmt(1, { keyspace: 'demo', consistency: 'LOCAL_QUORUM', rows: 3 }));
    store.setStarred(s.id, true);
    store.add(stmt(2, { status: 'cancelled' }));
    await file.save();
    const raw = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(raw.entries[0]!).sort(), ['at', 'consistency', 'durationMs', 'id', 'keyspace', 'profileId', 'rows', 'starred', 'status', 'text']);
    const reloaded = new HistoryStore();
    assert.equal(await new HistoryFile(path, reloaded).load(), 2);
    assert.deepEqual(reloaded.list(), store.list());
    assert.equal(await new HistoryFile(join(dir, 'missing.json'), new HistoryStore()).load(), 0, 'no file: an empty history');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a damaged or foreign file loads nothing, and malformed entries are skipped', () => {
  const store = new HistoryStore();
  assert.equal(store.load({ format: 'other', entries: [] }), 0);
  assert.equal(store.load({ format: 'astra-query-history', version: 1, entries: [{ id: 'x' }, { ...stmt(1), id: 'ok' }] }), 1);
});

test('passwords in statement text and tokens are masked before they are recorded', async () => {
  const { recordableText } = await import('../../../src/extension/history/recordableText.js');
  assert.equal(recordableText("CREATE ROLE bob WITH PASSWORD = 'p@ss''word' AND LOGIN = true"), "CREATE ROLE bob WITH PASSWORD = '***' AND LOGIN = true");
  assert.equal(recordableText("CREATE USER alice WITH PASSWORD 'hunter2' SUPERUSER"), "CREATE USER alice WITH PASSWORD '***' SUPERUSER");
  assert.equal(recordableText("ALTER ROLE r WITH HASHED PASSWORD = '$2a$10$abc'"), "ALTER ROLE r WITH HASHED PASSWORD = '***'");
  assert.doesNotMatch(recordableText("INSERT INTO t (k) VALUES ('AstraCS:abcdef:0123456789abcdef')"), /0123456789abcdef/);
  assert.equal(recordableText('SELECT * FROM users WHERE id = 1'), 'SELECT * FROM users WHERE id = 1');
});
