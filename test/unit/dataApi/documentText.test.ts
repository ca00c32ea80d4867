// Exact document text: what astra-db-ts decodes (Date, UUID, ObjectId, DataAPIVector, BigNumber) goes back to the
// Data API's own JSON forms with every digit, and user JSON is parsed without losing digits either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BigNumber, DataAPIVector, ObjectId, UUID } from '@datastax/astra-db-ts';
import { cellText, documentJson } from '../../../src/extension/dataApi/core/documentText.js';
import { fitsDouble, parseExactJson, parseJsonObject, parseVector } from '../../../src/extension/dataApi/core/exactJson.js';
import { documentRow } from '../../../src/extension/dataApi/core/documentRows.js';

const big = (t: string) => new BigNumber(t);

test('special values become $date / $uuid / $objectId and vectors float arrays', () => {
  const doc = {
    _id: new UUID('0190e2a4-5b6c-7d8e-9f00-112233445566'),
    when: new Date(1718000000123),
    owner: new ObjectId('65f0a1b2c3d4e5f607182930'),
    $vector: new DataAPIVector([0.25, -0.5, 1]),
  };
  assert.equal(
    documentJson(doc, false),
    '{"_id":{"$uuid":"0190e2a4-5b6c-7d8e-9f00-112233445566"},"when":{"$date":1718000000123},"owner":{"$objectId":"65f0a1b2c3d4e5f607182930"},"$vector":[0.25,-0.5,1]}',
  );
});

test('big numbers keep every digit, in and out', () => {
  const parsed = parseExactJson('{"n": 12345678901234567890123, "d": 0.1234567890123456789, "small": 42, "f": 1.5}', big) as Record<string, unknown>;
  assert.equal(typeof parsed.small, 'number');
  assert.equal(typeof parsed.f, 'number');
  assert.ok(BigNumber.isBigNumber(parsed.n));
  assert.equal(documentJson(parsed, false), '{"n":12345678901234567890123,"d":0.1234567890123456789,"small":42,"f":1.5}');
  assert.equal(documentJson(new BigNumber('1e400'), false), '1e400');
  assert.equal(documentJson(9007199254740993n, false), '9007199254740993');
});

test('fitsDouble: a double holds it exactly or not', () => {
  assert.ok(fitsDouble('9007199254740991'));
  assert.ok(!fitsDouble('9007199254740993'));
  assert.ok(fitsDouble('0.1'));
  assert.ok(!fitsDouble('0.12345678901234567'));
  assert.ok(!fitsDouble('1e400'));
});

test('pretty JSON is indented one property per line and strings are escaped', () => {
  assert.equal(documentJson({ a: [1, { b: 'x"y' }], e: {} }), '{\n  "a": [\n    1,\n    {\n      "b": "x\\"y"\n    }\n  ],\n  "e": {}\n}');
});

test('user JSON errors say where, and __proto__ is an ordinary key', () => {
  assert.throws(() => parseExactJson('{"a": 1,}', big), /line 1, column 9/);
  assert.throws(() => parseExactJson('{"a": 1} x', big), /after the JSON value/);
  const o = parseExactJson('{"__proto__": {"polluted": true}}', big) as Record<string, unknown>;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(Object.keys(o), ['__proto__']);
  const r = parseJsonObject('[1]', 'filter', big);
  assert.ok('error' in r && /must be a JSON object/.test(r.error));
  assert.deepEqual(parseJsonObject('  ', 'filter', big), { value: {} });
});

test('pasted vectors: JSON arrays or bare numbers', () => {
  assert.deepEqual(parseVector('[0.1, -2, 3e-2]'), { value: [0.1, -2, 0.03] });
  assert.deepEqual(parseVector('0.5 0.25,1'), { value: [0.5, 0.25, 1] });
  assert.ok('error' in parseVector('[0.1, "x"]'));
  assert.ok('error' in parseVector(''));
});

test('cells: strings bare, dates ISO, ids as text, vectors summarized; rows keep $similarity apart', () => {
  assert.equal(cellText('plain <b>'), 'plain <b>');
  assert.equal(cellText(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.equal(cellText(new ObjectId('65f0a1b2c3d4e5f607182930')), '65f0a1b2c3d4e5f607182930');
  assert.equal(cellText(new DataAPIVector([1, 2, 3, 4, 5])), '[5 floats] 1, 2, 3, 4, …');
  assert.equal(cellText({ a: 1 }), '{"a":1}');
  const row = documentRow({ _id: 'a', price: new BigNumber('123456789012345678901'), $similarity: 0.875 }, 3);
  assert.equal(row.index, 3);
  assert.equal(row.similarity, 0.875);
  assert.deepEqual(row.fields, [['_id', 'a'], ['price', '123456789012345678901']]);
  assert.ok(!row.json.includes('$similarity'));
});
