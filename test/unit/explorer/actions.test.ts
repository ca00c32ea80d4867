import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyNameText, selectRowsCql } from '../../../src/extension/explorer/actions.js';

test('Select Rows quotes case-sensitive names', () => {
  assert.equal(selectRowsCql('shop', 'orders'), 'SELECT * FROM shop.orders LIMIT 100');
  assert.equal(selectRowsCql('Shop', 'Order Items'), 'SELECT * FROM "Shop"."Order Items" LIMIT 100');
});

test('Copy Name: qualified for keyspace objects, bare for columns, quoted when needed', () => {
  const base = { profileId: 'p', keyspace: 'Shop' };
  assert.equal(copyNameText({ kind: 'table', ...base, name: 'users', system: false }), '"Shop".users');
  assert.equal(copyNameText({ kind: 'keyspace', ...base, system: false, virtual: false }), '"Shop"');
  assert.equal(copyNameText({ kind: 'column', ...base, table: 't', name: 'Email', type: 'text', role: 'regular', position: 0 }), '"Email"');
  assert.equal(copyNameText({ kind: 'column', ...base, table: 't', name: 'select', type: 'text', role: 'regular', position: 0 }), '"select"');
  assert.equal(copyNameText({ kind: 'function', ...base, name: 'f', argTypes: [] }), '"Shop".f');
  assert.equal(copyNameText({ kind: 'error', profileId: 'p', parent: 'x', message: 'm' }), undefined);
});
