// startSandbox() as a whole: bundle contents and PKI, plain mode, upstream mode, the demo seed, the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import AdmZip from 'adm-zip';
import cassandra from 'cassandra-driver';
import { isRealTarget } from '../../../support/target.js';
import { startSandbox, type SandboxHandle } from '../../index.js';
import type { BundleDefect } from '../../astra/bundle.js';
import { EVENTS_ROWS, PRODUCTS_ROWS, XSS_TEXT } from '../../seed/demo.js';

// Client#options is public at runtime (documented) but missing from the driver's typings.
const optionsOf = (c: cassandra.Client) => (c as unknown as { options: cassandra.ClientOptions }).options;

const skip = isRealTarget() && 'exercises the sandbox itself';

describe('sandbox front (astra mode, demo seed)', { skip }, () => {
  let sb: SandboxHandle;
  let client: cassandra.Client;
  let startMs = 0;

  before(async () => {
    const t = Date.now();
    sb = await startSandbox();
    startMs = Date.now() - t;
    client = new cassandra.Client({ cloud: { secureConnectBundle: sb.bundlePath }, credentials: { username: 'token', password: sb.token } });
    await client.connect();
  });
  after(async () => {
    await client?.shutdown();
    await sb?.stop();
  });

  test('the bundle has Astra\'s layout and a PKI the drivers accept', () => {
    const zip = new AdmZip(readFileSync(sb.bundlePath));
    const names = zip.getEntries().map((e) => e.entryName).sort();
    assert.deepEqual(names, ['ca.crt', 'cert', 'cert.pfx', 'config.json', 'cqlshrc', 'identity.jks', 'key', 'trustStore.jks']);
    const config = JSON.parse(zip.readAsText('config.json'));
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, sb.metadataPort);
    assert.equal(config.cql_port, sb.sniPort);
    assert.equal(config.keyspace, 'demo');
    assert.equal(config.localDC, 'dc-1');
    for (const k of ['caCertLocation', 'keyLocation', 'certLocation', 'keyStoreLocation', 'trustStoreLocation']) assert.ok(config[k], k);
    const ca = new X509Certificate(zip.readAsText('ca.crt'));
    const clientCert = new X509Certificate(zip.readAsText('cert'));
    assert.ok(clientCert.verify(ca.publicKey) && clientCert.checkIssued(ca));
    const server = new X509Certificate(sb.pki.server.cert);
    assert.ok(server.verify(ca.publicKey));
    assert.match(server.subject, /CN=127\.0\.0\.1/);
    assert.equal(server.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost');
    assert.equal(new X509Certificate(sb.pki.foreignClient.cert).verify(ca.publicKey), false);
    assert.match(sb.token, /^AstraCS:[A-Za-z]+:[0-9a-f]{64}$/);
  });

  test('broken bundles are broken exactly as asked', () => {
    const entries = (d: BundleDefect) => new AdmZip(sb.bundleBytes([d])).getEntries().map((e) => e.entryName);
    assert.ok(!entries('no-config').includes('config.json'));
    assert.ok(!entries('no-cert').includes('cert') && entries('no-cert').includes('key'));
    assert.ok(entries('evil-entry').includes('../evil'));
    assert.ok(entries('subfolder').every((n) => n.startsWith('bundle/')));
    const noHost = JSON.parse(new AdmZip(sb.bundleBytes(['no-host-port'])).readAsText('config.json'));
    assert.equal(noHost.host, undefined);
    assert.equal(noHost.port, undefined);
    assert.equal(noHost.keyspace, 'demo');
    assert.throws(() => new AdmZip(sb.bundleBytes(['truncated'])), /Invalid or unsupported zip format/);
  });

  test('three nodes: distinct host ids, one DC, racks, evenly spread tokens', () => {
    assert.equal(sb.nodes.length, 3);
    assert.equal(new Set(sb.nodes.map((n) => n.hostId)).size, 3);
    assert.deepEqual([...new Set(sb.nodes.map((n) => n.dataCenter))], ['dc-1']);
    const tokens = sb.nodes.map((n) => BigInt(n.tokens[0]));
    const gaps = tokens.slice(1).map((t, i) => t - tokens[i]);
    assert.ok(gaps.every((g) => g === gaps[0] && g > 0n));
    const hosts = client.hosts.values();
    assert.deepEqual(hosts.map((h) => h.hostId.toString()).sort(), sb.nodes.map((n) => n.hostId).sort());
    assert.deepEqual(hosts.map((h) => h.rack).sort(), sb.nodes.map((n) => n.rack).sort());
  });

  test('demo seed: every table present with its data', async (t) => {
    t.diagnostic(`sandbox start incl. demo seed: ${startMs} ms`);
    assert.ok(client.metadata.keyspaces.demo);
    const count = async (cql: string) => Number((await client.execute(cql)).first().count);
    assert.equal(await count('SELECT count(*) FROM demo.events'), EVENTS_ROWS);
    assert.equal(await count('SELECT count(*) FROM demo.products'), PRODUCTS_ROWS);
    const views = (await client.execute("SELECT views FROM demo.page_views WHERE page = '/docs'")).first().views;
    assert.equal(views.toString(), '345');
    const fr = await client.execute("SELECT id FROM demo.users WHERE country = 'FR'");
    assert.deepEqual(fr.rows.map((r) => r.id).sort((a, b) => a - b), [5, 10, 15, 20, 25, 30, 35, 40]);
    const xss = (await client.execute('SELECT c_text, c_bigint FROM demo.all_types WHERE id = 2')).first();
    assert.equal(xss.c_text, XSS_TEXT);
    const big = (await client.execute('SELECT c_bigint, c_varint, c_decimal FROM demo.all_types WHERE id = 1')).first();
    assert.equal(big.c_bigint.toString(), '9223372036854775807');
    assert.equal(big.c_varint.toString(), '123456789012345678901234567890123456789');
    assert.equal(big.c_decimal.toString(), '12345678901234567890.123456789');
    const nulls = (await client.execute('SELECT * FROM demo.all_types WHERE id = 3')).first();
    assert.equal(Object.entries(nulls).filter(([k, v]) => k !== 'id' && v !== null).length, 0);
    const table = await client.metadata.getTable('demo', 'all_types');
    assert.equal(table?.columns.length, 30);
    const orders = await client.execute('SELECT order_id FROM shop.orders WHERE customer_id = 0b7e4f8a-5c1d-4e2f-9a3b-6c7d8e9f0a1b');
    const times = orders.rows.map((r) => r.order_id.getDate().getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'clustering order DESC');
  });
});

