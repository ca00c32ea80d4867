// Property: a known secret drawn from the whole printable ASCII alphabet (quotes, backslashes, %, +, spaces…) leaves
// no 8-character piece behind, whatever encoding carries it and whatever text surrounds it. Seeded, so a failure
// names a case that can be replayed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/extension/secrets/redact.js';
import { prng } from '../sandbox/seed/prng.js';

const CASES = 600;
const SEED = Number(process.env.REDACT_SEED ?? 20261204);


const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const pick = (rnd: () => number, n: number) => Math.floor(rnd() * n);
const randomText = (rnd: () => number, min: number, max: number) =>
  Array.from({ length: min + pick(rnd, max - min + 1) }, () => PRINTABLE[pick(rnd, PRINTABLE.length)]).join('');

const carriers: [string, (s: string) => string][] = [
  ['raw', (s) => s],
  ['JSON', (s) => JSON.stringify({ clientSecret: s })],
  ['escaped JSON', (s) => JSON.stringify(JSON.stringify({ clientSecret: s }))],
  ['URL once', (s) => `?secret=${encodeURIComponent(s)}`],
  ['URL twice', (s) => encodeURIComponent(`?secret=${encodeURIComponent(s)}`)],
  ['form', (s) => new URLSearchParams({ secret: s }).toString()],
  ['Basic', (s) => `Basic ${Buffer.from(`user:${s}`).toString('base64')}`],
];

test(`${CASES} printable-alphabet secrets × ${carriers.length} encodings: no 8-character piece survives`, () => {
  const rnd = prng(SEED);
  let checked = 0;
  for (let n = 0; n < CASES; n++) {
    const secret = randomText(rnd, 8, 48);
    const before = randomText(rnd, 0, 20);
    const after = randomText(rnd, 0, 20);
    for (const [name, encode] of carriers) {
      const carried = encode(secret);
      const out = redact(`${before}${carried}${after}`, [secret]);
      for (let i = 0; i + 8 <= secret.length; i++) {
        const piece = secret.slice(i, i + 8);
        // A piece that the surrounding random text happens to contain is not a leak.
        if ((before + after).includes(piece)) continue;
        assert.ok(!out.includes(piece), `seed ${SEED} case ${n} (${name}): ${JSON.stringify(piece)} of ${JSON.stringify(secret)} survived in ${JSON.stringify(out)}`);
      }
      for (let i = 0; i + 8 <= carried.length; i++) {
        const piece = carried.slice(i, i + 8);
        if ((before + after).includes(piece) || encode('').includes(piece) || encode('***').includes(piece)) continue;
        assert.ok(!out.includes(piece), `seed ${SEED} case ${n} (${name}): encoded piece ${JSON.stringify(piece)} survived in ${JSON.stringify(out)}`);
      }
      checked++;
    }
  }
  assert.equal(checked, CASES * carriers.length);
});
