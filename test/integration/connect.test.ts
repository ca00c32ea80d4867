// The extension's session factory against a real driver and the local sandbox (or a real cluster, see
// test/support/target.ts): bundle + token, contact points, default keyspace, LOCAL_QUORUM, and mapped errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'cassandra-driver';
import { types } from 'cassandra-driver';
import type { ConnectionProfile } from '../../src/extension/connections/types.js';
import { inspectBundleFile } from '../../src/extension/connections/bundle.js';
import { DEFAULT_SETTINGS, type ConnectionSettings } from '../../src/extension/connections/clientOptions.js';
import { mapConnectionError } from '../../src/extension/connections/connectionErrors.js';
import { createClient } from '../../src/extension/connections/sessionFactory.js';
import { isRealTarget, needsBundle, needsContactPoints, testTarget, type TestTarget } from '../support/target.js';
import { fakeToken } from '../support/fakeToken.js';

const settings: ConnectionSettings = { ...DEFAULT_SETTINGS, connectTimeoutSeconds: 5 };
const ctxFor = (p: ConnectionProfile, s = settings) => ({
  profileName: p.name,
  profileKind: p.kind,
  connectTimeoutSeconds: s.connectTimeoutSeconds,
  requestTimeoutSeconds: s.requestTimeoutSeconds,
});

async function withClient<T>(client: Client, fn: (c: Client) => Promise<T>): Promise<T> {
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.shutdown();
  }
}

async function connectError(client: Client): Promise<unknown> {
  try {
    await client.connect();
  } catch (err) {
    return err;
  } finally {
    await client.shutdown();
  }
  assert.fail('connect() was expected to fail');
}

describe('bundle + token', { skip: needsBundle() }, () => {
  let target: TestTarget;
  let profile: ConnectionProfile & { kind: 'bundle' };

  before(async () => {
    target = await testTarget({ seed: 'none' });
    const info = await inspectBundleFile(target.bundlePath!);
    profile = {
      id: 'it-bundle',
      name: 'integration',
      kind: 'bundle',
      bundlePath: target.bundlePath!,
      host: info.host,
      authKind: 'token',
      // A keyspace we know exists, standing in for the bundle's own default keyspace.
      defaultKeyspace: target.keyspace,
    };
  });
  after(() => target?.stop());

  test('connects, applies the default keyspace and LOCAL_QUORUM', async () => {
    const client = await createClient(profile, { username: 'token', password: target.token! }, settings);
    await withClient(client, async (c) => {
      const rs = await c.execute('SELECT release_version FROM system.local');
      assert.match(String(rs.first()?.release_version), /^\d+\.\d+/);
      assert.equal(rs.info.achievedConsistency, types.consistencies.localQuorum);
      assert.equal(c.keyspace, target.keyspace);
      // Unqualified names resolve in the default keyspace.
      const probe = target.name('connect_probe');
      await c.execute(`CREATE TABLE IF NOT EXISTS ${probe} (id int PRIMARY KEY, v text)`);
      await c.execute(`INSERT INTO ${probe} (id, v) VALUES (1, 'x')`);
      const row = (await c.execute(`SELECT v FROM ${probe} WHERE id = 1`)).first();
      assert.equal(row?.v, 'x');
      const table = await c.metadata.getTable(target.keyspace, probe);
      assert.ok(table, 'the table was created in the default keyspace');
    });
  });

  test("the bundle's own keyspace is what a profile gets when none is overridden", async () => {
    const info = await inspectBundleFile(target.bundlePath!);
    if (!info.keyspace) return; // bundles without a default keyspace exist; nothing to apply then
    const own = { ...profile, defaultKeyspace: info.keyspace };
    const client = await createClient(own, { username: 'token', password: target.token! }, settings);
    await withClient(client, async (c) => assert.equal(c.keyspace, info.keyspace));
  });

  test('a wrong token maps to "re-enter credentials" and never shows the token', async () => {
    const wrong = fakeToken('wrongwrongwrong', '0'.repeat(32));
    const client = await createClient(profile, { username: 'token', password: wrong }, settings);
    const mapped = mapConnectionError(await connectError(client), { ...ctxFor(profile), secrets: [wrong] });
    assert.deepEqual(mapped.actions, ['reenterCredentials', 'showLog']);
    assert.match(mapped.message, /rejected by the database/);
    assert.ok(!mapped.message.includes('wrongwrong'));
  });

  test('an unreachable metadata service maps to the connect-timeout advice', { skip: isRealTarget() && 'sandbox only' }, async () => {
    const faults = target.sandbox!.faults;
    const fast: ConnectionSettings = { ...settings, connectTimeoutSeconds: 0.5 };
    faults.metadataDelayMs = 3000;
    try {
      const client = await createClient(profile, { username: 'token', password: target.token! }, fast);
      const mapped = mapConnectionError(await connectError(client), ctxFor(profile, fast));
      assert.equal(mapped.setting, 'astra.connectTimeoutSeconds');
      assert.match(mapped.message, /metadata service .*now 0\.5 s/);
    } finally {
      faults.metadataDelayMs = 0;
    }
  });

  test('contact points are refused for a bundle profile before the driver is involved', async () => {
    await assert.rejects(
      createClient(profile, { username: 'token', password: target.token! }, settings, { contactPoints: ['127.0.0.1'] }),
      /contact points cannot be set/,
    );
  });
});

describe('contact points', { skip: needsContactPoints() }, () => {
  let target: TestTarget;
  let profile: ConnectionProfile & { kind: 'contactPoints' };

  before(async () => {
    target = await testTarget({ seed: 'none', mode: 'plain' });
    const [host, port] = splitHostPort(target.contactPoints![0]!);
    profile = {
      id: 'it-cp',
      name: 'plain',
      kind: 'contactPoints',
      contactPoints: [host],
      port: port ?? 9042,
      localDataCenter: target.localDataCenter!,
      defaultKeyspace: target.keyspace,
      useTls: false,
    };
  });
  after(() => target?.stop());

  test('connects with host, port and DC; default keyspace and consistency applied', async () => {
    const client = await createClient(profile, target.credentials, settings);
    await withClient(client, async (c) => {
      const rs = await c.execute('SELECT release_version FROM system.local');
      assert.ok(rs.first()?.release_version);
      assert.equal(rs.info.achievedConsistency, types.consistencies.localQuorum);
      assert.equal(c.keyspace, target.keyspace);
    });
  });

  test('nothing listening → NoHostAvailable mapped with the inner reason', { skip: isRealTarget() && 'sandbox only' }, async () => {
    const dead = { ...profile, contactPoints: ['127.0.0.1'], port: 1 };
    const client = await createClient(dead, undefined, settings);
    const mapped = mapConnectionError(await connectError(client), ctxFor(dead));
    assert.match(mapped.message, /127\.0\.0\.1:1.*ECONNREFUSED/);
  });
});

function splitHostPort(cp: string): [string, number | undefined] {
  const m = cp.match(/^(.*):(\d+)$/);
  return m ? [m[1]!, Number(m[2])] : [cp, undefined];
}
