// The sandbox's native-protocol server seen from a raw socket: version negotiation, handshake rules, malformed
// frames, and the fault-injection knobs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import cassandra from 'cassandra-driver';
import { seededEngine, startCluster, type TestCluster } from './protocol-cluster.js';
import { encodeFrame, FrameParser, Opcode, type Frame } from '../../protocol/frame.js';
import { WireReader, WireWriter } from '../../protocol/wire.js';

/** A bare client: sends request frames, collects response frames. */
class RawClient {
  private readonly parser = new FrameParser();
  private readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<void>;
  readonly firstBytes: Buffer[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.firstBytes.push(chunk);
      this.frames.push(...this.parser.push(chunk));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.once('error', reject);
    });
  }

  send(version: number, opcode: number, body: Buffer, stream = 1, flags = 0): void {
    this.socket.write(encodeFrame({ version, flags, stream, opcode, body }, false));
  }

  async next(timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (Date.now() > deadline) throw new Error('no response frame');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.frames.shift()!;
  }

  close(): void {
    this.socket.destroy();
  }
}

const startup = () => new WireWriter().stringMap([['CQL_VERSION', '3.0.0']]).toBuffer();
const query = (cql: string) => new WireWriter().longString(cql).short(1).byte(0).toBuffer();
const readError = (f: Frame) => {
  const r = new WireReader(f.body);
  return { code: r.int(), message: r.string() };
};

