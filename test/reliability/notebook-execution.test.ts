// The notebook execution core under stress: cancelling at every stage (before send, while connecting, while waiting
// for the answer, mid-paging, during an export), running on a connection that was closed underneath, and 1,000
// statements back to back with memory figures (RELIABILITY_SOAK=1 runs 20,000).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CqlSession, Outcome } from '../../src/extension/cql/session.js';
import type { SandboxHandle } from '../sandbox/index.js';
import { isRealTarget, testTarget, type TestTarget } from '../support/target.js';
import { mb, record, settledMemory, timed } from './support/report.js';
import { cellErrorText, extensionStack, rowsOf, runCell, type ExtensionStack } from './support/stack.js';

const AREA = 'notebook execution';
const SOAK = process.env.RELIABILITY_SOAK === '1';
// Cancelling must take effect at once, not when the driver gives up.
const PROMPT_MS = 300;
const skip = isRealTarget() && 'fault injection needs the sandbox';

let target: TestTarget;
let sb: SandboxHandle;
let stack: ExtensionStack;
let id: string;
let s: CqlSession;

async function cancelAfter(ms: number, work: (signal: AbortSignal) => Promise<Outcome[]>) {
  const abort = new AbortController();
  const started = performance.now();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    abort.abort();
  }, ms);
  const out = await work(abort.signal);
  return { out, afterAbortMs: performance.now() - (abortedAt || started) };
}

/** count(*) is a bigint, encoded losslessly as { t: 'bigint', v: '…' }. */
const count = async (p: number) => {
  const cell = rowsOf((await runCell(s, `SELECT count(*) FROM rel WHERE p = ${p}`))[0])[0]![0] as { v: string };
  return Number(cell.v);
};

before(async () => {
  if (skip) return;
  target = await testTarget({ seed: 'none' });
  sb = target.sandbox!;
  stack = await extensionStack({ connectTimeoutSeconds: 5, requestTimeoutSeconds: 10 });
  id = await stack.addBundleProfile(target.bundlePath!, target.token, { keyspace: target.keyspace });
  s = stack.session(id);
  assert.equal(cellErrorText(await runCell(s, 'CREATE TABLE IF NOT EXISTS rel (p int, c int, v text, PRIMARY KEY (p, c))')), '');
  for (let c = 0; c < 1000; c++) sb.adminQuery(`INSERT INTO ${target.keyspace}.rel (p, c, v) VALUES (1, ${c}, 'v${c}')`);
});

after(async () => {
  await stack?.stop();
  await target?.stop();
});

describe('cancelling at every stage', { skip }, () => {
  test('before send: nothing reaches the database', async () => {
    const abort = new AbortController();
    abort.abort();
    const out = await runCell(s, "INSERT INTO rel (p, c, v) VALUES (2, 1, 'never')", abort.signal);
    assert.deepEqual(out.map((o) => o.kind), ['cancelled']);
    assert.deepEqual(rowsOf((await runCell(s, 'SELECT v FROM rel WHERE p = 2'))[0]), []);
    record({ area: AREA, case: 'cancel before send', observed: 'outcome "cancelled"; the INSERT never reached the database' });
  });

  test('while connecting (metadata service slow): stops waiting at once, the next run connects', async () => {
    await stack.service.disconnect(id);
    sb.faults.metadataDelayMs = 3000;
    const { out, afterAbortMs } = await cancelAfter(200, (signal) => runCell(s, 'SELECT v FROM rel WHERE p = 1 LIMIT 1', signal));
    sb.faults.reset();
    assert.deepEqual(out.map((o) => o.kind), ['cancelled']);
    assert.ok(afterAbortMs < PROMPT_MS, `${afterAbortMs} ms after the abort`);
    assert.equal(cellErrorText(await runCell(s, 'SELECT v FROM rel WHERE p = 1 LIMIT 1')), '');
    record({ area: AREA, case: 'cancel while connecting', observed: 'cancelled; the next run connects', ms: afterAbortMs });
  });

  test('while waiting for the answer: stops waiting at once; the write itself is applied (the server had it)', async () => {
    sb.faults.latencyMs = 2000;
    const { out, afterAbortMs } = await cancelAfter(200, (signal) => runCell(s, "INSERT INTO rel (p, c, v) VALUES (3, 1, 'late')", signal));
    sb.faults.reset();
    assert.deepEqual(out.map((o) => o.kind), ['cancelled']);
    assert.ok(afterAbortMs < PROMPT_MS, `${afterAbortMs} ms after the abort`);
    assert.deepEqual(rowsOf((await runCell(s, 'SELECT v FROM rel WHERE p = 3'))[0]), [['late']]);
    record({ area: AREA, case: 'cancel while waiting for the answer', observed: 'cancelled at once; the server-side write still happened (cancel cannot unsend); next run works', ms: afterAbortMs });
  });

  test('mid-paging with PAGING OFF: stops between pages, the session keeps working', async () => {
    assert.equal(cellErrorText(await runCell(s, 'PAGING 50')), '');
    const pagingOff = stack.session(id, { unpagedPageSize: 50 });
    await runCell(pagingOff, 'PAGING OFF');
    sb.faults.latencyMs = 100;
    const { out, afterAbortMs } = await cancelAfter(350, (signal) => runCell(pagingOff, 'SELECT c FROM rel WHERE p = 1', signal));
    sb.faults.reset();
    assert.deepEqual(out.map((o) => o.kind), ['cancelled']);
    assert.ok(afterAbortMs < PROMPT_MS);
    assert.equal(rowsOf((await runCell(pagingOff, 'SELECT c FROM rel WHERE p = 1'))[0]).length, 1000);
    record({ area: AREA, case: 'cancel mid-paging (PAGING OFF)', observed: 'cancelled between pages; the re-run returns all 1000 rows', ms: afterAbortMs });
  });

  test('Load more and export cancelled mid-way: the live query stays usable and nothing is skipped', async () => {
    const first = (await runCell(s, 'SELECT c FROM rel WHERE p = 1'))[0]!;
    const payload = first.kind === 'result' ? first.payload : assert.fail(cellErrorText([first]));
    sb.faults.latencyMs = 500;
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const cancelled = await timed(() => s.loadMore(payload.queryId, abort.signal));
    sb.faults.reset();
    assert.equal((cancelled.error as Error)?.name, 'CancelledError');
    // The abandoned page may still be in flight: wait for it so the session's "busy" guard has cleared.
    await new Promise((r) => setTimeout(r, 700));
    const next = await s.loadMore(payload.queryId);
    assert.deepEqual(next.rows.map((r) => r[0]), Array.from({ length: next.rows.length }, (_, i) => payload.rows.length + i));
    let exported = 0;
    const exportAbort = new AbortController();
    const exp = await timed(() =>
      s.exportAll(payload.queryId, async (_c, rows) => {
        exported += rows.length;
        if (exported >= 200) exportAbort.abort();
      }, exportAbort.signal, 100),
    );
    assert.equal((exp.error as Error)?.name, 'CancelledError');
    assert.ok(exported < 1000, `export went on after cancel: ${exported} rows`);
    assert.equal(await s.exportAll(payload.queryId, async () => {}, undefined, 250), 1000);
    record({ area: AREA, case: 'cancel Load more / export', observed: `Load more → CancelledError, the next Load more continues at row ${payload.rows.length}; export stopped at ${exported} rows, a full export then gives 1000` });
  });
});

