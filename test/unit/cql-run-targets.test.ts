// Which statements "Run Statement" picks: selection, statement under the cursor, or the nearest one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementsToRun } from '../../src/extension/language/core/runTargets.js';

const doc = "USE demo;\nSELECT * FROM users;   \n\nINSERT INTO users (id) VALUES (1);\nSELECT 'a;b'\n  FROM t";

const run = (cursor: number, end = cursor) => statementsToRun(doc, cursor, end).map((s) => s.text);

test('cursor inside a statement runs that statement', () => {
  assert.deepEqual(run(doc.indexOf('FROM users')), ['SELECT * FROM users']);
  assert.deepEqual(run(doc.indexOf("'a;b'") + 2), ["SELECT 'a;b'\n  FROM t"]);
  assert.deepEqual(run(doc.length), ["SELECT 'a;b'\n  FROM t"]);
});

test('cursor after a statement on its line runs it; on a blank line the next one', () => {
  assert.deepEqual(run(doc.indexOf('users;') + 9), ['SELECT * FROM users']);
  assert.deepEqual(run(doc.indexOf('\n\n') + 1), ['INSERT INTO users (id) VALUES (1)']);
});

test('a selection runs every statement in it, with document positions', () => {
  const start = doc.indexOf('SELECT * FROM');
  const end = doc.indexOf('VALUES (1);') + 11;
  const stmts = statementsToRun(doc, start, end);
  assert.deepEqual(stmts.map((s) => s.text), ['SELECT * FROM users', 'INSERT INTO users (id) VALUES (1)']);
  assert.equal(stmts[0]!.start, start);
  assert.equal(stmts[1]!.line, 3);
  assert.equal(stmts[1]!.column, 0);
  // A whitespace-only selection behaves like a cursor.
  assert.deepEqual(statementsToRun(doc, doc.indexOf('\n\n') + 1, doc.indexOf('\n\n') + 2).map((s) => s.text), ['INSERT INTO users (id) VALUES (1)']);
});
