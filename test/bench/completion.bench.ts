// Completion latency on a big schema: 2,000 tables in 40 keyspaces, 8–40 columns each. Measures the work done per
// keystroke (context analysis + items) for the common contexts, plus diagnostics and the one-time index build.
// Prints p50/p95 in milliseconds; asserts nothing.
import { performance } from 'node:perf_hooks';
import { complete } from '../../src/extension/language/core/complete.js';
import { diagnose } from '../../src/extension/language/core/diagnostics.js';
import { hoverAt } from '../../src/extension/language/core/hover.js';
import { SchemaIndex, type SchemaModel } from '../../src/extension/schema/schemaIndex.js';

const TABLES = Number(process.env.BENCH_TABLES ?? 2000);
const KEYSPACES = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 400);
const TYPES = ['text', 'int', 'uuid', 'timestamp', 'map<text, int>', 'vector<float, 768>', 'frozen<list<text>>'];

function generate(): SchemaModel {
  const keyspaces: SchemaModel['keyspaces'] = Array.from({ length: KEYSPACES }, (_, k) => ({ name: `ks_${k}`, tables: [] }));
  for (let t = 0; t < TABLES; t++) {
    const n = 8 + ((t * 7) % 33);
    const columns = Array.from({ length: n }, (_, c) => ({
      name: c === 0 ? 'id' : `col_${c}`,
      type: TYPES[(t + c) % TYPES.length]!,
      kind: c === 0 ? ('partition_key' as const) : c === 1 ? ('clustering' as const) : ('regular' as const),
      position: c < 2 ? 0 : -1,
    }));
    keyspaces[t % KEYSPACES]!.tables.push({ name: `table_${String(t).padStart(4, '0')}`, columns });
  }
  return { keyspaces };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(label: string, fn: (i: number) => number): void {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < 20; i++) fn(i); // warm-up (JIT)
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    items = fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(3)} ms  p95 ${percentile(times, 95).toFixed(3)} ms  (${items} items)`);
}

const model = generate();
let start = performance.now();
const schema = new SchemaIndex(model);
console.log(`index build: ${TABLES} tables, ${model.keyspaces.reduce((n, k) => n + k.tables.reduce((m, t) => m + t.columns.length, 0), 0)} columns in ${(performance.now() - start).toFixed(1)} ms`);

// A realistic document: 200 statements before the cursor, so statement splitting and USE tracking are included.
// Every run gets a different text (as every keystroke does), so nothing is served from the last-text memo.
const filler = Array.from({ length: 200 }, (_, i) => `SELECT id, col_2 FROM ks_${i % KEYSPACES}.table_${String(i).padStart(4, '0')} WHERE id = ${i};`).join('\n');
const doc = (cursorLine: string, i = 0) => {
  const text = `-- edit ${i}\n${filler}\n${cursorLine}`;
  const offset = text.lastIndexOf('|');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
};
const run = (line: string, keyspace?: string) => {
  const docs = Array.from({ length: RUNS + 20 }, (_, i) => doc(line, i));
  return (i: number) => complete(docs[i]!.text, docs[i]!.offset, schema, keyspace ? { keyspace } : {}).items.length;
};

measure('tables after FROM (keyspace set, 50 tables)', run('SELECT * FROM |', 'ks_3'));
measure('qualified tables after FROM ks_7.', run('SELECT * FROM ks_7.|'));
measure('tables by prefix across 2,000 (no keyspace)', run('SELECT * FROM table_01|'));
measure('columns in select list (FROM after cursor)', run('SELECT | FROM ks_5.table_0005 WHERE id = 1', 'ks_5'));
measure('columns in WHERE', run('SELECT * FROM ks_9.table_0009 WHERE id = 1 AND |'));
measure('keyspaces after USE', run('USE |'));
measure('statement start', run('|'));
measure('types in CREATE TABLE', run('CREATE TABLE ks_1.x (id |'));
{
  const texts = Array.from({ length: RUNS + 20 }, (_, i) => doc('SELECT nope FROM ks_1.table_0001;', i).text);
  measure('diagnostics, 201 statements', (i) => diagnose(texts[i]!, schema).length);
  measure('hover on a table', (i) => (hoverAt(texts[i]!, texts[i]!.length - 5, schema) ? 1 : 0));
}
start = performance.now();
for (let i = 0; i < 10; i++) new SchemaIndex(model);
console.log(`index rebuild (schema change): ${((performance.now() - start) / 10).toFixed(1)} ms`);
