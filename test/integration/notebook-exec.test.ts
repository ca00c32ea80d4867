// The notebook execution core (statement → driver → payload) against the sandbox or a real cluster.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client } from 'cassandra-driver';
import { CqlSession, type Outcome } from '../../src/extension/cql/session.js';
import { runCell } from '../support/cells.js';
import { formatValue } from '../../src/shared/valueEncoding.js';
import { isResultPayload, type ResultPayload } from '../../src/shared/resultPayload.js';
import { serverFeatures, type ServerFeatures } from '../support/features.js';
import { isRealTarget, needsBundle, nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

let target: TestTarget;
let client: Client;
let ks: string;
let features: ServerFeatures;
/** Table and type names, unique per run in a shared keyspace. */
const T = { pages: '', multi: '', addr: '', types_t: '', warned: '' };

const newSession = (opts: Partial<ConstructorParameters<typeof CqlSession>[0]> = {}) =>
  new CqlSession({ client: async () => client, pageSize: 100, timeZone: 'UTC', keyspace: ks, ...opts });


function payloadOf(o: Outcome | undefined): ResultPayload {
  assert.ok(o, 'no outcome');
  if (o.kind === 'error') assert.fail(`${o.failure.name}: ${o.failure.message}`);
  assert.equal(o.kind, 'result');
  assert.ok(isResultPayload(o.payload), 'payload fails its own guard');
  return o.payload;
}

before(async () => {
  target = await testTarget({ seed: 'none' });
  ks = target.keyspace;
  client = new Client(nodeClientOptions(target, { queryOptions: { consistency: 6 } } as never));
  await client.connect();
  for (const k of Object.keys(T) as (keyof typeof T)[]) T[k] = target.name(k);
  features = await serverFeatures(client, target);
  await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${T.pages} (p int, c int, v text, PRIMARY KEY (p, c))`);
  const insert = `INSERT INTO ${ks}.${T.pages} (p, c, v) VALUES (?, ?, ?)`;
  for (let start = 0; start < 250; start += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.execute(insert, [1, start + i, `row ${start + i}`], { prepare: true })));
  }
});

after(async () => {
  await client?.shutdown();
  await target?.stop();
});

describe('notebook execution core', () => {
  test('a multi-statement cell gives one outcome per statement, with DDL and USE tracked', async () => {
    let schemaChanges = 0;
    const s = newSession({ keyspace: undefined, onSchemaChanged: () => schemaChanges++ });
    const out = await runCell(s, `USE ${ks};
CREATE TABLE ${T.multi} (k int PRIMARY KEY, v text);
INSERT INTO ${T.multi} (k, v) VALUES (1, 'a;b');
-- comment between statements
SELECT k, v FROM ${T.multi} WHERE k = 1;`);
    assert.equal(out.length, 4);
    assert.equal(s.keyspace, ks);
    assert.equal(payloadOf(out[0]).kind, 'void');
    assert.match(payloadOf(out[0]).message ?? '', new RegExp(`Now using keyspace ${ks}`));
    assert.equal(schemaChanges, 1);
    const sel = payloadOf(out[3]);
    assert.deepEqual(sel.columns, [{ name: 'k', type: 'int' }, { name: 'v', type: 'text' }]);
    assert.deepEqual(sel.rows, [[1, 'a;b']]);
    assert.equal(sel.hasMore, false);
    assert.ok(sel.coordinator, 'coordinator is reported');
  });

  test('USE in one notebook does not leak into another notebook or the shared client', async () => {
    const before = (client as unknown as { keyspace?: string }).keyspace;
    const a = newSession({ keyspace: undefined });
    const b = newSession({ keyspace: 'system' });
    payloadOf((await runCell(a, `USE ${ks}`))[0]);
    assert.equal(a.keyspace, ks);
    assert.equal(b.keyspace, 'system');
    assert.equal((client as unknown as { keyspace?: string }).keyspace, before);
    const ok = await runCell(a, `SELECT count(*) FROM ${T.pages}`);
    assert.equal(formatValue(payloadOf(ok[0]).rows[0]![0]!), '250');
    const other = await runCell(b, `SELECT count(*) FROM ${T.pages}`);
    assert.equal(other[0]!.kind, 'error', 'pages must not resolve in a notebook using another keyspace');
    const local = await runCell(b, "SELECT key FROM local WHERE key = 'local'");
    assert.deepEqual(payloadOf(local[0]).rows, [['local']]);
    // Interleaved, concurrently: each statement still runs in its own notebook's keyspace.
    const [x, y] = await Promise.all([runCell(a, `SELECT count(*) FROM ${T.pages}`), runCell(b, "SELECT key FROM local WHERE key = 'local'")]);
    assert.equal(formatValue(payloadOf(x[0]).rows[0]![0]!), '250');
    assert.deepEqual(payloadOf(y[0]).rows, [['local']]);
    const bad = await runCell(a, 'USE no_such_keyspace_here');
    assert.equal(bad[0]!.kind, 'error');
    assert.equal(a.keyspace, ks, 'a failed USE keeps the keyspace');
  });

  test('every CQL type comes back exactly', async () => {
    const s = newSession();
    // Every type the server has: vector<float, n> only from Cassandra 5.0 (and on Astra).
    const vec = features.vector ? { col: ' vec vector<float, 3>,', name: ' vec,', value: ' [0.5, -1, 2.25],' } : { col: '', name: '', value: '' };
    const out = await runCell(s, `CREATE TYPE IF NOT EXISTS ${T.addr} (street text, zip int);
CREATE TABLE IF NOT EXISTS ${T.types_t} (k int PRIMARY KEY, big bigint, vi varint, de decimal, d double, f float, b boolean,
  ts timestamp, da date, ti time, du duration, u uuid, tu timeuuid, bl blob, ip inet, l list<text>, st set<int>,
  m map<text, int>, tup tuple<int, text>, a frozen<${T.addr}>,${vec.col} sm smallint, ty tinyint, txt text);
INSERT INTO ${T.types_t} (k, big, vi, de, d, f, b, ts, da, ti, du, u, tu, bl, ip, l, st, m, tup, a,${vec.name} sm, ty, txt)
VALUES (1, 9223372036854775807, 123456789012345678901234567890, 12345678901234567890.123456789, 0.1, 1.1, true,
  '2024-03-01 12:00:00.123+0000', '2024-02-29', '23:59:59.123456789', 1h30m, 550e8400-e29b-41d4-a716-446655440000,
  13814001-1dd2-11b2-9dc1-c2f47c9ce897, 0xcafe, '192.168.0.1', ['x', 'it''s'], {3, 1, 2}, {'a': 1, 'b': 2},
  (7, 'seven'), {street: 'Main', zip: 12345},${vec.value} -32768, 127, '<img src=x onerror=alert(1)>');
INSERT INTO ${T.types_t} (k, txt) VALUES (2, '');
SELECT * FROM ${T.types_t} WHERE k IN (1, 2);`);
    const p = payloadOf(out[out.length - 1]);
    const byName = (row: number) => Object.fromEntries(p.columns.map((c, i) => [c.name, p.rows[row]![i]!]));
    const r = byName(0);
    const show = (col: string) => formatValue(r[col]!);
    assert.equal(show('big'), '9223372036854775807');
    assert.equal(show('vi'), '123456789012345678901234567890');
    assert.equal(show('de'), '12345678901234567890.123456789');
    assert.equal(show('d'), '0.1');
    assert.equal(show('f'), '1.1');
    assert.equal(show('b'), 'true');
    assert.equal(show('ts'), '2024-03-01T12:00:00.123Z');
    assert.equal(show('da'), '2024-02-29');
    assert.equal(show('ti'), '23:59:59.123456789');
    assert.equal(show('du'), '1h30m');
    assert.equal(show('u'), '550e8400-e29b-41d4-a716-446655440000');
    assert.equal(show('tu'), '13814001-1dd2-11b2-9dc1-c2f47c9ce897');
    assert.equal(show('bl'), '0xcafe');
    assert.equal(show('ip'), '192.168.0.1');
    assert.equal(show('l'), "['x', 'it''s']");
    assert.equal(show('st'), '{1, 2, 3}');
    assert.equal(show('m'), "{'a': 1, 'b': 2}");
    assert.equal(show('tup'), "(7, 'seven')");
    assert.equal(show('a'), "{street: 'Main', zip: 12345}");
    if (features.vector) assert.equal(show('vec'), '[0.5, -1, 2.25]');
    assert.equal(show('sm'), '-32768');
    assert.equal(show('ty'), '127');
    assert.equal(r['txt'], '<img src=x onerror=alert(1)>');
    const colType = (n: string) => p.columns.find((c) => c.name === n)?.type;
    assert.equal(colType('vec'), features.vector ? 'vector<float, 3>' : undefined);
    assert.equal(colType('m'), 'map<text, int>');
    const r2 = byName(1);
    assert.equal(r2['txt'], '', 'empty text stays an empty string');
    assert.equal(r2['big'], null, 'unset columns are null');
  });

  test('paging: first page, Load more until done, then export of all pages', async () => {
    const s = newSession();
    const p = payloadOf((await runCell(s, `SELECT c FROM ${T.pages} WHERE p = 1`))[0]);
    assert.equal(p.rows.length, 100);
    assert.equal(p.hasMore, true);
    assert.equal(s.isLive(p.queryId), true);
    const second = await s.loadMore(p.queryId);
    assert.equal(second.rows.length, 100);
    assert.equal(second.rows[0]![0], 100);
    const third = await s.loadMore(p.queryId);
    assert.deepEqual([third.rows.length, third.hasMore], [50, false]);
    const seen: number[] = [];
    const total = await s.exportAll(p.queryId, async (_c, rows) => void seen.push(...rows.map((r) => r[0] as number)), undefined, 64);
    assert.equal(total, 250);
    assert.deepEqual(seen, Array.from({ length: 250 }, (_, i) => i));
    await assert.rejects(s.loadMore('nope:1'), /no longer attached to a live session/);
  });

  test('Load more reads the following page ahead while this one is encoded; a cancelled Load more keeps it', async () => {
    // Requests for later pages (those sent with a page state) are counted on the way to the real client.
    let pagedRequests = 0;
    const counting = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return (q: string, params: unknown, options?: { pageState?: unknown }) => {
            if (options?.pageState) pagedRequests++;
            return target.execute(q, params as never, options as never);
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const s = newSession({ client: async () => counting });
    const p = payloadOf((await runCell(s, `SELECT c FROM ${T.pages} WHERE p = 1`))[0]);
    assert.equal(pagedRequests, 0, 'the first page reads nothing ahead');
    const second = await s.loadMore(p.queryId);
    assert.deepEqual([second.rows[0]![0], second.rows.length, pagedRequests], [100, 100, 2], 'page 2 read, page 3 requested before it was asked for');
    // A Load more cancelled while it waits leaves the page read ahead for the next one.
    const stop = new AbortController();
    stop.abort();
    await assert.rejects(s.loadMore(p.queryId, stop.signal), /cancel/i);
    const third = await s.loadMore(p.queryId);
    assert.deepEqual([third.rows[0]![0], third.rows.length, third.hasMore, pagedRequests], [200, 50, false, 2], 'page 3 came from the read-ahead, nothing after the last page');
    const rows: number[] = [];
    assert.equal(await s.exportAll(p.queryId, async (_c, r) => void rows.push(...r.map((x) => x[0] as number)), undefined, 64), 250);
    assert.deepEqual(rows, Array.from({ length: 250 }, (_, i) => i), 'the export reading ahead keeps pages in order');
  });

  test('the request for the next page is on the socket before the current page is encoded', async () => {
    // The driver writes a request only after several awaits and a nextTick; a page encoded right after asking for
    // the next one kept that request in the client until the encoding was done, so the server idled meanwhile.
    let writes = 0;
    let requestedAt = -1;
    const leftBeforeEncoding: boolean[] = [];
    const write = (net.Socket.prototype as unknown as { write: (...a: unknown[]) => boolean }).write;
    Object.defineProperty(net.Socket.prototype, 'write', {
      configurable: true,
      writable: true,
      value(this: unknown, ...a: unknown[]) {
        writes++;
        return write.apply(this, a);
      },
    });
    const watching = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return async (q: string, params: unknown, options?: Record<string, unknown>) => {
            requestedAt = writes;
            const rs = await target.execute(q, params as never, options as never);
            const first = rs.rows[0];
            if (first && rs.pageState) {
              // Read when the encoder turns this row into its payload value (int: Number(value)).
              const c = first['c'] as number;
              first['c'] = { valueOf: () => (leftBeforeEncoding.push(writes > requestedAt), c) };
            }
            return rs;
          };
        }
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const s = newSession({ client: async () => watching });
      const p = payloadOf((await runCell(s, `SELECT c FROM ${T.pages} WHERE p = 1`))[0]);
      leftBeforeEncoding.length = 0; // the first page reads nothing ahead
      const second = await s.loadMore(p.queryId);
      assert.equal(second.rows[0]![0], 100);
      assert.deepEqual(leftBeforeEncoding, [true], 'page 3 was requested on the wire before page 2 was encoded');
      leftBeforeEncoding.length = 0;
      assert.equal(await s.exportAll(p.queryId, async () => undefined, undefined, 64), 250);
      assert.deepEqual(leftBeforeEncoding, [true, true, true], 'each export page but the last: its next page was on the wire first');
    } finally {
      delete (net.Socket.prototype as unknown as { write?: unknown }).write;
    }
  });

  test('PAGING n / OFF and EXPAND change what a SELECT returns', async () => {
    const s = newSession();
    const out = await runCell(s, `PAGING 30\nEXPAND ON\nSELECT c FROM ${T.pages} WHERE p = 1;`);
    assert.deepEqual(out.slice(0, 2).map((o) => o.kind === 'text' && o.text), ['Page size: 30', 'Now Expanded output is enabled']);
    const p = payloadOf(out[2]);
    assert.equal(p.rows.length, 30);
    assert.equal(p.expand, true);
    const all = payloadOf((await runCell(s, `PAGING OFF\nSELECT c FROM ${T.pages} WHERE p = 1;`))[1]);
    assert.equal(all.rows.length, 250);
    assert.equal(all.hasMore, false);
    assert.equal(all.pageInfo.pageSize, null);
  });

  test('CONSISTENCY is applied to the statements that follow', async () => {
    const s = newSession();
    const out = await runCell(s, `CONSISTENCY\nCONSISTENCY ONE\nSELECT c FROM ${T.pages} WHERE p = 1 LIMIT 1;`);
    assert.deepEqual(out.slice(0, 2).map((o) => o.kind === 'text' && o.text), ['Current consistency level is LOCAL_QUORUM.', 'Consistency level set to ONE.']);
    assert.equal(payloadOf(out[2]).consistency, 'ONE');
  });

  test('cancel mid-paging stops waiting and stops fetching pages', async () => {
    let calls = 0;
    const counting = new Proxy(client, {
      get(t, prop, recv) {
        // Pages are read with eachRow (execute for anything else): count both.
        if (prop === 'execute' || prop === 'eachRow') return (...args: unknown[]) => (calls++, (t[prop] as (...a: unknown[]) => unknown).apply(t, args));
        return Reflect.get(t, prop, recv);
      },
    });
    // PAGING OFF fetches every page (here 50 pages of 5 rows); cancel after a few of them.
    const s = newSession({ client: async () => counting as Client, unpagedPageSize: 5 });
    const faults = target.sandbox?.faults as { latencyMs: number } | undefined;
    if (faults) faults.latencyMs = 20;
    try {
      const abort = new AbortController();
      const started = Date.now();
      const run = runCell(s, `PAGING OFF\nSELECT c FROM ${T.pages} WHERE p = 1;`, abort.signal);
      const poll = setInterval(() => calls >= 3 && abort.abort(), 2);
      const out = await run;
      clearInterval(poll);
      assert.equal(out[out.length - 1]!.kind, 'cancelled');
      assert.ok(Date.now() - started < 5000);
      const atCancel = calls;
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(calls <= atCancel + 1, `paging went on after cancel (${atCancel} → ${calls})`);
      assert.ok(calls < 50, `fetched ${calls} of 50 pages`);
      // Export stops the same way.
      const p = payloadOf((await runCell(s, `PAGING 5\nSELECT c FROM ${T.pages} WHERE p = 1;`))[1]);
      const stop = new AbortController();
      const base = calls;
      const exporting = s.exportAll(p.queryId, async () => void (calls - base >= 3 && stop.abort()), stop.signal, 5);
      await assert.rejects(exporting, /Cancelled/);
      const atStop = calls;
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(calls <= atStop + 1, `export kept paging (${atStop} → ${calls})`);
    } finally {
      if (faults) faults.latencyMs = 0;
    }
  });

  test('errors: syntax (with the position in the cell), invalid, unauthorized, shell', async () => {
    const s = newSession();
    const out = await runCell(s, `SELECT c FROM ${T.pages} LIMIT 1;\n\n  SELEC * FROM ${T.pages};`);
    const err = out[1];
    assert.equal(err?.kind, 'error');
    if (err?.kind !== 'error') return;
    assert.equal(err.failure.errorClass, 'syntax');
    assert.equal(err.failure.name, 'SyntaxException');
    assert.equal(err.failure.statement, `SELEC * FROM ${T.pages}`);
    assert.deepEqual(err.failure.position, { line: 2, column: 2 });
    const inv = (await runCell(s, 'SELECT * FROM no_such_table'))[0];
    assert.ok(inv?.kind === 'error' && inv.failure.errorClass === 'invalid', JSON.stringify(inv));
    const unauthorized = (await runCell(s, 'ALTER TABLE system.local ADD nope int'))[0];
    assert.ok(unauthorized?.kind === 'error' && unauthorized.failure.errorClass === 'unauthorized', JSON.stringify(unauthorized));
    assert.equal(unauthorized.failure.name, 'Unauthorized');
    const shell = (await runCell(s, 'CONSISTENCY SOMETIMES'))[0];
    assert.ok(shell?.kind === 'error' && shell.failure.errorClass === 'shell');
  });

  test('errors: unavailable, read and write timeouts (injected by the sandbox)', { skip: isRealTarget() && 'needs sandbox faults' }, async () => {
    const faults = target.sandbox!.faults as { errorFor: { match: string; error: string; times?: number }[]; reset(): void };
    const s = newSession();
    const cases: [string, string, string][] = [
      ['unavailable', `SELECT c FROM ${T.pages} WHERE p = 7`, 'unavailable'],
      ['read_timeout', `SELECT c FROM ${T.pages} WHERE p = 8`, 'read_timeout'],
      ['write_timeout', `INSERT INTO ${T.pages} (p, c, v) VALUES (9, 9, 'w')`, 'write_timeout'],
    ];
    try {
      for (const [error, cql, cls] of cases) {
        faults.errorFor.push({ match: cql, error });
        const o = (await runCell(s, cql))[0];
        assert.ok(o?.kind === 'error', `${error}: ${JSON.stringify(o)}`);
        assert.equal(o.failure.errorClass, cls, o.failure.message);
      }
    } finally {
      faults.reset();
    }
  });

  test('server warnings come back with the result (Astra ignores some table options)', { skip: needsBundle() }, async () => {
    const s = newSession();
    const p = payloadOf((await runCell(s, `CREATE TABLE IF NOT EXISTS ${T.warned} (k int PRIMARY KEY) WITH bloom_filter_fp_chance = 0.01`))[0]);
    assert.equal(p.kind, 'void');
    assert.ok(p.warnings.some((w) => /Ignoring provided values \[bloom_filter_fp_chance\]/.test(w)), JSON.stringify(p.warnings));
  });

  test('TRACING ON returns the trace events with the result', async () => {
    const s = newSession();
    const out = await runCell(s, `TRACING ON\nSELECT c FROM ${T.pages} WHERE p = 1 LIMIT 3;\nTRACING OFF`);
    assert.equal(out[0]!.kind === 'text' && out[0]!.text, 'Now Tracing is enabled');
    const p = payloadOf(out[1]);
    assert.ok(p.trace, 'trace present');
    assert.equal(p.trace!.error, undefined, p.trace!.error);
    assert.ok(p.trace!.events.length > 0, 'trace has events');
    assert.equal(s.tracing, false);
    const q = payloadOf((await runCell(s, `SELECT c FROM ${T.pages} WHERE p = 1 LIMIT 1`))[0]);
    assert.equal(q.trace, undefined);
  });
});