describe('raw protocol', () => {
  const engine = seededEngine();
  let cluster: TestCluster;
  let port: number;
  before(async () => {
    cluster = await startCluster(engine, { astra: true });
    port = cluster.port;
  });
  after(() => cluster.close());

  for (const version of [0x42, 0x41, 5, 2]) {
    test(`protocol version ${version} is refused with a v4 error on the same stream`, async () => {
      const c = await RawClient.connect(port);
      c.send(version, Opcode.STARTUP, startup(), version === 2 ? 7 : 0x1234);
      const f = await c.next();
      assert.equal(c.firstBytes[0][0], 0x84, 'response header version byte');
      assert.equal(f.stream, version === 2 ? 7 : 0x1234);
      assert.equal(f.opcode, Opcode.ERROR);
      assert.deepEqual(readError(f), {
        code: 0x000a,
        message: `Invalid or unsupported protocol version (${version}); supported versions are (3/v3, 4/v4)`,
      });
      c.close();
    });
  }

  test('OPTIONS → SUPPORTED with PRODUCT_TYPE in Astra mode; requests before STARTUP are refused', async () => {
    const c = await RawClient.connect(port);
    c.send(4, Opcode.OPTIONS, Buffer.alloc(0), 3);
    const sup = await c.next();
    assert.equal(sup.opcode, Opcode.SUPPORTED);
    assert.equal(sup.stream, 3);
    assert.deepEqual(Object.fromEntries(new WireReader(sup.body).stringMultimap()), {
      CQL_VERSION: ['3.4.5'], COMPRESSION: [], PROTOCOL_VERSIONS: ['3/v3', '4/v4'], PRODUCT_TYPE: ['DATASTAX_APOLLO'],
    });
    c.send(4, Opcode.QUERY, query('SELECT k, v FROM ks.t'), 4);
    assert.deepEqual(readError(await c.next()), { code: 0x000a, message: 'Unexpected message QUERY, expecting STARTUP or OPTIONS' });
    c.send(4, Opcode.STARTUP, startup(), 5);
    assert.equal((await c.next()).opcode, Opcode.READY);
    c.send(4, Opcode.STARTUP, startup(), 6);
    assert.match(readError(await c.next()).message, /already initialized/);
    c.close();
  });

  test('protocol v3 is served with v3 headers; truncated bodies get a protocol error', async () => {
    const c = await RawClient.connect(port);
    c.send(3, Opcode.STARTUP, startup(), 1);
    assert.equal((await c.next()).opcode, Opcode.READY);
    assert.equal(c.firstBytes[0][0], 0x83);
    c.send(3, Opcode.QUERY, Buffer.from([0, 0, 0, 50, 0x41]), 2);
    const err = await c.next();
    assert.equal(err.stream, 2);
    assert.equal(readError(err).code, 0x000a);
    // The connection survives a bad request body.
    c.send(3, Opcode.QUERY, query('SELECT k, v FROM ks.t'), 3);
    assert.equal((await c.next()).opcode, Opcode.RESULT);
    c.close();
  });

  test('compression is refused at STARTUP', async () => {
    const c = await RawClient.connect(port);
    c.send(4, Opcode.STARTUP, new WireWriter().stringMap([['CQL_VERSION', '3.0.0'], ['COMPRESSION', 'lz4']]).toBuffer());
    assert.deepEqual(readError(await c.next()), { code: 0x000a, message: 'Unknown compression algorithm: lz4' });
    c.close();
  });

  test('skip_metadata on EXECUTE yields a No_metadata Rows result', async () => {
    const c = await RawClient.connect(port);
    c.send(4, Opcode.STARTUP, startup());
    await c.next();
    c.send(4, Opcode.PREPARE, new WireWriter().longString('SELECT k, v FROM ks.t').toBuffer());
    const prep = new WireReader((await c.next()).body);
    assert.equal(prep.int(), 4);
    const id = prep.shortBytes();
    assert.deepEqual([prep.int(), prep.int(), prep.int()], [0, 0, 0], 'bind metadata: flags, no columns, no pk');
    assert.equal(prep.int(), 1, 'result metadata has a global table spec');
    c.send(4, Opcode.EXECUTE, new WireWriter().shortBytes(id).short(1).byte(0x02).toBuffer());
    const rows = new WireReader((await c.next()).body);
    assert.deepEqual([rows.int(), rows.int(), rows.int()], [2, 0x0004, 2]);
    c.close();
  });

  test('latency fault delays responses', async () => {
    const c = await RawClient.connect(port);
    cluster.faults.latencyMs = 150;
    const t0 = Date.now();
    c.send(4, Opcode.OPTIONS, Buffer.alloc(0));
    await c.next();
    assert.ok(Date.now() - t0 >= 140, `took ${Date.now() - t0} ms`);
    cluster.faults.reset();
    c.close();
  });

  test('dropAfterFrames destroys the connection that carries the Nth frame', async () => {
    const c = await RawClient.connect(port);
    cluster.faults.dropAfterFrames = 2;
    c.send(4, Opcode.OPTIONS, Buffer.alloc(0), 1);
    assert.equal((await c.next()).stream, 1);
    c.send(4, Opcode.OPTIONS, Buffer.alloc(0), 2);
    await c.closed;
    assert.equal(cluster.faults.dropAfterFrames, undefined);
  });

  test('errorFor answers matching CQL, counting down `times`', async () => {
    const c = await RawClient.connect(port);
    c.send(4, Opcode.STARTUP, startup());
    await c.next();
    cluster.faults.errorFor = [{ match: /FROM ks\.t/, error: 'read_timeout', times: 2 }];
    for (let i = 0; i < 3; i++) c.send(4, Opcode.QUERY, query('SELECT k, v FROM ks.t'), 10 + i);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await c.next()).opcode);
    assert.deepEqual(codes, [Opcode.ERROR, Opcode.ERROR, Opcode.RESULT]);
    assert.deepEqual(cluster.faults.errorFor, []);
    c.close();
  });

  test('nodeDown closes open connections and refuses new ones; server.close ends sockets', async () => {
    const c = await RawClient.connect(port);
    c.send(4, Opcode.OPTIONS, Buffer.alloc(0));
    await c.next();
    const before = cluster.servers[0].connections;
    assert.ok(before >= 1);
    cluster.faults.markDown(cluster.nodes[0].hostId);
    await c.closed;
    const d = await RawClient.connect(port);
    await d.closed;
    cluster.faults.markUp(cluster.nodes[0].hostId);
    const e = await RawClient.connect(port);
    e.send(4, Opcode.OPTIONS, Buffer.alloc(0));
    assert.equal((await e.next()).opcode, Opcode.SUPPORTED);
    e.close();
  });
});

describe('node down, seen by the driver', () => {
  test('a driver cannot connect to a node marked down, and can once it is up', async () => {
    const cluster = await startCluster(seededEngine());
    try {
      cluster.faults.markDown(cluster.nodes[0].hostId);
      const c = cluster.client();
      await assert.rejects(c.connect(), cassandra.errors.NoHostAvailableError);
      cluster.faults.markUp(cluster.nodes[0].hostId);
      const ok = cluster.client();
      await ok.connect();
      assert.equal((await ok.execute('SELECT k, v FROM ks.t')).rowLength, 0);
      const s = cluster.servers[0];
      await s.close();
      assert.equal(s.connections, 0);
    } finally {
      await cluster.close();
    }
  });
});