describe('closed connections', { skip }, () => {
  test('the connection was disconnected (Disconnect command): the next run reconnects', async () => {
    await stack.service.disconnect(id);
    const r = await timed(() => runCell(s, 'SELECT v FROM rel WHERE p = 1 LIMIT 1'));
    assert.equal(cellErrorText(r.value!), '');
    assert.equal(stack.service.state(id), 'connected');
    record({ area: AREA, case: 'run after Disconnect', observed: 'reconnects transparently', ms: r.ms });
  });

  test('the driver client was shut down underneath the service: the next run recovers', async () => {
    await stack.service.client(id);
    await stack.service.connectedClient(id)!.shutdown();
    const out = await runCell(s, 'SELECT v FROM rel WHERE p = 1 LIMIT 1');
    record({ area: AREA, case: 'run after the driver client was shut down', observed: cellErrorText(out).split('\n')[0] || 'reconnected' });
    await stack.service.disconnect(id);
    assert.equal(cellErrorText(out), '');
  });
});

describe('soak', { skip }, () => {
  test(`${SOAK ? '20,000' : '1,000'} statements back to back with steady memory`, { timeout: SOAK ? 900_000 : 180_000 }, async () => {
    const n = SOAK ? 20_000 : 1_000;
    await runCell(s, 'SELECT v FROM rel WHERE p = 1 LIMIT 1');
    const mem0 = await settledMemory();
    const t0 = performance.now();
    let mid = 0;
    for (let i = 0; i < n; i++) {
      const stmt = i % 2 ? `SELECT c, v FROM rel WHERE p = 1 AND c = ${i % 1000}` : `INSERT INTO rel (p, c, v) VALUES (4, ${i}, 'soak ${i}')`;
      const out = await runCell(s, stmt);
      if (out[0]?.kind !== 'result') assert.fail(`statement ${i}: ${cellErrorText(out)}`);
      if (i === Math.floor(n / 2)) mid = await settledMemory();
    }
    const elapsed = performance.now() - t0;
    const end = await settledMemory();
    assert.equal(await count(4), n / 2);
    const growth = end - mid;
    const line = `memory before ${mb(mem0)}, halfway ${mb(mid)}, after ${mb(end)}; ${(elapsed / n).toFixed(2)} ms/statement`;
    console.log(`soak: ${n} statements: ${line}`);
    // After the first half, the session holds at most its 200 live queries: the second half must not keep growing.
    assert.ok(growth < 16 * 1024 * 1024, `memory grew ${mb(growth)} over the second half`);
    record({ area: AREA, case: `${n} statements back to back`, observed: `all succeeded, none lost (count matches); ${line}`, ms: elapsed });
  });
});
