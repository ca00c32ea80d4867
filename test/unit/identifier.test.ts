import { test } from 'node:test';
import assert from 'node:assert/strict';
import { qualifiedName, quoteIdentifier, quoteString } from '../../src/shared/identifier.js';

test('plain lower-case identifiers stay bare', () => {
  for (const name of ['users', 'a1', 'user_events', 'key', 'type', 'count', 'ttl']) {
    assert.equal(quoteIdentifier(name), name);
  }
});

test('case-sensitive, odd and reserved names are double-quoted', () => {
  assert.equal(quoteIdentifier('Users'), '"Users"');
  assert.equal(quoteIdentifier('camelCase'), '"camelCase"');
  assert.equal(quoteIdentifier('1st'), '"1st"');
  assert.equal(quoteIdentifier('_hidden'), '"_hidden"');
  assert.equal(quoteIdentifier('with space'), '"with space"');
  assert.equal(quoteIdentifier('select'), '"select"');
  assert.equal(quoteIdentifier('table'), '"table"');
  assert.equal(quoteIdentifier(''), '""');
});

test('embedded double quotes are doubled', () => {
  assert.equal(quoteIdentifier('say "hi"'), '"say ""hi"""');
});

test('qualifiedName quotes each part independently', () => {
  assert.equal(qualifiedName('ks', 'MyTable'), 'ks."MyTable"');
  assert.equal(qualifiedName('Shop', 'orders'), '"Shop".orders');
});

test('quoteString doubles single quotes', () => {
  assert.equal(quoteString("it's"), "'it''s'");
});
