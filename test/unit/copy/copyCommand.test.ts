// COPY statement parsing (cqlsh option names), timestamp text both ways, collection literal reading.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCopyCommand } from '../../../src/extension/copy/copyCommand.js';
import { timestampFormat } from '../../../src/extension/copy/timestampFormat.js';
import { parseLiteral } from '../../../src/extension/copy/cqlLiteral.js';
import { exactDurationText } from '../../../src/extension/copy/scalarParse.js';
import { types } from 'cassandra-driver';
import { prng } from '../../sandbox/seed/prng.js';

describe('parseCopyCommand', () => {
  test('table, columns, direction, file and options', () => {
    const r = parseCopyCommand(`COPY shop."Orders" (id, "Total") FROM 'data/o.csv' WITH HEADER = true AND DELIMITER='|' AND MAXERRORS=5 AND NULL='NULL';`);
    assert.ok(r?.ok);
    assert.equal(r.spec.direction, 'from');
    assert.equal(r.spec.keyspace, 'shop');
    assert.equal(r.spec.table, 'Orders');
    assert.deepEqual(r.spec.columns, ['id', 'Total']);
    assert.equal(r.spec.file, 'data/o.csv');
    assert.equal(r.spec.options.header, true);
    assert.equal(r.spec.options.delimiter, '|');
    assert.equal(r.spec.options.maxErrors, 5);
    assert.equal(r.spec.options.nullText, 'NULL');
    assert.equal(r.spec.options.format, 'csv');
  });

  test('JSON Lines by extension or FORMAT; not COPY → undefined; errors are worded', () => {
    const j = parseCopyCommand(`copy t to 'out.jsonl'`);
    assert.ok(j?.ok && j.spec.options.format === 'json' && j.spec.keyspace === undefined);
    const f = parseCopyCommand(`COPY t TO 'out.txt' WITH FORMAT='json'`);
    assert.ok(f?.ok && f.spec.options.format === 'json');
    assert.equal(parseCopyCommand('SELECT * FROM copy'), undefined);
    assert.match((parseCopyCommand(`COPY t TO out.csv`) as { error: string }).error, /single quotes/);
    assert.match((parseCopyCommand(`COPY t TO 'x' WITH BOGUS=1`) as { error: string }).error, /Unknown COPY TO option: BOGUS/);
    assert.match((parseCopyCommand(`COPY t FROM 'x' WITH MAXBATCHSIZE=0`) as { error: string }).error, /MAXBATCHSIZE must be a whole number/);
    assert.match((parseCopyCommand(`COPY t FROM STDIN`) as { error: string }).error, /name a file/);
  });
});

describe('timestampFormat', () => {
  test('the default format writes UTC with milliseconds and offset, and reads back exactly', () => {
    const f = timestampFormat('%Y-%m-%d %H:%M:%S.%f%z');
    for (const ms of [0, 1_700_000_000_123, -2_000_000_000_001, 253_402_300_799_999]) {
      const text = f.format(ms);
      assert.equal(f.parse(text), ms, text);
    }
    assert.equal(f.format(1_700_000_000_123), '2023-11-14 22:13:20.123+0000');
  });

  test('other formats, offsets, ISO and epoch milliseconds are read', () => {
    const f = timestampFormat('%d/%m/%Y %H:%M');
    assert.equal(f.format(1_700_000_000_123), '14/11/2023 22:13');
    assert.equal(f.parse('14/11/2023 22:13'), Date.UTC(2023, 10, 14, 22, 13));
    assert.equal(f.parse('2023-11-14T23:13:20.5+01:00'), Date.UTC(2023, 10, 14, 22, 13, 20, 500));
    assert.equal(f.parse('1700000000123'), 1_700_000_000_123);
    assert.equal(f.parse('2023-02-30'), undefined);
    assert.equal(f.parse('yesterday'), undefined);
  });

  test('reading agrees with Date for instants across the whole range, leap days and offsets included', () => {
    const f = timestampFormat('%Y-%m-%d %H:%M:%S.%f%z');
    const rand = prng(7);
    const cases = [-8.64e15, 8.64e15, -62_198_755_200_000, 951_782_400_000, 4_107_542_400_000, -2_203_891_200_001];
    for (let i = 0; i < 5000; i++) cases.push(Math.round((rand() * 2 - 1) * (i % 2 ? 8.64e15 : 4e12)));
    for (const ms of cases) {
      const text = f.format(ms);
      assert.equal(f.parse(text), ms, text);
      const d = new Date(ms);
      // The same instant written by Date with an offset of +05:30 reads back to the same milliseconds.
      if (d.getUTCFullYear() > 0 && d.getUTCFullYear() < 9999) {
        const local = new Date(ms + 19_800_000).toISOString().replace('Z', '+05:30');
        assert.equal(f.parse(local), ms, local);
      }
    }
    assert.equal(f.parse('2024-02-29 00:00:00.000+0000'), Date.UTC(2024, 1, 29));
    assert.equal(f.parse('2023-02-29 00:00:00.000+0000'), undefined);
    assert.equal(f.parse('1900-02-29 00:00:00.000+0000'), undefined);
    assert.equal(f.parse('2000-02-29 00:00:00.000+0000'), Date.UTC(2000, 1, 29));
    assert.equal(f.parse('0099-03-01 00:00:00.000+0000'), new Date('0099-03-01T00:00:00Z').getTime());
    assert.equal(f.parse('275760-09-13 00:00:00.001+0000'), undefined);
  });
});

describe('cqlsh literals and durations', () => {
  test('nested collections, quoted strings with quotes, UDT-style braces', () => {
    assert.deepEqual(parseLiteral(`[{'a': (1, 'it''s')}, {}]`), {
      k: 'list', items: [
        { k: 'braces', items: [], entries: [[{ k: 'str', v: 'a' }, { k: 'tuple', items: [{ k: 'atom', v: '1' }, { k: 'str', v: "it's" }] }]] },
        { k: 'braces', items: [], entries: [] },
      ],
    });
    assert.throws(() => parseLiteral('[1, 2'), /expected ',' or '\]'/);
  });

  test('durations are written in exact units (18 months is 1y6mo, not 2y)', () => {
    const d = new types.Duration(18, 3, types.Long.fromString('3723000000007'));
    assert.equal(exactDurationText(d), '1y6mo3d1h2m3s7ns');
    const back = types.Duration.fromString(exactDurationText(d));
    assert.ok(back.equals(d));
  });
});
