// The Data API stand-in's document semantics without a network: exact numbers, filters, projections, updates and
// similarity scores, checked against values worked out by hand from DATA_API.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../dataapi/errors.js';
import { compileFilter } from '../../dataapi/filter.js';
import { Num, parseJson, stringifyJson, type JsonObject } from '../../dataapi/json.js';
import { compileProjection } from '../../dataapi/projection.js';
import { applyUpdate, checkUpdate } from '../../dataapi/update.js';
import { similarity } from '../../dataapi/vector.js';

const doc = (text: string) => parseJson(text) as JsonObject;
const json = (v: Parameters<typeof stringifyJson>[0]) => stringifyJson(v);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.errorCode;
    throw e;
  }
  return 'no error';
};

test('numbers keep their exact text through parse and stringify, on both the fast and the exact path', () => {
  for (const text of [
    '{"a":1,"b":[2,3.5],"c":{"d":-4}}',
    '{"big":123456789012345678901234567890,"tiny":1.10,"neg":-0,"exp":2.5e3,"s":"x:5"}',
  ]) {
    assert.equal(json(parseJson(text)), text);
  }
  const big = doc('{"n":12345678901234567890.123}').n as Num;
  assert.equal(big.text, '12345678901234567890.123');
  for (const text of ['{"__proto__":{"polluted":1},"n":1}', '{"__proto__":2,"n":1.10}']) {
    const d = doc(text);
    assert.equal(Object.getPrototypeOf(d), Object.prototype, 'a "__proto__" key stays an ordinary property');
    assert.equal(json(d), text);
  }
});

test('filters: implicit $eq matches array members, range operators only within one type, logical operators nest', () => {
  const docs = [
    doc('{"_id":1,"tags":["a","b"],"n":5,"s":"m","when":{"$date":1000},"nested":{"x":1}}'),
    doc('{"_id":2,"tags":[],"n":50,"s":"z","nested":{"x":2}}'),
    doc('{"_id":3,"n":"5","arr":[[1,2]]}'),
  ];
  const ids = (filter: string) => docs.filter(compileFilter(parseJson(filter))).map((d) => Number((d._id as Num).text));
  assert.deepEqual(ids('{"tags":"a"}'), [1]);
  assert.deepEqual(ids('{"n":5}'), [1]);
  assert.deepEqual(ids('{"n":5.0}'), [1], '5 and 5.0 are the same number');
  assert.deepEqual(ids('{"n":{"$gt":4}}'), [1, 2], 'the string "5" is not compared with numbers');
  assert.deepEqual(ids('{"n":{"$ne":5}}'), [2, 3]);
  assert.deepEqual(ids('{"n":{"$in":[50,"5"]}}'), [2, 3]);
  assert.deepEqual(ids('{"n":{"$nin":[50,"5"]}}'), [1]);
  assert.deepEqual(ids('{"tags":{"$exists":true}}'), [1, 2]);
  assert.deepEqual(ids('{"tags":{"$size":0}}'), [2]);
  assert.deepEqual(ids('{"tags":{"$all":["b","a"]}}'), [1]);
  assert.deepEqual(ids('{"nested.x":{"$gte":2}}'), [2]);
  assert.deepEqual(ids('{"tags.1":"b"}'), [1]);
  assert.deepEqual(ids('{"when":{"$lt":{"$date":2000}}}'), [1]);
  assert.deepEqual(ids('{"s":{"$lte":"m"}}'), [1]);
  assert.deepEqual(ids('{"$or":[{"n":50},{"s":"m"}]}'), [1, 2]);
  assert.deepEqual(ids('{"$and":[{"n":{"$gt":1}},{"$not":{"tags":{"$size":0}}}]}'), [1]);
  assert.deepEqual(ids('{"arr":[[1,2]]}'), [3], 'an array operand matches an equal array');
  assert.equal(code(() => compileFilter(parseJson('{"n":{"$foo":1}}'))), 'FILTER_UNSUPPORTED_OPERATOR');
  assert.equal(code(() => compileFilter(parseJson('{"$where":1}'))), 'FILTER_INVALID_EXPRESSION');
  assert.equal(code(() => compileFilter(parseJson('{"$or":[{"_id":1}]}'))), 'FILTER_INVALID_EXPRESSION');
  assert.equal(code(() => compileFilter(parseJson('{"n":{"$exists":1}}'))), 'FILTER_INVALID_EXPRESSION');
  assert.equal(code(() => compileFilter(parseJson('{"$vector":{"$eq":[1]}}'))), 'FILTER_INVALID_EXPRESSION');
  assert.equal(
    code(() => compileFilter(parseJson('{"secret":1}'), { indexed: (p) => p !== 'secret' })),
    'FILTER_PATH_UNINDEXED',
  );
});

