// Two notebooks on one connection (one shared driver client) with slow server answers: the second notebook's
// statement reaches the server while the first one's request is still out, and cancelling the first does not hold
// the second back; the same when the two notebooks use different keyspaces (the second then runs on the
// connection's client bound to its keyspace). Sandbox only: it delays answers with fault injection and looks into
// the server's data directly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from 'cassandra-driver';
import { CqlSession, type Outcome } from '../../src/extension/cql/session.js';
import { KeyspaceClients } from '../../src/extension/connections/keyspaceClients.js';
import { splitStatements } from '../../src/extension/cql/statements.js';
import { isRealTarget, nodeClientOptions, testTarget, type TestTarget } from '../support/target.js';

const skip = isRealTarget() && 'needs the sandbox (server latency injection)';
/** On Astra (or with CQL_TEST_KEYSPACE) there is one fixed keyspace, and CQL cannot create a second one. */
const skipTwoKeyspaces = skip || (!!process.env.CQL_TEST_KEYSPACE && 'needs two keyspaces; the target has one fixed keyspace (Astra, CQL_TEST_KEYSPACE)');
/** Server answer delay: far longer than it takes to send a statement, so overlap or its absence is unmistakable. */
const LATENCY_MS = 3000;

let target: TestTarget;
let client: Client;
/** A second keyspace of the same database, and the connection's clients bound to one keyspace each. */
let otherKeyspace: string;
let keyspaceClients: KeyspaceClients;
/** Driver requests still out, by a marker in their CQL. */
const inFlight = new Set<string>();

before(async () => {
  if (skip) return;
  target = await testTarget({ seed: 'none' });
  client = new Client(nodeClientOptions(target));
  await client.connect();
  await client.execute(`CREATE TABLE ${target.keyspace}.marks (k text PRIMARY KEY)`);
  trackInFlight(client);
  otherKeyspace = `${target.keyspace}_b`;
  await target.sandbox!.createKeyspace(otherKeyspace);
  await client.execute(`CREATE TABLE ${otherKeyspace}.marks (k text PRIMARY KEY)`);
  keyspaceClients = new KeyspaceClients(async (keyspace) => {
    const c = new Client(nodeClientOptions(target, { keyspace }));
    await c.connect();
    trackInFlight(c);
    return c;
  });
  // Opened before the server turns slow: the tests are about statements overlapping, not about connecting.
  (await keyspaceClients.acquire(otherKeyspace)).release();
  target.sandbox!.faults.latencyMs = LATENCY_MS;
});

after(async () => {
  if (target?.sandbox) target.sandbox.faults.latencyMs = 0;
  await keyspaceClients?.closeAll();
  await client?.shutdown();
  await target?.stop();
});

/** Notes each statement's marker in `inFlight` while the driver request for it is out (sessions read with eachRow). */
function trackInFlight(c: Client): void {
  type Callback = (err: unknown, result: unknown) => void;
  const eachRow = c.eachRow.bind(c) as (q: string, p: unknown, o: unknown, row: unknown, done: Callback) => void;
  (c as unknown as { eachRow: typeof eachRow }).eachRow = (query, params, options, onRow, done) => {
    const marker = /'(\w+)'/.exec(query)?.[1] ?? '';
    inFlight.add(marker);
    eachRow(query, params, options, onRow, (err, result) => {
      inFlight.delete(marker);
      done(err, result);
    });
  };
}

const notebook = (keyspace = target.keyspace) => new CqlSession({
  client: async () => client,
  keyspaceClient: (ks) => keyspaceClients.acquire(ks),
  pageSize: 100,
  timeZone: 'UTC',
  keyspace,
});
const run = (s: CqlSession, cql: string, signal?: AbortSignal) => s.run(splitStatements(cql)[0]!, signal);
const stored = (k: string, keyspace = target.keyspace) => {
  const r = target.sandbox!.adminQuery(`SELECT k FROM ${keyspace}.marks WHERE k = '${k}'`);
  return r.kind === 'rows' && r.rows.length === 1;
};

/** Waits until the server has stored `k` (or `settled` resolves) and says whether `marker`'s request was still out. */
async function whenStored(k: string, settled: Promise<Outcome>, marker: string, keyspace = target.keyspace): Promise<{ stored: boolean; otherStillOut: boolean }> {
  let done = false;
  void settled.finally(() => (done = true));
  while (!stored(k, keyspace) && !done) await new Promise((r) => setTimeout(r, 5));
  return { stored: stored(k, keyspace), otherStillOut: inFlight.has(marker) };
}

test('a second notebook on the same connection runs while the first one waits for the server', { skip }, async () => {
  const first = run(notebook(), `SELECT k FROM marks WHERE k = 'slow1'`);
  const second = run(notebook(), `INSERT INTO marks (k) VALUES ('fast1')`);
  const seen = await whenStored('fast1', second, 'slow1');
  assert.deepEqual(seen, { stored: true, otherStillOut: true }, 'the second statement only reached the server after the first answer');
  assert.equal((await first).kind, 'result');
  assert.equal((await second).kind, 'result');
});

test('cancelling a cell does not hold back another notebook on the same connection', { skip }, async () => {
  const abort = new AbortController();
  const cancelled = run(notebook(), `SELECT k FROM marks WHERE k = 'slow2'`, abort.signal);
  while (!inFlight.has('slow2')) await new Promise((r) => setImmediate(r));
  abort.abort();
  assert.equal((await cancelled).kind, 'cancelled');
  const other = run(notebook(), `INSERT INTO marks (k) VALUES ('fast2')`);
  const seen = await whenStored('fast2', other, 'slow2');
  assert.deepEqual(seen, { stored: true, otherStillOut: true }, 'the other notebook waited for the cancelled request');
  assert.equal((await other).kind, 'result');
});

test('notebooks on different keyspaces of one connection run at the same time', { skip: skipTwoKeyspaces }, async () => {
  const first = run(notebook(), `SELECT k FROM marks WHERE k = 'slow3'`);
  while (!inFlight.has('slow3')) await new Promise((r) => setImmediate(r));
  const second = run(notebook(otherKeyspace), `INSERT INTO marks (k) VALUES ('fast3')`);
  const seen = await whenStored('fast3', second, 'slow3', otherKeyspace);
  assert.deepEqual(seen, { stored: true, otherStillOut: true }, 'the other keyspace waited for the first notebook');
  assert.equal(stored('fast3'), false, 'the statement ran in the first notebook\'s keyspace');
  assert.equal((await first).kind, 'result');
  const answer = await second;
  assert.equal(answer.kind, 'result');
  assert.equal(answer.kind === 'result' && answer.payload.keyspace, otherKeyspace);
});

test('cancelling a cell does not hold back a notebook on another keyspace of the connection', { skip: skipTwoKeyspaces }, async () => {
  const abort = new AbortController();
  const cancelled = run(notebook(), `SELECT k FROM marks WHERE k = 'slow4'`, abort.signal);
  while (!inFlight.has('slow4')) await new Promise((r) => setImmediate(r));
  abort.abort();
  assert.equal((await cancelled).kind, 'cancelled');
  const other = run(notebook(otherKeyspace), `INSERT INTO marks (k) VALUES ('fast4')`);
  const seen = await whenStored('fast4', other, 'slow4', otherKeyspace);
  assert.deepEqual(seen, { stored: true, otherStillOut: true }, 'the other keyspace waited for the cancelled request');
  assert.equal((await other).kind, 'result');
});
