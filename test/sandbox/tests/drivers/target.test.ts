// test/support/target.ts: which target the env vars select and the driver options built for each.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { listKeyspaceObjects } from '../../../support/keyspaceObjects.js';
import { nodeClientOptions, testTarget, type TestTarget } from '../../../support/target.js';
import { startSandbox } from '../../index.js';

const VARS = ['CQL_TEST_BUNDLE', 'CQL_TEST_TOKEN', 'CQL_TEST_KEYSPACE', 'CQL_TEST_CONTACT_POINTS', 'CQL_TEST_LOCAL_DC',
  'CQL_TEST_USERNAME', 'CQL_TEST_PASSWORD'] as const;

describe('testTarget() selection', () => {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  afterEach(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });
  const clear = () => VARS.forEach((v) => delete process.env[v]);

  test('a bundle + token selects Astra and insists on an existing keyspace', async () => {
    clear();
    process.env.CQL_TEST_BUNDLE = '/somewhere/secure-connect.zip';
    process.env.CQL_TEST_TOKEN = 'AstraCS:x:y';
    await assert.rejects(testTarget(), /CQL_TEST_KEYSPACE/);
    process.env.CQL_TEST_KEYSPACE = 'app';
    const t = await testTarget();
    assert.equal(t.kind, 'astra');
    assert.equal(t.keyspace, 'app');
    const opts = nodeClientOptions(t, { socketOptions: { readTimeout: 1000 } });
    assert.deepEqual(opts.cloud, { secureConnectBundle: '/somewhere/secure-connect.zip' });
    assert.deepEqual(opts.credentials, { username: 'token', password: 'AstraCS:x:y' });
    assert.equal(opts.contactPoints, undefined);
    assert.equal(opts.socketOptions?.readTimeout, 1000);
    await t.stop();
  });

  test('contact points select a cluster; the port of the first one becomes protocolOptions.port', async () => {
    clear();
    process.env.CQL_TEST_CONTACT_POINTS = '10.1.1.1:9142, 10.1.1.2:9142';
    process.env.CQL_TEST_LOCAL_DC = 'east';
    process.env.CQL_TEST_USERNAME = 'u';
    process.env.CQL_TEST_PASSWORD = 'p';
    process.env.CQL_TEST_KEYSPACE = 'given'; // avoids the network round trip that would create one
    const t = await testTarget();
    assert.equal(t.kind, 'cluster');
    const opts = nodeClientOptions(t, { protocolOptions: { maxVersion: 4 } });
    assert.deepEqual(opts.contactPoints, ['10.1.1.1:9142', '10.1.1.2:9142']);
    assert.equal(opts.localDataCenter, 'east');
    assert.deepEqual(opts.credentials, { username: 'u', password: 'p' });
    assert.deepEqual(opts.protocolOptions, { port: 9142, maxVersion: 4 }, 'nested options merge');
    assert.equal(opts.cloud, undefined);
  });

  test('no env vars: a sandbox with a fresh keyspace that really exists', { skip: VARS.some((v) => saved[v]) && 'real target configured' }, async () => {
    clear();
    let t: TestTarget | undefined;
    let t2: TestTarget | undefined;
    try {
      t = await testTarget({ seed: 'none' });
      t2 = await testTarget({ seed: 'none', mode: 'plain' });
      assert.equal(t.kind, 'sandbox');
      assert.notEqual(t.keyspace, t2.keyspace);
      for (const target of [t, t2]) {
        const client = new cassandra.Client(nodeClientOptions(target));
        try {
          await client.connect();
          const rs = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [target.keyspace]);
          assert.equal(rs.rowLength, 1);
        } finally {
          await client.shutdown();
        }
      }
    } finally {
      await t?.stop();
      await t2?.stop();
    }
  });

  test('a given keyspace is shared: names carry a run suffix and stop() drops exactly those objects', { skip: VARS.some((v) => saved[v]) && 'real target configured' }, async () => {
    clear();
    const sb = await startSandbox({ mode: 'plain', seed: 'none', nodes: 1, refuseKeyspaceDdl: true, keyspace: 'shared' });
    const admin = new cassandra.Client({ contactPoints: [sb.contactPoint], localDataCenter: sb.localDataCenter, protocolOptions: { port: sb.cqlPort } });
    try {
      await admin.connect();
      await admin.execute('CREATE TABLE shared.theirs (id int PRIMARY KEY)');
      process.env.CQL_TEST_CONTACT_POINTS = sb.contactPoint;
      process.env.CQL_TEST_LOCAL_DC = sb.localDataCenter;
      process.env.CQL_TEST_KEYSPACE = 'shared';
      const [a, b] = [await testTarget(), await testTarget()];
      assert.equal(a.sharedKeyspace, true);
      assert.equal(a.canCreateKeyspaces, false);
      assert.notEqual(a.name('t'), b.name('t'), 'two runs never collide');
      assert.match(a.name('Users'), /^Users_r[0-9a-f]{6}$/);
      const ks = 'shared';
      await admin.execute(`CREATE TYPE ${ks}.${a.name('addr')} (street text)`);
      await admin.execute(`CREATE TYPE ${ks}.${a.name('person')} (home frozen<${a.name('addr')}>)`);
      await admin.execute(`CREATE TABLE ${ks}."${a.name('Users')}" (id int PRIMARY KEY, p frozen<${a.name('person')}>)`);
      await admin.execute(`CREATE INDEX ${a.name('users_p')} ON ${ks}."${a.name('Users')}" (p)`);
      await admin.execute(`CREATE TABLE ${ks}.${b.name('t')} (id int PRIMARY KEY)`);
      await a.stop();
      const left = await listKeyspaceObjects(admin, ks);
      assert.deepEqual(left.map((o) => o.name).sort(), [b.name('t'), 'theirs'].sort());
      await b.stop();
      assert.deepEqual((await listKeyspaceObjects(admin, ks)).map((o) => o.name), ['theirs']);
    } finally {
      await admin.shutdown();
      await sb.stop();
    }
  });
});
