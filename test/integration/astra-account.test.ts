// The DevOps API client against the sandbox's DevOps stand-in (HTTPS, sandbox CA): listing with paging, fetching a
// bundle and connecting with cassandra-driver using the same token, creating a keyspace until the driver sees it,
// and each error. With CQL_TEST_ASTRA_TOKEN (+ CQL_TEST_ASTRA_DATABASE_ID) the read-only part runs on real Astra.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import { DevopsClient, type DevopsClientOptions, type RetryNotice } from '../../src/extension/astra/devopsClient.js';
import { fetchBundle, saveBundleProfile, type ProfileWriter } from '../../src/extension/astra/bundleInstall.js';
import { buildBundleProfile } from '../../src/extension/connections/bundleProfile.js';
import { keyspaceExists, waitUntil } from '../../src/extension/astra/keyspaceWait.js';
import { DEFAULT_SETTINGS } from '../../src/extension/connections/clientOptions.js';
import { ProfileStore } from '../../src/extension/connections/profileStore.js';
import { createClient } from '../../src/extension/connections/sessionFactory.js';
import { DevopsError } from '../../src/extension/astra/core/devopsErrors.js';
import type { SandboxHandle } from '../sandbox/index.js';

const realToken = process.env.CQL_TEST_ASTRA_TOKEN;
const onSandbox = !realToken;
const sandboxOnly = !onSandbox && 'needs the sandbox (fault injection / keyspace creation)';

let sb: SandboxHandle | undefined;
let opts: DevopsClientOptions;
let databaseId: string;
const dir = mkdtempSync(join(tmpdir(), 'astra-account-it-'));

before(async () => {
  if (realToken) {
    opts = { baseUrl: process.env.CQL_TEST_ASTRA_DEVOPS_URL, token: realToken };
    databaseId = process.env.CQL_TEST_ASTRA_DATABASE_ID ?? '';
    return;
  }
  const { startSandbox } = await import('../sandbox/index.js');
  sb = await startSandbox({ seed: 'none', nodes: 1 });
  opts = { baseUrl: sb.devopsUrl, token: sb.token, ca: sb.pki.caCert, backoff: { baseDelayMs: 10, maxDelayMs: 50, maxRetries: 2 } };
  databaseId = sb.databaseId;
});

after(async () => {
  await sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const devops = (extra: Partial<DevopsClientOptions> = {}) => new DevopsClient({ ...opts, ...extra });

async function failure(p: Promise<unknown>): Promise<DevopsError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DevopsError, String(err));
    assert.ok(!err.message.includes(opts.token.slice(9)), 'token leaked');
    return err;
  }
  assert.fail('expected a DevopsError');
}

/** A real ProfileStore over in-memory globalState/SecretStorage, as the connection service would use it. */
function memoryWriter(): ProfileWriter & { store: ProfileStore } {
  const state = new Map<string, unknown>();
  const secrets = new Map<string, string>();
  const store = new ProfileStore(
    { get: <T>(k: string) => state.get(k) as T | undefined, update: async (k, v) => void state.set(k, v) },
    { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) },
    join(dir, 'bundles'),
  );
  return {
    store,
    profiles: () => store.list(),
    saveBundleProfile: async (req) => {
      const p = await buildBundleProfile(store, req);
      if (req.credentials) await store.setCredentials(p.id, req.credentials);
      await store.save(p);
      return p;
    },
  };
}

describe('listing', () => {
  test('pages through every non-terminated database with starting_after', { skip: sandboxOnly }, async () => {
    const before = sb!.devops.log.length;
    const dbs = await devops().listDatabases({ pageSize: 3 });
    const names = dbs.map((d) => d.name).sort();
    assert.deepEqual(names, ['analytics-archive', 'global-catalog', 'sandbox-db', 'staging']);
    const requests = sb!.devops.log.slice(before);
    assert.equal(requests.length, 2, 'a full page of 3, then a short one');
    assert.ok(requests.every((r) => r.authorized && r.method === 'GET'));
    const second = new URL(requests[1]!.url, 'https://x');
    assert.equal(second.searchParams.get('starting_after'), dbs[2]!.id);
    assert.equal(second.searchParams.get('include'), 'nonterminated');

    const status = Object.fromEntries(dbs.map((d) => [d.name, d.status]));
    assert.deepEqual(status, { 'sandbox-db': 'ACTIVE', 'analytics-archive': 'HIBERNATED', staging: 'PARKED', 'global-catalog': 'ACTIVE' });
    const main = dbs.find((d) => d.id === databaseId)!;
    assert.equal(main.keyspaces[0], sb!.keyspace);
    assert.equal(dbs.find((d) => d.name === 'global-catalog')!.datacenters.length, 2);
  });

  test('lists the databases of the account (real Astra or sandbox)', async () => {
    const dbs = await devops().listDatabases();
    assert.ok(dbs.length > 0);
    if (databaseId) assert.ok(dbs.some((d) => d.id === databaseId));
    assert.ok(dbs.every((d) => d.status !== 'TERMINATED'));
  });
});

