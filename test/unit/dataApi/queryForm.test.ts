// The query form → find() arguments: JSON checks, limits, vector and $vectorize sorts with similarity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BigNumber } from '@datastax/astra-db-ts';
import { EMPTY_FORM, type CollectionFacts } from '../../../src/shared/documentBrowserMessages.js';
import { findCommandText, parseQueryForm } from '../../../src/extension/dataApi/core/queryForm.js';

const big = (t: string) => new BigNumber(t);
const plain: CollectionFacts = { keyspace: 'demo', name: 'notes', database: 'db' };
const vec: CollectionFacts = { ...plain, name: 'products', vectorDimension: 3, metric: 'dot_product' };
const auto: CollectionFacts = { ...vec, vectorize: 'nvidia' };

test('filter mode: filter, projection, sort and limit parsed; empty fields mean none', () => {
  const r = parseQueryForm({ ...EMPTY_FORM, filter: '{"a": {"$gt": 1}}', projection: '{"a": 1}', sort: '{"a": -1}', limit: '50' }, plain, big);
  assert.ok('query' in r);
  assert.deepEqual(r.query, { filter: { a: { $gt: 1 } }, projection: { a: 1 }, sort: { a: -1 }, limit: 50, includeSimilarity: false, label: 'sorted' });
  const e = parseQueryForm(EMPTY_FORM, plain, big);
  assert.ok('query' in e);
  assert.deepEqual(e.query, { filter: {}, includeSimilarity: false, label: 'filter' });
  assert.equal(findCommandText(r.query), '{"find":{"filter":{"a":{"$gt":1}},"sort":{"a":-1},"projection":{"a":1},"options":{"limit":50}}}');
});

test('bad input is reported, not sent', () => {
  const err = (form: Partial<typeof EMPTY_FORM>, facts = plain) => {
    const r = parseQueryForm({ ...EMPTY_FORM, ...form }, facts, big);
    assert.ok('error' in r, JSON.stringify(form));
    return r.error;
  };
  assert.match(err({ filter: '{a: 1}' }), /filter is not valid JSON/);
  assert.match(err({ limit: '0' }), /whole number above 0/);
  assert.match(err({ limit: '2.5' }), /whole number/);
  assert.match(err({ sort: '{"a": "asc"}' }), /1 \(ascending\) or -1/);
  assert.match(err({ mode: 'vector', search: '[1,2,3]' }), /has no vector/);
  assert.match(err({ mode: 'vector', search: '[1,2]' }, vec), /has 2 numbers; products stores vectors of 3/);
  assert.match(err({ mode: 'vectorize', search: 'shoes' }, vec), /no vectorize service/);
  assert.match(err({ mode: 'vectorize', search: ' ' }, auto), /Type the text/);
});

test('vector and text search sort by similarity and ask for the scores', () => {
  const v = parseQueryForm({ ...EMPTY_FORM, mode: 'vector', search: '[0.25, 0.5, 0.75]', sort: '{"ignored": 1}', limit: '5' }, vec, big);
  assert.ok('query' in v);
  assert.deepEqual(v.query.sort, { $vector: [0.25, 0.5, 0.75] });
  assert.equal(v.query.includeSimilarity, true);
  assert.equal(v.query.limit, 5);
  assert.equal(v.query.label, 'vector search (dot_product)');
  const t = parseQueryForm({ ...EMPTY_FORM, mode: 'vectorize', search: 'red shoes' }, auto, big);
  assert.ok('query' in t);
  assert.deepEqual(t.query.sort, { $vectorize: 'red shoes' });
  assert.equal(t.query.limit, 20, 'a vector search without a limit reads the nearest 20, not 1,000');
});
