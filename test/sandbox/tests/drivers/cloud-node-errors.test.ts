// How the Node driver fails against broken bundles, a failing metadata service, bad credentials and bad options —
// the exact messages a client tool has to recognise (docs/astra-protocol.md §2, §4).
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { isRealTarget, needsBundle, nodeClientOptions, testTarget, type TestTarget } from '../../../support/target.js';
import { buildBundle, type BundleDefect } from '../../astra/bundle.js';
import type { SandboxHandle } from '../../index.js';

const sandboxOnly = { skip: isRealTarget() && 'fault injection needs the sandbox' };

/** The error of constructing + connecting a client (option checks throw from the constructor). */
async function connectError(options: cassandra.ClientOptions): Promise<Error> {
  let client: cassandra.Client | undefined;
  try {
    client = new cassandra.Client(options);
    await client.connect();
  } catch (e) {
    return e as Error;
  } finally {
    await client?.shutdown();
  }
  assert.fail('connect() should have failed');
}

/** The inner errors of a NoHostAvailableError, keyed `host:port/metadata` for metadata-service failures. */
function inner(err: Error): Error[] {
  assert.ok(err instanceof cassandra.errors.NoHostAvailableError, `expected NoHostAvailableError, got ${err}`);
  return Object.values(err.innerErrors) as Error[];
}

