// The fast scalar formatters must print exactly what the driver's objects and Date print, on any value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { types } from 'cassandra-driver';
import { blobHex, decimalText, durationText, integerText, isoUtc, localDateText, longText, uuidText } from '../../../src/extension/cql/scalarText.js';

// Deterministic pseudo-random numbers (a failure reproduces).
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('isoUtc is Date.prototype.toISOString over the whole time range', () => {
  const rnd = lcg(1);
  const edges = [0, -1, 1, 8.64e15, -8.64e15, 253402300799999, 253402300800000, -62167219200000, -62167219200001, 951782400000, 951868800000];
  const values = [...edges, ...Array.from({ length: 100_000 }, (_, i) => Math.floor((rnd() * 2 - 1) * (i % 2 ? 8.64e15 : 4e12)))];
  for (const ms of values) assert.equal(isoUtc(ms), new Date(ms).toISOString(), String(ms));
});

test('longText is Long.toString for every 64-bit pattern class', () => {
  const rnd = lcg(2);
  const word = () => (rnd() * 2 ** 32) | 0;
  const longs = ['9223372036854775807', '-9223372036854775808', '-9223372036854775807', '9007199254740992', '-9007199254740993', '4294967296', '-100000']
    .map((s) => types.Long.fromString(s));
  for (let i = 0; i < 50_000; i++) {
    const small = ((rnd() * 6) | 0) - 3;
    longs.push(new types.Long(word(), word()), new types.Long(word(), small), new types.Long(word(), small + 0x200000), new types.Long(word(), small - 0x200000));
  }
  for (const l of longs) assert.equal(longText(l), l.toString());
});

/** The driver's typings omit the fields. */
const monthsOf = (d: types.Duration) => (d as unknown as { months: number }).months;

test('durationText counts whole years: 18 months is 1y6mo (the driver prints 2y6mo)', () => {
  const d = new types.Duration(18, 0, types.Long.ZERO);
  assert.equal(durationText(d), '1y6mo');
  assert.equal(durationText(new types.Duration(-30, -1, types.Long.fromNumber(-5))), '-2y6mo1d5ns');
  assert.equal(monthsOf(types.Duration.fromString(durationText(d))), 18);
});

test('integerText, decimalText, durationText and uuidText match the driver objects', () => {
  const rnd = lcg(3);
  const digits = (n: number) => Array.from({ length: n }, (_, i) => ((rnd() * 10) | 0) || (i === 0 ? 1 : 0)).join('');
  for (let i = 0; i < 5_000; i++) {
    const text = `${rnd() < 0.5 ? '-' : ''}${digits(1 + ((rnd() * 60) | 0))}`;
    const int = types.Integer.fromString(text);
    assert.equal(integerText(int), int.toString());
    const dec = new types.BigDecimal(int as unknown as number, ((rnd() * 80) | 0) - 20);
    assert.equal(decimalText(dec), dec.toString());
    const dur = new types.Duration(((rnd() * 400) | 0) - 200, ((rnd() * 100) | 0) - 50, types.Long.fromString(`${rnd() < 0.5 ? '-' : ''}${digits(1 + ((rnd() * 15) | 0))}`));
    const durText = durationText(dur);
    const ym = /^-?(?:(\d+)y)?(?:(\d+)mo)?/.exec(durText)!;
    assert.equal(Number(ym[1] ?? 0) * 12 + Number(ym[2] ?? 0), Math.abs(monthsOf(dur)), `${durText} holds ${monthsOf(dur)} months`);
    // The driver's own text rounds the years (see the test below); elsewhere it is the reference.
    if (Math.abs(monthsOf(dur)) % 12 < 6) assert.equal(durText, dur.toString());
    const uuid = new types.Uuid(Buffer.from(Array.from({ length: 16 }, () => (rnd() * 256) | 0)));
    assert.equal(uuidText(uuid), uuid.toString());
  }
});

test('blobHex is 0x and the hex of every byte, short and long', () => {
  const rnd = lcg(4);
  for (let n = 0; n < 600; n++) {
    const b = Buffer.from(Array.from({ length: n }, () => (rnd() * 256) | 0));
    assert.equal(blobHex(b), `0x${b.toString('hex')}`);
  }
});

test('integerText and decimalText on word boundaries, powers of two and long values', () => {
  const rnd = lcg(5);
  const values: bigint[] = [];
  for (let bits = 0; bits <= 800; bits += 1 + ((rnd() * 7) | 0)) {
    const p = 1n << BigInt(bits);
    values.push(p, -p, p - 1n, -p + 1n, -p - 1n);
  }
  for (const x of values) {
    const int = types.Integer.fromString(String(x));
    assert.equal(integerText(int), String(x));
    for (const scale of [1, 3, 40, 255, 256, 300]) {
      const dec = new types.BigDecimal(int as unknown as number, scale);
      assert.equal(decimalText(dec), dec.toString(), `${x} scale ${scale}`);
    }
  }
});

test('localDateText is LocalDate.toString for every day class: before year 0, years 0–999, 10000+, out of Date range', () => {
  const rnd = lcg(5);
  const dates = [new types.LocalDate(0, 1, 1), new types.LocalDate(-1, 12, 31), new types.LocalDate(999, 2, 28), new types.LocalDate(2024, 2, 29),
    new types.LocalDate(10000, 1, 1), new types.LocalDate(275760, 9, 13), new types.LocalDate(-271821, 4, 20),
    types.LocalDate.fromString('-2147483648'), types.LocalDate.fromString('2147483647'), types.LocalDate.fromString('100000001')];
  for (let i = 0; i < 50_000; i++) dates.push(new (types.LocalDate as unknown as new (days: number) => types.LocalDate)(Math.floor((rnd() * 2 - 1) * (i % 2 ? 100_000_000 : 3_000_000))));
  for (const d of dates) assert.equal(localDateText(d), d.toString());
});
