// The unmodified Node.js driver reaching the sandbox (or a real Astra / cluster from env vars) exactly as it
// reaches Astra: secure connect bundle + token, metadata service, SNI proxy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { lacks, serverFeatures, type ServerFeatures } from '../../../support/features.js';
import { isRealTarget, needsBundle, nodeClientOptions, testTarget, type TestTarget } from '../../../support/target.js';
import { EVENTS_ROWS } from '../../seed/demo.js';
import { Consistency } from '../../errors.js';

// Client#options is public at runtime (documented) but missing from the driver's typings.
const optionsOf = (c: cassandra.Client) => (c as unknown as { options: cassandra.ClientOptions }).options;

const { types } = cassandra;

describe('Node driver through the secure connect bundle', { skip: needsBundle() }, () => {
  let target: TestTarget;
  let client: cassandra.Client;
  let features: ServerFeatures;
  /** Names unique per run when the keyspace is shared (real Astra). */
  const T = { kv: '', address: '', typed: '', items: '', items_v_idx: '' };

  before(async () => {
    target = await testTarget();
    client = new cassandra.Client(nodeClientOptions(target));
    await client.connect();
    for (const k of Object.keys(T) as (keyof typeof T)[]) T[k] = target.name(k);
    features = await serverFeatures(client, target);
    const ks = target.keyspace;
    await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${T.kv} (k text, c int, v text, PRIMARY KEY (k, c))`);
    await client.execute(`CREATE TYPE IF NOT EXISTS ${ks}.${T.address} (street text, city text, zip int)`);
    await client.execute(
      `CREATE TABLE IF NOT EXISTS ${ks}.${T.typed} (id int PRIMARY KEY, big bigint, vi varint, dec decimal, u uuid,
       tu timeuuid, d date, t time, dur duration, ip inet, b blob, l list<int>, s set<text>, m map<text, int>,
       tup tuple<int, text>, addr frozen<${T.address}>, ts timestamp, f float${features.vector ? ', vec vector<float, 3>' : ''})`,
    );
  });

  after(async () => {
    await client?.shutdown();
    await target?.stop();
  });

  test('connects to every node and reads schema metadata', async () => {
    if (target.sandbox) assert.equal(client.hosts.length, target.sandbox.nodes.length);
    const local = (await client.execute("SELECT host_id, data_center FROM system.local WHERE key = 'local'")).first();
    assert.ok(client.hosts.values().some((h) => h.hostId.toString() === local.host_id.toString()));
    const table = await client.metadata.getTable(target.keyspace, T.kv);
    assert.ok(table, 'table metadata');
    assert.deepEqual(table.partitionKeys.map((c) => c.name), ['k']);
    assert.deepEqual(table.clusteringKeys.map((c) => c.name), ['c']);
    assert.deepEqual(table.columns.map((c) => c.name).sort(), ['c', 'k', 'v']);
  });

  test('defaults to LOCAL_QUORUM because the server says it is Astra', async () => {
    assert.equal(optionsOf(client).queryOptions?.consistency, types.consistencies.localQuorum);
    await client.execute(`INSERT INTO ${target.keyspace}.${T.kv} (k, c, v) VALUES ('cl', 1, 'x')`);
    // What the server received, not just what the driver claims.
    if (target.sandbox) assert.equal(target.sandbox.engine.lastConsistency, Consistency.LOCAL_QUORUM);
  });

  test('prepared statements and a batch', async () => {
    const ks = target.keyspace;
    const insert = `INSERT INTO ${ks}.${T.kv} (k, c, v) VALUES (?, ?, ?)`;
    await client.batch(
      Array.from({ length: 20 }, (_, i) => ({ query: insert, params: ['batch', i, `value ${i}`] })),
      { prepare: true },
    );
    const rs = await client.execute(`SELECT c, v FROM ${ks}.${T.kv} WHERE k = ?`, ['batch'], { prepare: true });
    assert.deepEqual(rs.rows.map((r) => r.c), Array.from({ length: 20 }, (_, i) => i));
    assert.equal(rs.rows[7].v, 'value 7');
  });

  test('values of every kind round-trip exactly', async () => {
    const ks = target.keyspace;
    const row = {
      id: 1,
      big: types.Long.fromString('9223372036854775807'),
      vi: types.Integer.fromString('-123456789012345678901234567890'),
      dec: types.BigDecimal.fromString('12345678901234567890.000000001'),
      u: types.Uuid.random(),
      tu: types.TimeUuid.now(),
      d: types.LocalDate.fromString('2024-02-29'),
      t: types.LocalTime.fromString('23:59:59.123456789'),
      dur: new types.Duration(14, 3, types.Long.fromString('3723000000000')),
      ip: types.InetAddress.fromString('2001:db8::8a2e:370:7334'),
      b: Buffer.from([0, 1, 2, 255]),
      l: [3, 1, 2],
      s: ['b', 'a'],
      m: { one: 1, two: 2 },
      tup: new types.Tuple(7, 'seven'),
      addr: { street: '1 Main', city: 'Springfield', zip: 12345 },
      ts: new Date('2024-02-29T12:34:56.789Z'),
      f: 1.5,
      ...(features.vector ? { vec: new types.Vector(new Float32Array([0.5, -1, 2])) } : {}),
    };
    const cols = Object.keys(row);
    await client.execute(
      `INSERT INTO ${ks}.${T.typed} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      Object.values(row),
      { prepare: true },
    );
    const got = (await client.execute(`SELECT * FROM ${ks}.${T.typed} WHERE id = 1`)).first();
    assert.equal(got.big.toString(), '9223372036854775807');
    assert.equal(got.vi.toString(), '-123456789012345678901234567890');
    assert.equal(got.dec.toString(), '12345678901234567890.000000001');
    assert.equal(got.u.toString(), row.u.toString());
    assert.equal(got.tu.toString(), row.tu.toString());
    assert.equal(got.d.toString(), '2024-02-29');
    assert.equal(got.t.toString(), '23:59:59.123456789');
    assert.ok(got.dur.equals(row.dur));
    assert.equal(got.ip.toString(), '2001:db8::8a2e:370:7334');
    assert.deepEqual(got.b, row.b);
    assert.deepEqual(got.l, [3, 1, 2]);
    assert.deepEqual(got.s, ['a', 'b']);
    assert.deepEqual({ ...got.m }, row.m);
    assert.deepEqual(got.tup.values(), [7, 'seven']);
    assert.deepEqual({ ...got.addr }, row.addr);
    assert.equal(got.ts.toISOString(), '2024-02-29T12:34:56.789Z');
    assert.equal(got.f, 1.5);
    if (features.vector) assert.deepEqual([...got.vec], [0.5, -1, 2]);
  });

  test('vector search returns rows in cosine-similarity order', async (t) => {
    const missing = lacks(features, 'vector', 'sai');
    if (missing) return t.skip(missing);
    const ks = target.keyspace;
    await client.execute(`CREATE TABLE IF NOT EXISTS ${ks}.${T.items} (id int PRIMARY KEY, v vector<float, 3>)`);
    await client.execute(
      `CREATE CUSTOM INDEX IF NOT EXISTS ${T.items_v_idx} ON ${ks}.${T.items} (v) USING 'StorageAttachedIndex'
       WITH OPTIONS = {'similarity_function': 'COSINE'}`,
    );
    const vecs = new Map<number, number[]>();
    for (let id = 0; id < 24; id++) {
      const a = (id * 2 * Math.PI) / 24;
      const v = [Math.cos(a), Math.sin(a), (id % 5) / 5].map(Math.fround);
      vecs.set(id, v);
      await client.execute(`INSERT INTO ${ks}.${T.items} (id, v) VALUES (?, ?)`, [id, new types.Vector(new Float32Array(v))], {
        prepare: true,
      });
    }
    const query = [1, 0.2, 0.1];
    const cosine = (a: number[], b: number[]) => {
      const dot = a.reduce((s, x, i) => s + x * b[i], 0);
      return dot / (Math.hypot(...a) * Math.hypot(...b));
    };
    const expected = [...vecs].sort((x, y) => cosine(y[1], query) - cosine(x[1], query)).slice(0, 5).map(([id]) => id);
    const rs = await client.execute(`SELECT id FROM ${ks}.${T.items} ORDER BY v ANN OF [1, 0.2, 0.1] LIMIT 5`);
    assert.deepEqual(rs.rows.map((r) => r.id), expected);
  });

  test(`pages through the ${EVENTS_ROWS}-row demo.events at page size 5000`, { skip: isRealTarget() && 'needs the sandbox demo data' }, async (t) => {
    const seen = new Set<string>();
    let pages = 0;
    const started = process.hrtime.bigint();
    let pageState: string | undefined;
    do {
      const rs = await client.execute('SELECT * FROM demo.events', [], { prepare: true, fetchSize: 5000, pageState });
      pages++;
      for (const r of rs.rows) seen.add(`${r.device_id}:${r.seq}`);
      assert.equal(rs.columns.length, 10);
      pageState = rs.pageState ?? undefined;
    } while (pageState);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(seen.size, EVENTS_ROWS);
    assert.equal(pages, EVENTS_ROWS / 5000);
    t.diagnostic(`${EVENTS_ROWS} rows × 10 columns, page size 5000: ${ms.toFixed(0)} ms, ${Math.round((EVENTS_ROWS / ms) * 1000)} rows/s`);
  });

  test('a Client ID / Client Secret pair also authenticates', { skip: isRealTarget() && 'sandbox credentials only' }, async () => {
    const sb = target.sandbox!;
    const other = new cassandra.Client(nodeClientOptions(target, { credentials: { username: sb.clientId, password: sb.clientSecret } }));
    try {
      await other.connect();
      const rs = await other.execute('SELECT cluster_name FROM system.local');
      assert.equal(typeof rs.first().cluster_name, 'string');
    } finally {
      await other.shutdown();
    }
  });
});
