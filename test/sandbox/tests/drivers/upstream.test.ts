// Upstream mode: the Astra front in front of another server (here the sandbox's own plain cluster, which knows
// nothing of Astra). Drivers must still see Astra: LOCAL_QUORUM by default, and Astra's refusals.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import cassandra from 'cassandra-driver';
import { Consistency } from '../../errors.js';
import { startSandbox, type SandboxHandle } from '../../index.js';
import { astraSupported } from '../../astra/astra-relay.js';
import { WireReader, WireWriter } from '../../protocol/wire.js';
import { optedOut, PYTHON, requireTool } from '../../../support/tools.js';

const { types } = cassandra;
const optionsOf = (c: cassandra.Client) => (c as unknown as { options: cassandra.ClientOptions }).options;
const WEAK_WRITE = /Provided value (ONE|LOCAL_ONE|ANY) is not allowed for Write Consistency Level \(disallowed values are: \[ANY, ONE, LOCAL_ONE\]\)/;
const NO_KEYSPACE_DDL = /has no CREATE permission on <all keyspaces> or any of its parents/;

test('SUPPORTED gains PRODUCT_TYPE=DATASTAX_APOLLO and loses compression; the rest is kept', () => {
  const upstream = new WireWriter().stringMultimap([
    ['CQL_VERSION', ['3.4.7']], ['COMPRESSION', ['lz4', 'snappy']], ['PROTOCOL_VERSIONS', ['3/v3', '4/v4', '5/v5']],
  ]).toBuffer();
  const seen = new WireReader(astraSupported(upstream)).stringMultimap();
  assert.deepEqual(seen.get('PRODUCT_TYPE'), ['DATASTAX_APOLLO']);
  assert.deepEqual(seen.get('COMPRESSION'), []);
  assert.deepEqual(seen.get('CQL_VERSION'), ['3.4.7']);
});

describe('the Astra front in front of a plain cluster', () => {
  let plain: SandboxHandle;
  let front: SandboxHandle;
  let client: cassandra.Client;
  const ks = 'up_ks';

  before(async () => {
    plain = await startSandbox({ mode: 'plain', seed: 'none' });
    front = await startSandbox({ upstream: plain.contactPoint });
    await front.createKeyspace(ks);
    client = new cassandra.Client({ cloud: { secureConnectBundle: front.bundlePath } });
    await client.connect();
    await client.execute(`CREATE TABLE ${ks}.kv (k int PRIMARY KEY, v text)`);
  });
  after(async () => {
    await client?.shutdown();
    await front?.stop();
    await plain?.stop();
  });

  test('the Node driver defaults to LOCAL_QUORUM, and that is what the server receives', async () => {
    assert.equal(optionsOf(client).queryOptions?.consistency, types.consistencies.localQuorum);
    await client.execute(`INSERT INTO ${ks}.kv (k, v) VALUES (1, 'a')`);
    assert.equal(plain.engine.lastConsistency, Consistency.LOCAL_QUORUM);
    assert.equal((await client.execute(`SELECT v FROM ${ks}.kv WHERE k = 1`)).first()?.v, 'a');
  });

  test('writes at ANY, ONE and LOCAL_ONE are refused with Astra’s guardrail; reads at ONE are fine', async () => {
    const { any, one, localOne } = types.consistencies;
    for (const consistency of [any, one, localOne]) {
      await assert.rejects(client.execute(`INSERT INTO ${ks}.kv (k, v) VALUES (2, 'b')`, [], { consistency }), WEAK_WRITE);
    }
    await assert.rejects(client.execute(`UPDATE ${ks}.kv SET v = 'c' WHERE k = 1`, [], { consistency: one, prepare: true }), WEAK_WRITE);
    await assert.rejects(
      client.batch([{ query: `INSERT INTO ${ks}.kv (k, v) VALUES (3, 'x')`, params: [] }], { consistency: localOne }),
      WEAK_WRITE,
    );
    assert.equal((await client.execute(`SELECT count(*) FROM ${ks}.kv`, [], { consistency: one })).first()?.count.toNumber(), 1);
    assert.equal((await plain.adminQuery(`SELECT v FROM ${ks}.kv WHERE k = 2`) as { rows: unknown[] }).rows.length, 0, 'nothing reached the server');
  });

  test('keyspace DDL is refused as Astra refuses it, plain and prepared', async () => {
    const ddl = "CREATE KEYSPACE elsewhere WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
    await assert.rejects(client.execute(ddl), NO_KEYSPACE_DDL);
    await assert.rejects(client.execute(ddl, [], { prepare: true }), NO_KEYSPACE_DDL);
    await assert.rejects(client.execute(`/* note */ DROP KEYSPACE ${ks}`), /has no DROP permission/);
    const names = (plain.adminQuery('SELECT keyspace_name FROM system_schema.keyspaces') as { rows: unknown[][] }).rows.map((r) => r[0]);
    assert.ok(!names.includes('elsewhere') && names.includes(ks));
  });

  test('the Python driver sees LOCAL_QUORUM and the same refusals', { skip: optedOut('python') }, async () => {
    requireTool('python');
    const script = join(__dirname, 'cloud-python.py');
    const { stdout } = await promisify(execFile)(PYTHON, [script, front.bundlePath, 'unused', ks, 'guardrails'], { timeout: 90_000 });
    const r = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    assert.equal(r.ok, true, `${r.error_class}: ${r.error} ${r.inner ?? ''}`);
    assert.equal(r.default_consistency, 6, 'LOCAL_QUORUM');
    assert.match(r.refused.weak_write, WEAK_WRITE);
    assert.match(r.refused.keyspace_ddl, NO_KEYSPACE_DDL);
  });
});