describe('Node driver failures through the cloud path', { skip: needsBundle() }, () => {
  let target: TestTarget;
  let sb: SandboxHandle;
  let dir: string;

  before(async () => {
    target = await testTarget({ seed: 'none' });
    if (target.sandbox) sb = target.sandbox;
    dir = mkdtempSync(join(tmpdir(), 'cloud-errors-'));
  });
  after(async () => {
    await target?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => sb?.faults.reset());

  const bundle = (name: string, defects: BundleDefect[]) => sb.writeBundle(join(dir, name), defects);
  const withBundle = (path: string, extra: Partial<cassandra.ClientOptions> = {}) =>
    nodeClientOptions({ ...target, bundlePath: path }, extra);

  test('a wrong token is an AuthenticationError', async () => {
    const err = await connectError(nodeClientOptions({ ...target, token: 'AstraCS:wrong:' + '0'.repeat(64) }));
    const errors = inner(err);
    assert.ok(errors.length > 0);
    for (const e of errors) assert.ok(e instanceof cassandra.errors.AuthenticationError, String(e));
  });

  test('contactPoints or sslOptions next to cloud are refused', async () => {
    const a = await connectError(nodeClientOptions(target, { contactPoints: ['127.0.0.1'] }));
    assert.equal(a.message, 'Contact points can not be defined when cloud settings are provided');
    const b = await connectError(nodeClientOptions(target, { sslOptions: { rejectUnauthorized: false } }));
    assert.equal(b.message, 'SSL options can not be defined when cloud settings are provided');
  });

  test('bundle without config.json', sandboxOnly, async () => {
    const err = await connectError(withBundle(bundle('no-config.zip', ['no-config'])));
    assert.equal(err.message, 'Config file must be contained in secure bundle');
  });

  test('config.json without host and port', sandboxOnly, async () => {
    const err = await connectError(withBundle(bundle('no-host.zip', ['no-host-port'])));
    assert.equal(err.message, 'Config file must include host and port information');
  });

  test('files in a subfolder instead of the zip root; config.json that is not JSON', sandboxOnly, async () => {
    const sub = await connectError(withBundle(bundle('subfolder.zip', ['subfolder'])));
    assert.equal(sub.message, 'Config file must be contained in secure bundle');
    const badJson = await connectError(withBundle(bundle('bad-json.zip', ['bad-json'])));
    assert.ok(badJson instanceof SyntaxError, String(badJson));
  });

  test('a file that is not a zip, a truncated zip, a missing file', sandboxOnly, async () => {
    const notZip = join(dir, 'not-a.zip');
    writeFileSync(notZip, 'this is not a zip file at all');
    assert.match((await connectError(withBundle(notZip))).message, /Invalid or unsupported zip format/);
    const truncated = bundle('truncated.zip', ['truncated']);
    assert.match((await connectError(withBundle(truncated))).message, /Invalid or unsupported zip format|END header/);
    const missing = await connectError(withBundle(join(dir, 'nope.zip')));
    assert.equal((missing as NodeJS.ErrnoException).code, 'ENOENT');
  });

  test('metadata service down', sandboxOnly, async () => {
    await sb.metadata.close();
    try {
      const err = await connectError(nodeClientOptions(target));
      assert.equal(err.message, 'There was an error fetching the metadata information');
      assert.deepEqual(Object.keys((err as cassandra.errors.NoHostAvailableError).innerErrors), [
        `127.0.0.1:${sb.metadataPort}/metadata`,
      ]);
      assert.equal((inner(err)[0] as NodeJS.ErrnoException).code, 'ECONNREFUSED');
    } finally {
      await sb.metadata.listen(sb.metadataPort);
    }
  });

  test('metadata service answering 500', sandboxOnly, async () => {
    sb.faults.metadataStatus = 500;
    const err = await connectError(nodeClientOptions(target));
    assert.equal(err.message, 'There was an error fetching the metadata information');
    assert.equal(inner(err)[0].message, 'Obtained http status 500');
  });

  test('metadata service answering bad JSON', sandboxOnly, async () => {
    sb.faults.metadataBadJson = true;
    const err = await connectError(nodeClientOptions(target));
    // The driver says "while parsing" (lib/datastax/cloud/index.js), not "parsing" as some docs quote it.
    assert.equal(err.message, 'There was an error while parsing the metadata service information');
    assert.ok(inner(err)[0] instanceof SyntaxError);
  });

  test('metadata service listing no contact points', sandboxOnly, async () => {
    sb.metadata.emptyContactPoints = true;
    try {
      const err = await connectError(nodeClientOptions(target));
      assert.ok(err instanceof cassandra.errors.NoHostAvailableError);
      assert.equal(err.message, 'No host could be resolved');
    } finally {
      sb.metadata.emptyContactPoints = false;
    }
  });

  test('metadata service slower than connectTimeout', sandboxOnly, async () => {
    sb.faults.metadataDelayMs = 1500;
    const started = Date.now();
    const err = await connectError(nodeClientOptions(target, { socketOptions: { connectTimeout: 300 } }));
    assert.equal(err.message, 'There was an error fetching the metadata information');
    assert.ok(Date.now() - started < 1400, 'gave up at the connect timeout, not after the delay');
  });

  test('a client certificate from another CA is refused by mutual TLS', sandboxOnly, async () => {
    const path = join(dir, 'foreign.zip');
    writeFileSync(
      path,
      buildBundle({
        config: { host: '127.0.0.1', metadataPort: sb.metadataPort, cqlPort: sb.sniPort, keyspace: 'demo', localDC: 'dc-1' },
        caCert: sb.pki.caCert,
        client: sb.pki.foreignClient,
      }),
    );
    const before = sb.metadata.requests;
    const err = await connectError(withBundle(path));
    assert.equal(err.message, 'There was an error fetching the metadata information');
    assert.equal(sb.metadata.requests, before, 'no request got past the TLS handshake');
  });

  test('the SNI proxy closes connections naming no known host id', sandboxOnly, async () => {
    const before = sb.sniProxy.unknownSni;
    const socket = tls.connect({
      host: '127.0.0.1', port: sb.sniPort, servername: randomUUID(), ca: sb.pki.caCert,
      cert: sb.pki.client.cert, key: sb.pki.client.key, checkServerIdentity: () => undefined,
    });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('close', resolve));
    assert.equal(sb.sniProxy.unknownSni, before + 1);
  });

  test('the SNI proxy serves CQL only to clients whose certificate the CA signed', sandboxOnly, async () => {
    // Sends OPTIONS and collects what comes back until the socket closes or a SUPPORTED frame arrives.
    const probe = (client: { cert: string; key: string }) =>
      new Promise<Buffer>((resolve) => {
        const socket = tls.connect({
          host: '127.0.0.1', port: sb.sniPort, servername: sb.nodes[0].hostId, ca: sb.pki.caCert,
          cert: client.cert, key: client.key, checkServerIdentity: () => undefined,
        });
        const chunks: Buffer[] = [];
        socket.on('secureConnect', () => socket.write(Buffer.from([0x04, 0, 0, 0, 0x05, 0, 0, 0, 0])));
        socket.on('data', (d: Buffer) => {
          chunks.push(d);
          socket.destroy();
        });
        socket.on('error', () => {});
        socket.on('close', () => resolve(Buffer.concat(chunks)));
      });
    const good = await probe(sb.pki.client);
    assert.equal(good[0], 0x84);
    assert.equal(good[4], 0x06, 'SUPPORTED');
    const before = sb.sniProxy.accepted;
    const foreign = await probe(sb.pki.foreignClient);
    assert.equal(foreign.length, 0, 'no CQL bytes for a foreign certificate');
    assert.equal(sb.sniProxy.accepted, before);
  });

  test('a bundle in a read-only folder works (the Node driver unzips in memory)', sandboxOnly, async () => {
    const ro = mkdtempSync(join(dir, 'ro-'));
    const path = join(ro, 'bundle.zip');
    copyFileSync(sb.bundlePath, path);
    chmodSync(ro, 0o555);
    try {
      const client = new cassandra.Client(withBundle(path));
      try {
        await client.connect();
        assert.equal((await client.execute('SELECT key FROM system.local')).first().key, 'local');
      } finally {
        await client.shutdown();
      }
    } finally {
      chmodSync(ro, 0o755);
    }
  });
});
