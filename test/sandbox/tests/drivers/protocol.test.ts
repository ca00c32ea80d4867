// The sandbox's native-protocol server, over the real engine, driven by the real, unmodified cassandra-driver.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import cassandra from 'cassandra-driver';
import { EngineSpy, seededEngine, startCluster, type TestCluster } from './protocol-cluster.js';
import { CqlError, ErrorCode } from '../../errors.js';

const { errors, types } = cassandra;
const isDbaas = (c: cassandra.Client) => (c.metadata as unknown as { isDbaas(): boolean }).isDbaas();

describe('cassandra-driver against a two-node sandbox', () => {
  const spy = new EngineSpy(seededEngine());
  const engine = spy.engine;
  let cluster: TestCluster;
  let client: cassandra.Client;

  before(async () => {
    cluster = await startCluster(engine, { nodes: 2 });
    client = cluster.client({ keyspace: 'ks' });
    await client.connect();
  });
  after(() => cluster.close());

  test('connects on protocol v4 and discovers the peer', async () => {
    const hosts = client.hosts.values();
    assert.deepEqual(hosts.map((h) => h.address).sort(), [`127.0.0.1:${cluster.port}`, `127.0.0.2:${cluster.port}`]);
    assert.deepEqual(hosts.map((h) => h.hostId.toString()).sort(), cluster.nodes.map((n) => n.hostId).sort());
    assert.equal((client as unknown as { controlConnection: { protocolVersion: number } }).controlConnection.protocolVersion, 4);
    assert.equal(isDbaas(client), false);
    assert.equal(hosts[0].datacenter, 'dc1');
    assert.ok(client.metadata.keyspaces.ks, 'keyspace metadata loaded from system_schema.keyspaces');
    // The pool warms up a connection to every local node.
    assert.deepEqual(cluster.servers.map((s) => s.connections > 0), [true, true]);
  });

  test('simple and prepared statements round-trip values', async () => {
    await client.execute('INSERT INTO t (k, v) VALUES (?, ?)', [1, 'one'], { prepare: true });
    await client.execute("INSERT INTO ks.t (k, v) VALUES (2, 'two')");
    const rs = await client.execute('SELECT k, v FROM t WHERE k = ?', [1], { prepare: true });
    assert.equal(rs.rowLength, 1);
    assert.equal(rs.first().get('v'), 'one');
    assert.deepEqual(rs.columns.map((c) => c.name), ['k', 'v']);
    const all = await client.execute('SELECT k, v FROM t');
    assert.deepEqual(all.rows.map((r) => [r.get('k'), r.get('v')]).sort(), [[1, 'one'], [2, 'two']]);
  });

  test('Unprepared makes the driver re-prepare and retry', async () => {
    await client.execute('SELECT k, v FROM t WHERE k = ?', [2], { prepare: true });
    const before = spy.prepareCalls;
    engine.clearPrepared();
    const rs = await client.execute('SELECT k, v FROM t WHERE k = ?', [2], { prepare: true });
    assert.equal(rs.first().get('v'), 'two');
    assert.ok(spy.prepareCalls > before, 'driver sent PREPARE again after 0x2500');
  });

  test('paging: has_more_pages + paging_state, resumed by the driver', async () => {
    await client.execute('CREATE TABLE ks.p (k int, c int, PRIMARY KEY (k, c))');
    for (let c = 0; c < 25; c++) await client.execute('INSERT INTO p (k, c) VALUES (?, ?)', [1, c], { prepare: true });
    const first = await client.execute('SELECT c FROM p WHERE k = 1', [], { fetchSize: 10, prepare: true });
    assert.equal(first.rowLength, 10);
    assert.ok(first.pageState, 'pageState present');
    const second = await client.execute('SELECT c FROM p WHERE k = 1', [], { fetchSize: 10, prepare: true, pageState: first.pageState });
    assert.deepEqual(second.rows.map((r) => r.get('c')), [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const seen: number[] = [];
    await new Promise<void>((resolve, reject) =>
      client.eachRow('SELECT c FROM p', [], { fetchSize: 7, autoPage: true }, (_n, row) => seen.push(row.get('c')),
        (err) => (err ? reject(err) : resolve())),
    );
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i));
  });

  test('batches of prepared and simple statements', async () => {
    await client.batch([
      { query: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [100, 'a'] },
      { query: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [101, null] },
    ], { prepare: true });
    await client.batch(["INSERT INTO ks.t (k, v) VALUES (102, 'c')"], { logged: false });
    const rs = await client.execute('SELECT k, v FROM t WHERE k IN (100, 101, 102)');
    assert.deepEqual(rs.rows.map((r) => [r.get('k'), r.get('v')]).sort(), [[100, 'a'], [101, null], [102, 'c']]);
  });

  test('tracing: the trace id reaches ResultSet.info and the driver can fetch the session', async () => {
    const rs = await client.execute('SELECT k, v FROM t WHERE k = 1', [], { traceQuery: true });
    const id = rs.info.traceId;
    assert.ok(id, 'traceId set');
    const trace = await client.metadata.getTrace(id);
    assert.match(String(trace.parameters.query ?? JSON.stringify(trace.parameters)), /SELECT k, v FROM t WHERE k = 1/);
    const plain = await client.execute('SELECT k, v FROM t WHERE k = 1');
    assert.equal(plain.info.traceId ?? null, null);
    assert.equal(plain.info.warnings ?? null, null);
  });

  test('USE sets the connection keyspace; schema_change results and pushed events', async () => {
    await client.execute('CREATE TABLE ks.t2 (k int PRIMARY KEY, n int)');
    const t2 = await client.metadata.getTable('ks', 't2');
    assert.deepEqual(t2?.columns.map((c) => c.name), ['k', 'n']);
    // An out-of-band change (the DevOps API creating a keyspace) reaches the driver as an EVENT.
    spy.admin("CREATE KEYSPACE ks_new WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    const deadline = Date.now() + 3000;
    while (!client.metadata.keyspaces.ks_new && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(client.metadata.keyspaces.ks_new, 'driver refreshed keyspace metadata after SCHEMA_CHANGE event');
  });

  test('syntax and invalid errors map to ResponseError with the code', async () => {
    await assert.rejects(client.execute('SELEC nothing'), (e: unknown) => {
      assert.ok(e instanceof errors.ResponseError);
      assert.equal(e.code, types.responseErrorCodes.syntaxError);
      assert.match(e.message, /no viable alternative at input 'SELEC'/);
      return true;
    });
    await assert.rejects(client.execute('USE nope'), (e: unknown) => {
      assert.ok(e instanceof errors.ResponseError);
      assert.equal(e.code, types.responseErrorCodes.invalid);
      return true;
    });
  });

  test('injected errors carry their per-code fields', async () => {
    const noRetry = { retry: new cassandra.policies.retry.FallthroughRetryPolicy() };
    const c = cluster.client({ keyspace: 'ks', policies: noRetry });
    await c.connect();
    const expectErr = async (error: 'unavailable' | 'read_timeout' | 'write_timeout' | 'overloaded' | 'server', query: string, check: (e: cassandra.errors.ResponseError & Record<string, unknown>) => void) => {
      cluster.faults.errorFor = [{ match: query, error, times: 1 }];
      await assert.rejects(c.execute(query, [], { consistency: types.consistencies.quorum }), (e: unknown) => {
        assert.ok(e instanceof errors.ResponseError, `${error}: got ${String(e)}`);
        check(e as cassandra.errors.ResponseError & Record<string, unknown>);
        return true;
      });
    };
    await expectErr('unavailable', 'SELECT k, v FROM t', (e) => {
      assert.equal(e.code, 0x1000);
      assert.equal(e.consistencies, types.consistencies.quorum);
      assert.equal(e.required, 2);
      assert.equal(e.alive, 1);
      assert.match(e.message, /Not enough replicas available for query at consistency QUORUM \(2 required but only 1 alive\)/);
    });
    await expectErr('read_timeout', 'SELECT k, v FROM t', (e) => {
      assert.equal(e.code, 0x1200);
      assert.equal(e.received, 1);
      assert.equal(e.blockFor, 2);
      assert.equal(e.isDataPresent, 0);
    });
    await expectErr('write_timeout', "INSERT INTO ks.t (k, v) VALUES (5, 'x')", (e) => {
      assert.equal(e.code, 0x1100);
      assert.equal(e.writeType, 'SIMPLE');
      assert.equal(e.blockFor, 2);
    });
    await expectErr('overloaded', 'SELECT k, v FROM t', (e) => assert.equal(e.code, 0x1001));
    await expectErr('server', 'SELECT k, v FROM t', (e) => {
      assert.equal(e.code, 0x0000);
      assert.match(e.message, /injected server failure/);
    });
    // The rule was consumed (times: 1): the same query now succeeds.
    assert.ok((await c.execute('SELECT k, v FROM t')).rowLength > 0);
    // Rules match EXECUTE by the prepared text (PREPARE itself is spared) and BATCH by any statement.
    cluster.faults.errorFor = [{ match: 'WHERE k = ?', error: 'read_timeout', times: 1 }];
    await assert.rejects(c.execute('SELECT k, v FROM t WHERE k = ?', [1], { prepare: true }), (e: unknown) => (e as { code: number }).code === 0x1200);
    cluster.faults.errorFor = [{ match: /^INSERT/, error: 'write_timeout', times: 1 }];
    await assert.rejects(
      c.batch([{ query: 'INSERT INTO t (k, v) VALUES (?, ?)', params: [1, 'a'] }], { prepare: true }),
      (e: unknown) => (e as { writeType: string }).writeType === 'BATCH',
    );
  });

  test('engine CqlErrors of every extra kind are encoded with their fields', async () => {
    const throwNext = (err: CqlError) => {
      spy.throwNext = err;
    };
    throwNext(new CqlError(ErrorCode.ALREADY_EXISTS, 'Cannot add already existing table "t" to keyspace "ks"', { kind: 'already_exists', keyspace: 'ks', table: 't' }));
    await assert.rejects(client.execute('CREATE TABLE ks.t (k int PRIMARY KEY)'), (e: unknown) => {
      assert.ok(e instanceof errors.ResponseError);
      assert.equal(e.code, 0x2400);
      assert.equal((e as unknown as { keyspace: string }).keyspace, 'ks');
      assert.equal((e as unknown as { table: string }).table, 't');
      return true;
    });
    throwNext(new CqlError(ErrorCode.FUNCTION_FAILURE, 'boom', { kind: 'function_failure', keyspace: 'ks', function: 'f', argTypes: ['int'] }));
    await assert.rejects(client.execute('SELECT f(k) FROM t'), (e: unknown) => {
      assert.equal((e as { functionName: string }).functionName, 'f');
      assert.deepEqual((e as { argTypes: string[] }).argTypes, ['int']);
      return true;
    });
    throwNext(new CqlError(ErrorCode.UNAUTHORIZED, 'User token has no SELECT permission'));
    await assert.rejects(client.execute('SELECT k FROM secret'), (e: unknown) => (e as { code: number }).code === 0x2100);
    throwNext(new CqlError(ErrorCode.READ_FAILURE, 'failed', { kind: 'read_failure', consistency: 1, received: 0, blockFor: 1, numFailures: 1, dataPresent: false }));
    await assert.rejects(client.execute('SELECT k FROM t'), (e: unknown) => (e as { failures: number }).failures === 1);
    throwNext(new CqlError(ErrorCode.WRITE_FAILURE, 'failed', { kind: 'write_failure', consistency: 6, received: 1, blockFor: 2, numFailures: 1, writeType: 'SIMPLE' }));
    await assert.rejects(client.execute("INSERT INTO t (k, v) VALUES (1, 'x')"), (e: unknown) => {
      const w = e as { code: number; writeType: string; failures: number; blockFor: number };
      return w.code === 0x1500 && w.writeType === 'SIMPLE' && w.failures === 1 && w.blockFor === 2;
    });
    // A non-CqlError thrown by the engine becomes a server error carrying its message.
    spy.throwNext = new TypeError('engine bug');
    await assert.rejects(client.execute('SELECT k FROM t'), (e: unknown) => (e as { code: number }).code === 0 && /engine bug/.test(String(e)));
  });
});

describe('authentication (Astra mode)', () => {
  const spy = new EngineSpy(seededEngine(true));
  const engine = spy.engine;
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster(engine, { auth: true, astra: true });
  });
  after(() => cluster.close());

  test('PasswordAuthenticator + SASL PLAIN accepts good credentials', async () => {
    const c = cluster.client({ authProvider: new cassandra.auth.PlainTextAuthProvider('token', 'AstraCS:good') });
    await c.connect();
    const rs = await c.execute("SELECT * FROM system.local WHERE key='local'");
    assert.equal(rs.first().get('cluster_name'), 'Test Cluster');
    // PRODUCT_TYPE=DATASTAX_APOLLO in SUPPORTED makes the driver default to LOCAL_QUORUM.
    assert.equal(isDbaas(c), true);
    assert.equal(spy.lastCtx?.consistency, types.consistencies.localQuorum);
    assert.equal(spy.lastCtx?.user, 'token');
    assert.equal(spy.lastCtx?.astra, true);
    // Astra ignores unsupported table options with a warning, which reaches ResultSet.info.warnings.
    const created = await c.execute("CREATE TABLE ks.w (k int PRIMARY KEY) WITH bloom_filter_fp_chance = 0.1");
    assert.ok(created.info.warnings?.some((w) => w.startsWith('Ignoring provided values')), String(created.info.warnings));
  });

  test('bad credentials surface as AuthenticationError', async () => {
    const c = cluster.client({ authProvider: new cassandra.auth.PlainTextAuthProvider('token', 'AstraCS:bad') });
    await assert.rejects(c.connect(), (e: unknown) => {
      assert.ok(e instanceof errors.NoHostAvailableError);
      const inner = Object.values(e.innerErrors)[0] as Error;
      assert.ok(inner instanceof errors.AuthenticationError, `inner: ${String(inner)}`);
      assert.match(inner.message, /Provided username token and\/or password are incorrect/);
      return true;
    });
  });

  test('no credentials against an authenticating server', async () => {
    const c = cluster.client();
    await assert.rejects(c.connect(), (e: unknown) => {
      assert.ok(e instanceof errors.NoHostAvailableError);
      assert.match(String(Object.values(e.innerErrors)[0]), /requires authentication/i);
      return true;
    });
  });
});