describe('bundles', () => {
  test('fetches the bundle, saves it like a picked bundle and connects with the same token', { skip: !!realToken && !process.env.CQL_TEST_ASTRA_DATABASE_ID && 'set CQL_TEST_ASTRA_DATABASE_ID' }, async () => {
    const client = devops();
    const db = await client.getDatabase(databaseId);
    const bundle = await fetchBundle(client, databaseId);
    const writer = memoryWriter();
    const profile = await saveBundleProfile(writer, { db, bundle, token: opts.token, newId: ProfileStore.newId });
    assert.equal(profile.astraDatabaseId, databaseId);
    assert.equal(profile.authKind, 'token');
    assert.ok(profile.bundlePath.startsWith(join(dir, 'bundles')));
    const credentials = await writer.store.credentials(profile.id);
    assert.deepEqual(credentials, { username: 'token', password: opts.token });

    let cql: Client | undefined;
    try {
      cql = await createClient(profile, credentials, { ...DEFAULT_SETTINGS, connectTimeoutSeconds: 10 });
      await cql.connect();
      const rs = await cql.execute('SELECT release_version FROM system.local');
      assert.equal(rs.rows.length, 1);
    } finally {
      await cql?.shutdown();
    }
  });

  test('multi-region: one link per datacenter, each a valid bundle', { skip: sandboxOnly }, async () => {
    const client = devops();
    const global = (await client.listDatabases()).find((d) => d.name === 'global-catalog')!;
    const links = await client.secureBundleLinks(global.id, { all: true });
    assert.deepEqual(links.map((l) => l.datacenterId), global.datacenters.map((d) => d.id));
    const second = await fetchBundle(client, global.id, global.datacenters[1]!.id);
    assert.equal(second.info.host, '127.0.0.1');
  });
});

describe('keyspaces', () => {
  test('createKeyspace (201), then the driver metadata shows it and the API lists it', { skip: sandboxOnly }, async () => {
    const client = devops();
    const writer = memoryWriter();
    const db = await client.getDatabase(databaseId);
    const profile = await saveBundleProfile(writer, { db, bundle: await fetchBundle(client, databaseId), token: opts.token, newId: ProfileStore.newId });
    const cql = await createClient(profile, await writer.store.credentials(profile.id), DEFAULT_SETTINGS);
    try {
      await cql.connect();
      const name = `ks_${Date.now().toString(36)}`;
      assert.equal(await keyspaceExists(cql, name), false);
      await client.createKeyspace(databaseId, name);
      const polls = await waitUntil(() => keyspaceExists(cql, name), `keyspace ${name}`, { timeoutMs: 10_000, intervalMs: 100 });
      assert.ok(polls >= 1);
      assert.ok((await client.getDatabase(databaseId)).keyspaces.includes(name));
    } finally {
      await cql.shutdown();
    }
  });

  test('waiting gives up with a timeout error that says what to do', async () => {
    const err = await failure(waitUntil(async () => false, 'Keyspace x appearing', { timeoutMs: 150, intervalMs: 50 }));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /refresh the explorer/);
  });

  test('an invalid keyspace name is refused in Astra’s words', { skip: sandboxOnly }, async () => {
    const err = await failure(devops().createKeyspace(databaseId, '1bad'));
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /Invalid keyspace name 1bad/);
  });
});

describe('errors', () => {
  test('a revoked token → auth (re-enter token)', async () => {
    const err = await failure(devops({ token: 'AstraCS:revokedrevoked:0000000000000000000000000000' }).listDatabases());
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.ok(err.reenterToken);
  });

  test('429 once → retried after Retry-After and reported', { skip: sandboxOnly }, async () => {
    sb!.devops.faults = { status: 429, times: 1, retryAfterSeconds: 0 };
    const notices: RetryNotice[] = [];
    const dbs = await devops({ onRetry: (n) => notices.push(n) }).listDatabases();
    assert.ok(dbs.length >= 4);
    assert.deepEqual(notices.map((n) => [n.status, n.attempt]), [[429, 1]]);
  });

  test('5xx that persists → server error after the bounded retries', { skip: sandboxOnly }, async () => {
    sb!.devops.faults = { status: 500, times: 10 };
    const notices: RetryNotice[] = [];
    const err = await failure(devops({ onRetry: (n) => notices.push(n) }).getDatabase(databaseId));
    sb!.devops.faults = {};
    assert.equal(err.kind, 'server');
    assert.equal(err.retries, 2);
    assert.equal(notices.length, 2);
    assert.match(err.message, /Internal server error \(injected\)/);
  });

  test('a slow API → timeout', { skip: sandboxOnly }, async () => {
    sb!.devops.faults = { delayMs: 400 };
    try {
      const err = await failure(devops({ timeoutMs: 150 }).listDatabases());
      assert.equal(err.kind, 'timeout');
    } finally {
      sb!.devops.faults = {};
    }
  });

  test('an expired download link → expired', { skip: sandboxOnly }, async () => {
    const ttl = sb!.devops.urlTtlSeconds;
    sb!.devops.urlTtlSeconds = 0;
    try {
      const link = await devops().secureBundleLink(databaseId);
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await failure(devops().downloadBundle(link.downloadURL))).kind, 'expired');
    } finally {
      sb!.devops.urlTtlSeconds = ttl;
    }
  });

  test('an unknown database → notFound', async () => {
    const err = await failure(devops().getDatabase('00000000-0000-0000-0000-000000000000'));
    assert.equal(err.kind, 'notFound');
  });

  test('an untrusted certificate → network error (the sandbox CA is required)', { skip: sandboxOnly }, async () => {
    const err = await failure(devops({ ca: undefined }).listDatabases());
    assert.equal(err.kind, 'network');
    assert.match(err.message, /certificate|self.signed|CERT/i);
  });
});