describe('sandbox plain mode and upstream mode', { skip }, () => {
  let plain: SandboxHandle;
  before(async () => {
    plain = await startSandbox({ mode: 'plain', seed: 'none', auth: true });
  });
  after(() => plain?.stop());

  test('plain mode: an ordinary 3-node cluster behind contact points, with auth', async () => {
    const opts = {
      contactPoints: [plain.contactPoint], localDataCenter: plain.localDataCenter,
      protocolOptions: { port: plain.cqlPort },
    };
    const client = new cassandra.Client({ ...opts, credentials: { username: plain.username, password: plain.password } });
    try {
      await client.connect();
      assert.equal(client.getState().getConnectedHosts().length, 3);
      assert.equal(optionsOf(client).queryOptions?.consistency, cassandra.types.consistencies.localOne, 'not Astra: no LOCAL_QUORUM default');
    } finally {
      await client.shutdown();
    }
    const anon = new cassandra.Client(opts);
    await assert.rejects(anon.connect(), /requires authentication|AuthProvider/i);
    await anon.shutdown();
  });

  test('upstream mode: the Astra front forwards to another cluster by host id', async () => {
    const upstreamCredentials = { username: plain.username, password: plain.password };
    const front = await startSandbox({ upstream: plain.contactPoint, upstreamCredentials, seed: 'none' });
    const client = new cassandra.Client({
      cloud: { secureConnectBundle: front.bundlePath },
      credentials: { username: plain.username, password: plain.password },
    });
    try {
      await client.connect();
      const local = (await client.execute("SELECT host_id FROM system.local WHERE key = 'local'")).first();
      assert.ok(plain.nodes.some((n) => n.hostId === local.host_id.toString()), 'answered by the upstream cluster');
      assert.equal(client.hosts.length, 3);
      assert.ok(front.sniProxy.accepted >= 3);
    } finally {
      await client.shutdown();
      await front.stop();
    }
  });
});

describe('sandbox CLI', { skip }, () => {
  test('--json prints one line with the connection facts, then stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'cli.ts'), '--json', '--seed', 'none'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
    });
    const info = JSON.parse(line);
    assert.deepEqual(
      Object.keys(info).sort(),
      ['bundlePath', 'caPath', 'contactPoint', 'cqlPort', 'dataApiEndpoint', 'databaseId', 'devopsUrl', 'metadataPort', 'sniPort', 'token'].sort(),
    );
    assert.match(info.dataApiEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.contactPoint, `127.0.0.1:${info.cqlPort}`);
    const client = new cassandra.Client({ cloud: { secureConnectBundle: info.bundlePath }, credentials: { username: 'token', password: info.token } });
    try {
      await client.connect();
      assert.equal((await client.execute('SELECT key FROM system.local')).first().key, 'local');
    } finally {
      await client.shutdown();
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.equal(out.trim().split('\n').length, 1, 'exactly one line on stdout');
  });
});
