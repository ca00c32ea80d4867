// The COPY CSV reader and writer: quotes, escapes, embedded line breaks, NULL vs empty string, chunk boundaries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvReader, csvLine, type CsvDialect, type CsvRecord } from '../../../src/extension/copy/csv.js';
import { prng } from '../../sandbox/seed/prng.js';

const RFC: CsvDialect = { delimiter: ',', quote: '"', escape: undefined };
const BACKSLASH: CsvDialect = { delimiter: ',', quote: '"', escape: '\\' };

function readAll(text: string, d: CsvDialect = RFC, chunk = text.length || 1): CsvRecord[] {
  const r = new CsvReader(d);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out;
}

describe('CsvReader', () => {
  test('plain, quoted, doubled quotes, delimiters and line breaks inside quotes', () => {
    const recs = readAll('a,b,c\n"x,1","say ""hi""","two\nlines"\n');
    assert.deepEqual(recs.map((r) => r.fields), [['a', 'b', 'c'], ['x,1', 'say "hi"', 'two\nlines']]);
    assert.deepEqual(recs[1]!.quoted, [true, true, true]);
  });

  test('line numbers count the line breaks inside quoted fields, and blank lines are skipped', () => {
    const recs = readAll('h1,h2\n"a\nb\nc",1\n\n2,3\r\n4,5');
    assert.deepEqual(recs.map((r) => r.line), [1, 2, 6, 7]);
    assert.deepEqual(recs.map((r) => r.fields), [['h1', 'h2'], ['a\nb\nc', '1'], ['2', '3'], ['4', '5']]);
  });

  test('an unquoted empty field and a quoted empty field stay distinguishable', () => {
    const [r] = readAll(',"",x\n');
    assert.deepEqual(r!.fields, ['', '', 'x']);
    assert.deepEqual(r!.quoted, [false, true, false]);
  });

  test('a trailing empty field and a missing final newline', () => {
    assert.deepEqual(readAll('a,b,').map((r) => r.fields), [['a', 'b', '']]);
    assert.deepEqual(readAll('a,"b"').map((r) => r.fields), [['a', 'b']]);
  });

  test('an escape character escapes quotes and itself when configured', () => {
    const [r] = readAll('"a\\"b","c\\\\d",e\n', BACKSLASH);
    assert.deepEqual(r!.fields, ['a"b', 'c\\d', 'e']);
  });

  test('an unclosed quote is an error naming the line where the record starts', () => {
    assert.throws(() => readAll('a,b\n"open,\nstill open'), /line 2: a quoted field is not closed/);
  });

  test('the same records whatever the chunk size (quotes, CRLF and escapes split across chunks)', () => {
    const text = 'k,"v ""q"" , x"\r\n"multi\r\nline",\\\n2,"\\\\"\n';
    for (const d of [RFC, BACKSLASH]) {
      const whole = readAll(text, d);
      for (const chunk of [1, 2, 3, 5, 7]) assert.deepEqual(readAll(text, d, chunk), whole, `chunk ${chunk}`);
    }
  });
});

describe('csvLine', () => {
  test('quotes only what needs it, doubles quotes, writes null as the NULL text', () => {
    assert.equal(csvLine(['a', 'b c', 'x,y', 'say "hi"', 'two\nlines', '', null, ' pad'], RFC, ''), 'a,b c,"x,y","say ""hi""","two\nlines","",," pad"\n');
    assert.equal(csvLine(['NULL', null], RFC, 'NULL'), '"NULL",NULL\n');
    assert.equal(csvLine(['a"b', 'c\\d'], BACKSLASH, ''), '"a\\"b","c\\\\d"\n');
  });

  test('random fields survive write → read in both dialects (with NULL)', () => {
    const rand = prng(18);
    const alphabet = ['a', 'Z', ' ', ',', '"', '\n', '\r', '\\', ';', 'é', '0', '', '|', '^', '-', ']'];
    for (const d of [RFC, BACKSLASH, { delimiter: ';', quote: "'", escape: undefined }, { delimiter: '|', quote: '^', escape: '-' }, { delimiter: ']', quote: '"', escape: undefined }]) {
      const rows: (string | null)[][] = [];
      let text = '';
      for (let i = 0; i < 300; i++) {
        const row = Array.from({ length: 1 + Math.floor(rand() * 5) }, () => {
          if (rand() < 0.1) return null;
          return Array.from({ length: Math.floor(rand() * 6) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
        });
        rows.push(row);
        text += csvLine(row, d, '');
      }
      const back = readAll(text, d, 13).map((r) => r.fields.map((f, i) => (!r.quoted[i] && f === '' ? null : f)));
      assert.deepEqual(back, rows.filter((r) => !(r.length === 1 && r[0] === null)));
    }
  });
});
