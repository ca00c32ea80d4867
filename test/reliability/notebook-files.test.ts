// The .cqlnb file core: malformed or future files are refused with a sentence (VS Code then never saves over them),
// huge outputs round-trip, and a save never writes less than the file had (unknown fields, binary and odd outputs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTEBOOK_FORMAT, NotebookFormatError, parseNotebook, serializeNotebook } from '../../src/extension/notebook/notebookFormat.js';
import { RESULT_MIME } from '../../src/shared/resultPayload.js';
import { mb, memoryNow, record, settledMemory, timed } from './support/report.js';

const AREA = 'notebook files';
const save = (text: string) => serializeNotebook(parseNotebook(text), { saveOutputs: true });

const rich = {
  format: NOTEBOOK_FORMAT,
  version: 1,
  metadata: { connection: { profileId: 'p-1', name: 'Prod' }, keyspace: 'shop', futureSetting: { a: [1, 2] } },
  cells: [
    { kind: 'markdown', source: '# Title <script>alert(1)</script>', tags: ['keep'] },
    {
      kind: 'code', language: 'cql', source: "SELECT * FROM t WHERE k = 'a;b';",
      outputs: [
        {
          id: 'o1',
          items: [
            { mime: RESULT_MIME, data: { version: 1, kind: 'rows', rows: [[1, 'x']], future: true } },
            { mime: 'text/plain', data: 'k | v\n1 | x' },
            { mime: 'image/png', data: { base64: Buffer.from([0, 1, 2, 255]).toString('base64') } },
            { mime: 'application/vnd.code.notebook.error', data: { name: 'ReadTimeout', message: 'm', stack: 's' } },
          ],
          collapsed: true,
        },
      ],
      execution: { order: 7, success: false, durationMs: 12 },
      metadataFromTheFuture: 42,
    },
  ],
  savedBy: 'astra-db-vscode 9.9',
};
const richText = `${JSON.stringify(rich, null, 2)}\n`;

describe('refused files', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed JSON', '{"format": "astra-cql-notebook", "version": 1, "cells": [', /^Cannot open this CQL notebook: it is not valid JSON \(.+\)\. The file was left unchanged\.$/],
    ['a newer format version', JSON.stringify({ ...rich, version: 2 }), /written by a newer version of the extension \(format version 2, this one reads 1\)\. The file was left unchanged\.$/],
    ['version as a string', JSON.stringify({ ...rich, version: '1' }), /"version" must be a positive integer/],
    ['another tool\'s JSON (a Jupyter notebook)', JSON.stringify({ nbformat: 4, cells: [] }), /"format" must be "astra-cql-notebook"/],
    ['a cell of an unknown kind', JSON.stringify({ ...rich, cells: [{ kind: 'raw', source: 'x' }] }), /cells\[0\]\.kind must be "code" or "markdown"/],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => {
      assert.throws(() => parseNotebook(text), (e: unknown) => e instanceof NotebookFormatError && expected.test(e.message));
      const message = (() => { try { parseNotebook(text); } catch (e) { return (e as Error).message; } return ''; })();
      record({ area: AREA, case: name, observed: `refused: ${message}` });
    });
  }
});

describe('never writes less than the file had', () => {
  test('a rich file with unknown fields, binary, error and future payload fields survives open → save unchanged', () => {
    const saved = save(richText);
    assert.deepEqual(JSON.parse(saved), rich);
    assert.equal(save(saved), saved, 'saving is stable');
    record({ area: AREA, case: 'round trip of unknown fields / binary / error outputs', observed: 'open → save keeps every field and output (JSON-equal), and a second save is byte-identical' });
  });

  test('every truncation of a file is refused rather than opened as a shorter notebook', () => {
    let refused = 0;
    for (let cut = 1; cut < richText.length - 2; cut += 7) {
      const partial = richText.slice(0, cut);
      if (partial.trim() === '') continue;
      assert.throws(() => parseNotebook(partial), NotebookFormatError, `a file cut at ${cut} opened`);
      refused++;
    }
    record({ area: AREA, case: 'half-written (truncated) file', observed: `all ${refused} truncation points refused; nothing to save over` });
  });

  test('a file saved with outputs off still keeps every cell, source and unknown field', () => {
    const out = JSON.parse(serializeNotebook(parseNotebook(richText), { saveOutputs: false }));
    assert.equal(out.cells.length, 2);
    assert.equal(out.cells[1].source, rich.cells[1]!.source);
    assert.equal(out.cells[1].metadataFromTheFuture, 42);
    assert.deepEqual(out.metadata.futureSetting, rich.metadata.futureSetting);
    assert.equal(out.savedBy, rich.savedBy);
    assert.equal(out.cells[1].outputs, undefined);
  });
});

const bigPayload = (rows: number, width: number) => ({
  version: 1, kind: 'rows', statement: 'SELECT * FROM big', columns: [], pageInfo: { pageSize: null, pagesFetched: 10 }, elapsedMs: 1,
  consistency: 'ONE', warnings: [], hasMore: false, queryId: 'q',
  rows: Array.from({ length: rows }, (_, i) => [i, `value ${i} <b>bold</b> ${'x'.repeat(width)}`, { t: 'bigint', v: `${9007199254740993n + BigInt(i)}` }]),
});
const fileWith = (cells: unknown[]) => `${JSON.stringify({ format: NOTEBOOK_FORMAT, version: 1, cells }, null, 2)}\n`;

describe('huge outputs', () => {
  test('a notebook with ~40 MB of saved results opens and saves intact, with bounded memory', async () => {
    const payload = bigPayload(1000, 2000);
    const cells = Array.from({ length: 20 }, (_, i) => ({ kind: 'code', language: 'cql', source: `SELECT * FROM big -- ${i}`, outputs: [{ items: [{ mime: RESULT_MIME, data: payload }, { mime: 'text/plain', data: 'x'.repeat(100_000) }] }] }));
    const text = fileWith(cells);
    const mem0 = await settledMemory();
    const r = await timed(async () => save(text));
    const grew = memoryNow() - mem0;
    assert.deepEqual(JSON.parse(r.value!), JSON.parse(text));
    assert.ok(grew < text.length * 12, `memory grew by ${mb(grew)} for a ${mb(text.length)} file`);
    record({ area: AREA, case: `huge outputs (${mb(text.length)} file)`, observed: `open + save JSON-equal; memory delta ${mb(grew)} (${(grew / text.length).toFixed(1)}× file size)`, ms: r.ms });
  });

  test('an output the file already holds with more rows than the save cap keeps them all', () => {
    const text = fileWith([{ kind: 'code', language: 'cql', source: 'SELECT * FROM big', outputs: [{ items: [{ mime: RESULT_MIME, data: bigPayload(5000, 10) }] }] }]);
    const saved = JSON.parse(save(text));
    record({ area: AREA, case: 're-save of a file holding a 5,000-row output', observed: `saved ${saved.cells[0].outputs[0].items[0].data.rows.length} of 5000 rows (the save cap applies to new outputs only)` });
    assert.equal(saved.cells[0].outputs[0].items[0].data.rows.length, 5000);
  });
});
