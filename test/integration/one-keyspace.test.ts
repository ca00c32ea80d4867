// The whole integration suite, twice in a row, inside one existing keyspace on a server that refuses keyspace DDL
// over CQL (as Astra does): both runs pass, and the keyspace is left exactly as it was found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Client } from 'cassandra-driver';
import { listKeyspaceObjects } from '../support/keyspaceObjects.js';
import { isRealTarget } from '../support/target.js';

// The nested runs see CQL_TEST_KEYSPACE and skip this file, so it never recurses.
const skip = (!!process.env.CQL_TEST_KEYSPACE || isRealTarget()) && 'runs only as the outer suite, against a sandbox of its own';

function runSuite(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['test/run-node-tests.mjs', 'test/integration'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const count = (output: string, what: string) => Number(output.match(new RegExp(`^# ${what} (\\d+)$`, 'm'))?.[1] ?? NaN);

test('the suite runs twice in one shared keyspace with keyspace creation refused, leaving nothing behind', { skip }, async (t) => {
  const { startSandbox } = await import('../sandbox/index.js');
  const keyspace = 'shared_app';
  const cassandraVersion = process.env.CQL_TEST_CASSANDRA_VERSION as '4.0' | '5.0' | undefined;
  const sb = await startSandbox({ mode: 'plain', seed: 'none', refuseKeyspaceDdl: true, keyspace, cassandraVersion });
  const client = new Client({ contactPoints: [sb.contactPoint], localDataCenter: sb.localDataCenter, protocolOptions: { port: sb.cqlPort } });
  try {
    await client.connect();
    // Someone else's table, which the suite must neither need nor touch.
    await client.execute(`CREATE TABLE ${keyspace}.not_ours (id int PRIMARY KEY, v text)`);
    await client.execute(`INSERT INTO ${keyspace}.not_ours (id, v) VALUES (1, 'kept')`);
    await assert.rejects(
      client.execute("CREATE KEYSPACE elsewhere WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"),
      /has no CREATE permission on <all keyspaces>/,
    );
    const keyspaces = async () => (await client.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows.map((r) => r.keyspace_name).sort();
    const keyspacesBefore = await keyspaces();
    const before = await listKeyspaceObjects(client, keyspace);
    assert.deepEqual(before, [{ kind: 'table', name: 'not_ours' }]);

    // Without NODE_TEST_CONTEXT the nested runner reports as a top-level run (TAP), not to this one.
    const { NODE_TEST_CONTEXT: _ctx, ...inherited } = process.env;
    const env = {
      ...inherited,
      CQL_TEST_CONTACT_POINTS: sb.contactPoint,
      CQL_TEST_LOCAL_DC: sb.localDataCenter,
      CQL_TEST_KEYSPACE: keyspace,
    };
    for (const run of [1, 2]) {
      const { code, output } = await runSuite(env);
      assert.equal(code, 0, `run ${run} failed:\n${output.split('\n').filter((l) => /^not ok|^\s+(error|message|expected|actual):/.test(l)).join('\n')}`);
      assert.equal(count(output, 'fail'), 0);
      assert.ok(count(output, 'pass') > 20, `run ${run} passed ${count(output, 'pass')} tests`);
      t.diagnostic(`run ${run}: ${count(output, 'pass')} passed, ${count(output, 'skipped')} skipped`);
      assert.deepEqual(await listKeyspaceObjects(client, keyspace), before, `run ${run} left objects behind`);
    }
    assert.deepEqual(await keyspaces(), keyspacesBefore, 'no keyspace was created or dropped');
    assert.equal((await client.execute(`SELECT v FROM ${keyspace}.not_ours WHERE id = 1`)).first()?.v, 'kept');
  } finally {
    await client.shutdown();
    await sb.stop();
  }
});