test('projection: $vector hidden by default, inclusion keeps _id first, exclusion, "*" and $slice', () => {
  const d = doc('{"_id":"a","x":1,"y":{"z":2,"w":3},"arr":[1,2,3,4],"$vector":[1,0]}');
  const p = (spec: string) => json(compileProjection(parseJson(spec))(d));
  assert.equal(p('{}'), '{"_id":"a","x":1,"y":{"z":2,"w":3},"arr":[1,2,3,4]}');
  assert.equal(p('{"y.z":1,"x":1}'), '{"_id":"a","y":{"z":2},"x":1}');
  assert.equal(p('{"x":1,"_id":0}'), '{"x":1}');
  assert.equal(p('{"y":0,"arr":0}'), '{"_id":"a","x":1}');
  assert.equal(p('{"$vector":1}'), '{"_id":"a","x":1,"y":{"z":2,"w":3},"arr":[1,2,3,4],"$vector":[1,0]}');
  assert.equal(p('{"*":1}'), '{"_id":"a","x":1,"y":{"z":2,"w":3},"arr":[1,2,3,4],"$vector":[1,0]}');
  assert.equal(p('{"*":0}'), '{}');
  assert.equal(p('{"arr":{"$slice":-2},"x":1}'), '{"_id":"a","x":1,"arr":[3,4]}');
  assert.equal(p('{"arr":{"$slice":[1,2]},"x":1}'), '{"_id":"a","x":1,"arr":[2,3]}');
  assert.equal(code(() => compileProjection(parseJson('{"x":1,"y":0}'))), 'UNSUPPORTED_PROJECTION_PARAM');
});

test('update operators change documents exactly and report whether anything changed', () => {
  const d = doc('{"_id":"a","n":0.1,"big":9007199254740993,"tags":["x"],"old":1,"lo":5,"hi":5}');
  const update = checkUpdate(parseJson(
    '{"$inc":{"n":0.2,"big":1,"fresh":2},"$mul":{"lo":3},"$push":{"tags":{"$each":["y","z"],"$position":0}},' +
      '"$addToSet":{"set":"q"},"$rename":{"old":"renamed"},"$min":{"hi":1},"$max":{"top":7},"$unset":{"gone":""},' +
      '"$set":{"a.b":true},"$setOnInsert":{"onlyNew":1}}',
  ));
  assert.equal(applyUpdate(d, update, false), true);
  assert.equal(
    json(d),
    '{"_id":"a","n":0.3,"big":9007199254740994,"tags":["y","z","x"],"lo":15,"hi":1,"fresh":2,"set":["q"],"renamed":1,"top":7,"a":{"b":true}}',
  );
  assert.equal(applyUpdate(d, checkUpdate(parseJson('{"$set":{"lo":15}}')), false), false, 'same value: not modified');
  applyUpdate(d, checkUpdate(parseJson('{"$pull":{"tags":"z"},"$pop":{"set":1},"$currentDate":{"at":true}}')), false);
  assert.deepEqual(d.tags, ['y', 'x']);
  assert.deepEqual(d.set, []);
  assert.ok(Math.abs(((d.at as JsonObject).$date as Num).value - Date.now()) < 60_000);
  assert.equal(code(() => checkUpdate(parseJson('{"$set":{"_id":1}}'))), 'UNSUPPORTED_UPDATE_OPERATOR_FOR_DOC_ID');
  assert.equal(code(() => checkUpdate(parseJson('{"$inc":{"$vector":1}}'))), 'UNSUPPORTED_UPDATE_OPERATOR_FOR_VECTOR');
  assert.equal(code(() => checkUpdate(parseJson('{"$bogus":{"a":1}}'))), 'UNSUPPORTED_UPDATE_OPERATOR');
  assert.equal(code(() => applyUpdate(d, checkUpdate(parseJson('{"$inc":{"tags":1}}')), false)), 'UNSUPPORTED_UPDATE_OPERATION_TARGET');
});

test('similarity scores follow the metric formulas in float32 (DATA_API.md §6 example)', () => {
  const q = [0.25, 0.5, 0.75];
  const v = [0.5, 0.5, 0.5];
  assert.equal(similarity('cosine', q, v).toFixed(5), '0.96291');
  assert.equal(similarity('dot_product', q, v), 0.875);
  assert.equal(similarity('euclidean', q, v).toFixed(5), '0.88889');
  assert.equal(similarity('cosine', q, v), Math.fround(similarity('cosine', q, v)));
});
