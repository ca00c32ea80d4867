import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotebookFormatError, parseNotebook, serializeNotebook } from '../../../src/extension/notebook/notebookFormat.js';
import { RESULT_MIME } from '../../../src/shared/resultPayload.js';

const sample = {
  format: 'astra-cql-notebook',
  version: 1,
  generator: { name: 'someone else', future: [1, 2] },
  metadata: { connection: { profileId: 'p1', name: 'Demo DB' }, keyspace: 'demo', color: 'teal' },
  cells: [
    { kind: 'markdown', source: '# Title' },
    {
      kind: 'code',
      language: 'cql',
      source: 'SELECT * FROM t;',
      tags: ['x'],
      outputs: [
        {
          id: 'o1',
          items: [
            { mime: RESULT_MIME, data: { version: 1, rows: [[{ t: 'bigint', v: '9223372036854775807' }]] } },
            { mime: 'text/plain', data: 'a | b' },
            { mime: 'image/png', data: { base64: Buffer.from([1, 2, 3]).toString('base64') } },
          ],
          pinned: true,
        },
      ],
      execution: { order: 3, success: true, durationMs: 12 },
    },
  ],
};

test('round-trip keeps cells, metadata, outputs and unknown fields at every level', () => {
  const text = JSON.stringify(sample);
  const nb = parseNotebook(text);
  assert.equal(nb.cells.length, 2);
  assert.equal(nb.cells[1]!.outputs[0]!.items[2]!.data.length, 3);
  const out = serializeNotebook(nb, { saveOutputs: true });
  assert.deepEqual(JSON.parse(out), sample);
  // Pretty-printed for diffs, stable on a second round-trip.
  assert.match(out, /\n  "version": 1,\n/);
  assert.ok(out.split('\n').every((l) => l.length <= 140), 'short lines');
  assert.equal(serializeNotebook(parseNotebook(out), { saveOutputs: true }), out);
});

test('exact numbers inside JSON outputs stay exact', () => {
  const out = serializeNotebook(parseNotebook(JSON.stringify(sample)), { saveOutputs: true });
  assert.ok(out.includes('"9223372036854775807"'));
});

test('saveOutputs off drops outputs and execution but keeps the rest', () => {
  const out = JSON.parse(serializeNotebook(parseNotebook(JSON.stringify(sample)), { saveOutputs: false }));
  assert.equal(out.cells[1].outputs, undefined);
  assert.equal(out.cells[1].execution, undefined);
  assert.deepEqual(out.cells[1].tags, ['x']);
  assert.equal(out.metadata.keyspace, 'demo');
});

test('empty file opens as an empty notebook; array sources are joined', () => {
  assert.deepEqual(parseNotebook('  \n'), { metadata: {}, cells: [] });
  const nb = parseNotebook(JSON.stringify({ format: 'astra-cql-notebook', version: 1, cells: [{ kind: 'code', source: ['SELECT 1;\n', 'SELECT 2;'] }] }));
  assert.equal(nb.cells[0]!.source, 'SELECT 1;\nSELECT 2;');
  assert.equal(nb.cells[0]!.language, 'cql');
});

test('malformed files throw a clear NotebookFormatError', () => {
  const cases: [string, RegExp][] = [
    ['{ not json', /not valid JSON/],
    ['[]', /top level must be a JSON object/],
    [JSON.stringify({ format: 'jupyter', version: 1, cells: [] }), /"format" must be "astra-cql-notebook"/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 2, cells: [] }), /newer version/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: '1', cells: [] }), /"version" must be a positive integer/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 1 }), /"cells" must be an array/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 1, cells: [{ kind: 'raw', source: '' }] }), /cells\[0\]\.kind/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 1, cells: [{ kind: 'code', source: 5 }] }), /cells\[0\]\.source/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 1, metadata: { connection: { profileId: 1 } }, cells: [] }), /metadata\.connection/],
    [JSON.stringify({ format: 'astra-cql-notebook', version: 1, cells: [{ kind: 'code', source: '', outputs: [{}] }] }), /outputs\[0\]/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseNotebook(text), (e: unknown) => e instanceof NotebookFormatError && re.test(e.message) && /left unchanged/.test(e.message), text);
  }
});

test('saved results are one line per row, not one line per value', () => {
  const rows = Array.from({ length: 50 }, (_, i) => [i, `name ${i}`, { t: 'bigint', v: String(i) }, null]);
  const nb = parseNotebook(JSON.stringify({
    format: 'astra-cql-notebook', version: 1,
    cells: [{ kind: 'code', source: 'SELECT 1', outputs: [{ items: [{ mime: RESULT_MIME, data: { version: 1, rows } }] }] }],
  }));
  const out = serializeNotebook(nb, { saveOutputs: true });
  const lines = out.split('\n');
  assert.ok(lines.length < 80, `${lines.length} lines`);
  assert.ok(lines.some((l) => l.trim() === '[7, "name 7", {"t":"bigint","v":"7"}, null],') || lines.some((l) => l.includes('[7,"name 7",{"t":"bigint","v":"7"},null]')));
  assert.deepEqual(JSON.parse(out).cells[0].outputs[0].items[0].data.rows, rows);
});

test('outputs carrying a save cap are capped (shown as "more rows"); outputs read from a file keep every row', () => {
  const rows = Array.from({ length: 30 }, (_, i) => [i]);
  const nb = parseNotebook(JSON.stringify({
    format: 'astra-cql-notebook', version: 1,
    cells: [{ kind: 'code', source: 'SELECT 1', outputs: [{ items: [{ mime: RESULT_MIME, data: { version: 1, rows, hasMore: false } }, { mime: 'application/json', data: { rows } }] }] }],
  }));
  const reSaved = JSON.parse(serializeNotebook(nb, { saveOutputs: true }));
  assert.deepEqual(reSaved.cells[0].outputs[0].items[0].data.rows, rows, 'rows the file held are all kept');
  nb.cells[0]!.outputs[0]!.maxSavedRows = 10;
  const text = serializeNotebook(nb, { saveOutputs: true });
  const saved = JSON.parse(text);
  const [result, other] = saved.cells[0].outputs[0].items;
  assert.deepEqual(result.data.rows, rows.slice(0, 10));
  assert.equal(result.data.hasMore, true);
  assert.equal(other.data.rows.length, 30, 'other JSON outputs are untouched');
  assert.ok(!text.includes('maxSavedRows'), 'the cap is not written to the file');
});
