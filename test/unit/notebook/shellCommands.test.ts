import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShellCommand } from '../../../src/extension/cql/shellCommands.js';

const cmd = (s: string) => {
  const r = parseShellCommand(s);
  assert.ok(r && r.ok, `expected a command for ${s}: ${JSON.stringify(r)}`);
  return r.command;
};
const err = (s: string) => {
  const r = parseShellCommand(s);
  assert.ok(r && !r.ok, `expected an error for ${s}`);
  return r.error;
};

test('CQL statements are not shell commands', () => {
  for (const s of ['SELECT * FROM t', 'USE ks', 'INSERT INTO t (a) VALUES (1)', 'CREATE TABLE t (a int PRIMARY KEY)']) {
    assert.equal(parseShellCommand(s), undefined);
  }
});

test('CONSISTENCY with and without a level, case-insensitive, trailing semicolon and comments', () => {
  assert.deepEqual(cmd('CONSISTENCY'), { kind: 'consistency' });
  assert.deepEqual(cmd('consistency local_quorum;'), { kind: 'consistency', level: 'LOCAL_QUORUM' });
  assert.deepEqual(cmd('CONSISTENCY ONE -- why'), { kind: 'consistency', level: 'ONE' });
  assert.match(err('CONSISTENCY MOST'), /valid levels are/);
});

test('SERIAL CONSISTENCY only accepts serial levels', () => {
  assert.deepEqual(cmd('SERIAL CONSISTENCY LOCAL_SERIAL'), { kind: 'serialConsistency', level: 'LOCAL_SERIAL' });
  assert.deepEqual(cmd('serial consistency'), { kind: 'serialConsistency' });
  assert.match(err('SERIAL CONSISTENCY QUORUM'), /SERIAL, LOCAL_SERIAL/);
  assert.match(err('SERIAL'), /Usage/);
});

test('PAGING ON|OFF|n and show', () => {
  assert.deepEqual(cmd('PAGING'), { kind: 'paging', mode: 'show' });
  assert.deepEqual(cmd('paging on'), { kind: 'paging', mode: 'on' });
  assert.deepEqual(cmd('PAGING OFF;'), { kind: 'paging', mode: 'off' });
  assert.deepEqual(cmd('PAGING 250'), { kind: 'paging', mode: 'size', size: 250 });
  err('PAGING 0');
  err('PAGING maybe');
});

test('TRACING and EXPAND', () => {
  assert.deepEqual(cmd('TRACING ON'), { kind: 'tracing', on: true });
  assert.deepEqual(cmd('tracing off'), { kind: 'tracing', on: false });
  assert.deepEqual(cmd('TRACING'), { kind: 'tracing' });
  assert.deepEqual(cmd('EXPAND ON'), { kind: 'expand', on: true });
  err('EXPAND sideways');
});

test('DESCRIBE forms and identifier quoting', () => {
  assert.deepEqual(cmd('DESCRIBE KEYSPACES'), { kind: 'describe', target: { kind: 'keyspaces' } });
  assert.deepEqual(cmd('desc tables;'), { kind: 'describe', target: { kind: 'tables' } });
  assert.deepEqual(cmd('DESC FULL SCHEMA'), { kind: 'describe', target: { kind: 'schema', full: true } });
  assert.deepEqual(cmd('DESCRIBE KEYSPACE'), { kind: 'describe', target: { kind: 'keyspace' } });
  assert.deepEqual(cmd('DESCRIBE KEYSPACE Demo'), { kind: 'describe', target: { kind: 'keyspace', keyspace: 'demo' } });
  assert.deepEqual(cmd('DESCRIBE TABLE demo.Users'), { kind: 'describe', target: { kind: 'table', keyspace: 'demo', name: 'users' } });
  assert.deepEqual(cmd('DESCRIBE TABLE "MyKs"."My""Table"'), { kind: 'describe', target: { kind: 'table', keyspace: 'MyKs', name: 'My"Table' } });
  assert.deepEqual(cmd('DESC TYPE address'), { kind: 'describe', target: { kind: 'type', name: 'address' } });
  assert.deepEqual(cmd('DESC MATERIALIZED VIEW ks.mv'), { kind: 'describe', target: { kind: 'materialized_view', keyspace: 'ks', name: 'mv' } });
  assert.deepEqual(cmd('DESC FUNCTION ks.f(int)'), { kind: 'describe', target: { kind: 'function', keyspace: 'ks', name: 'f' } });
  assert.deepEqual(cmd('DESCRIBE demo.events'), { kind: 'describe', target: { kind: 'any', keyspace: 'demo', name: 'events' } });
  err('DESCRIBE');
  err('DESCRIBE TABLE a b');
});
