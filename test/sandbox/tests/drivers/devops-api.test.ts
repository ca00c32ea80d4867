// The DevOps API stand-in: token check, listing with filters and paging, bundle download links that expire,
// keyspace creation that reaches the CQL schema, and the fault hooks.
import assert from 'node:assert/strict';
import https from 'node:https';
import { after, afterEach, before, describe, test } from 'node:test';
import AdmZip from 'adm-zip';
import cassandra from 'cassandra-driver';
import { isRealTarget, nodeClientOptions, testTarget, type TestTarget } from '../../../support/target.js';
import type { SandboxHandle } from '../../index.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function request(sb: SandboxHandle, method: string, url: string, token: string | null = sb.token): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const req = https.request(new URL(url, sb.devopsUrl), { method, headers, ca: sb.pki.caCert }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('DevOps API stand-in', { skip: isRealTarget() && 'the DevOps API stand-in is sandbox-only' }, () => {
  let target: TestTarget;
  let sb: SandboxHandle;

  before(async () => {
    target = await testTarget({ seed: 'none' });
    sb = target.sandbox!;
  });
  after(() => target?.stop());
  afterEach(() => {
    sb.devops.faults = {};
    sb.devops.urlTtlSeconds = 300;
  });

  test('requires a valid bearer token', async () => {
    for (const token of [null, 'AstraCS:bad:' + '1'.repeat(64)]) {
      const r = await request(sb, 'GET', '/v2/databases', token);
      assert.equal(r.status, 401);
      const err = r.json().errors[0];
      assert.equal(typeof err.ID, 'number');
      assert.match(err.message, /token|Authorization/);
    }
  });

  test('lists databases with include/provider filters and starting_after paging', async () => {
    const all = (await request(sb, 'GET', '/v2/databases?include=all&provider=ALL&limit=100')).json();
    const active = (await request(sb, 'GET', '/v2/databases?include=nonterminated&provider=ALL&limit=25')).json();
    assert.ok(all.length > active.length, 'terminated databases are hidden by default');
    assert.ok(active.every((d: { status: string }) => d.status !== 'TERMINATED'));
    const statuses = new Set(active.map((d: { status: string }) => d.status));
    for (const s of ['ACTIVE', 'HIBERNATED', 'PARKED']) assert.ok(statuses.has(s), s);
    assert.ok(active.some((d: { info: { datacenters: unknown[] } }) => d.info.datacenters.length === 2), 'a multi-region db');
    const main = active.find((d: { id: string }) => d.id === sb.databaseId);
    assert.equal(main.info.keyspace, sb.keyspace);
    assert.equal(main.info.datacenters[0].name, 'dc-1');

    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await request(sb, 'GET', `/v2/databases?include=nonterminated&provider=ALL&limit=2${after ? `&starting_after=${after}` : ''}`)).json();
      assert.ok(page.length <= 2);
      if (page.length === 0) break;
      paged.push(...page.map((d: { id: string }) => d.id));
      after = page[page.length - 1].id;
    }
    assert.deepEqual(paged, active.map((d: { id: string }) => d.id));

    const aws = (await request(sb, 'GET', '/v2/databases?provider=AWS')).json();
    assert.ok(aws.length > 0 && aws.every((d: { info: { cloudProvider: string } }) => d.info.cloudProvider === 'AWS'));
    assert.equal((await request(sb, 'GET', '/v2/databases?limit=0')).status, 400);
  });

  test('gets one database; unknown ids are 404 with an errors body', async () => {
    const one = await request(sb, 'GET', `/v2/databases/${sb.databaseId}`);
    assert.equal(one.status, 200);
    assert.equal(one.json().id, sb.databaseId);
    const missing = await request(sb, 'GET', '/v2/databases/00000000-0000-0000-0000-000000000000');
    assert.equal(missing.status, 404);
    assert.ok(missing.json().errors[0].message);
  });

  test('secureBundleURL gives a short-lived link to a working bundle', async () => {
    const r = await request(sb, 'POST', `/v2/databases/${sb.databaseId}/secureBundleURL`);
    assert.equal(r.status, 200);
    const { downloadURL, downloadURLInternal, downloadURLMigrationProxy } = r.json();
    assert.ok(downloadURL && downloadURLInternal && downloadURLMigrationProxy);
    const zip = await request(sb, 'GET', downloadURL, null);
    assert.equal(zip.status, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const entries = new AdmZip(zip.body).getEntries().map((e) => e.entryName).sort();
    assert.deepEqual(entries, ['ca.crt', 'cert', 'cert.pfx', 'config.json', 'cqlshrc', 'identity.jks', 'key', 'trustStore.jks']);
    const config = JSON.parse(new AdmZip(zip.body).readAsText('config.json'));
    assert.equal(config.port, sb.metadataPort);

    sb.devops.urlTtlSeconds = 0.05;
    const short = (await request(sb, 'POST', `/v2/databases/${sb.databaseId}/secureBundleURL`)).json();
    await new Promise((r) => setTimeout(r, 120));
    assert.equal((await request(sb, 'GET', short.downloadURL, null)).status, 403);
  });

  test('secureBundleURL?all=true answers one link per datacenter', async () => {
    const dbs = (await request(sb, 'GET', '/v2/databases')).json();
    const multi = dbs.find((d: { info: { datacenters: unknown[] } }) => d.info.datacenters.length === 2);
    const links = (await request(sb, 'POST', `/v2/databases/${multi.id}/secureBundleURL?all=true`)).json();
    assert.ok(Array.isArray(links));
    assert.deepEqual(links.map((l: { datacenterID: string }) => l.datacenterID), multi.info.datacenters.map((d: { id: string }) => d.id));
  });

  test('creating a keyspace makes it appear in CQL schema and in the database info', async () => {
    const name = `devops_ks_${Date.now().toString(36)}`;
    const r = await request(sb, 'POST', `/v2/databases/${sb.databaseId}/keyspaces/${name}`);
    assert.equal(r.status, 201);
    const info = (await request(sb, 'GET', `/v2/databases/${sb.databaseId}`)).json();
    assert.ok(info.info.additionalKeyspaces.includes(name));
    const client = new cassandra.Client(nodeClientOptions(target));
    try {
      await client.connect();
      const rs = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [name]);
      assert.equal(rs.rowLength, 1);
      // CQL itself may not create keyspaces on Astra: the API is the only way.
      await assert.rejects(client.execute(`CREATE KEYSPACE nope_${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`));
    } finally {
      await client.shutdown();
    }
    assert.equal((await request(sb, 'POST', `/v2/databases/${sb.databaseId}/keyspaces/bad-name!`)).status, 400);
  });

  test('fault hooks: 429 with retry-after, 500, and slowness', async () => {
    sb.devops.faults = { status: 429, times: 1, retryAfterSeconds: 7 };
    const limited = await request(sb, 'GET', '/v2/databases');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '7');
    assert.equal((await request(sb, 'GET', '/v2/databases')).status, 200, 'times: 1 consumed');

    sb.devops.faults = { status: 500 };
    assert.equal((await request(sb, 'GET', '/v2/databases')).status, 500);
    assert.equal((await request(sb, 'GET', '/v2/databases')).status, 500, 'without times it persists');

    sb.devops.faults = { delayMs: 300 };
    const started = Date.now();
    assert.equal((await request(sb, 'GET', '/v2/databases')).status, 200);
    assert.ok(Date.now() - started >= 290);
  });
});
