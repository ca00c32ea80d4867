// The lossless payload must never change for a value: saved notebooks, exports and the renderer all read it.
// valueEncoding.golden.json holds the encoder's output for every case in valueEncodingCases.ts; regenerate it only
// for an intended format change: UPDATE_GOLDEN=1 node --import tsx test/unit/notebook/valueEncoding.golden.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cqlTypeText, encodeValue } from '../../../src/extension/cql/valueEncoder.js';
import { goldenCases } from './valueEncodingCases.js';

const GOLDEN = new URL('./valueEncoding.golden.json', import.meta.url);

// JSON has no -0 and no undefined; mark them so the comparison sees every bit the encoder returns.
const mark = (_k: string, v: unknown) => (Object.is(v, -0) ? '<-0>' : v === undefined ? '<undefined>' : v);
const toJson = (x: Record<string, unknown>) =>
  `{\n${Object.entries(x).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v, mark)}`).join(',\n')}\n}`;

function actual(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of goldenCases()) {
    for (const tz of c.timeZones ?? ['UTC']) {
      out[`${c.name} @ ${tz}`] = { type: cqlTypeText(c.type), encoded: c.values.map((v) => encodeValue(v, c.type, { timeZone: tz })) };
    }
  }
  return out;
}

if (process.env.UPDATE_GOLDEN) {
  writeFileSync(GOLDEN, `${toJson(actual())}\n`);
} else {
  test('every CQL type encodes exactly as the golden file records', () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
    const now = JSON.parse(toJson(actual())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(now), Object.keys(golden));
    for (const key of Object.keys(golden)) assert.deepEqual(now[key], golden[key], key);
  });
}
