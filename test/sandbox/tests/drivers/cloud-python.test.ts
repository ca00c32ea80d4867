// The Python driver (Debian python3-cassandra) through the secure connect bundle, driven by cloud-python.py.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, afterEach, before, describe, test } from 'node:test';
import { needsBundle, testTarget, type TestTarget } from '../../../support/target.js';
import { optedOut, PYTHON, requireTool } from '../../../support/tools.js';

const SCRIPT = join(__dirname, 'cloud-python.py');
const skip = optedOut('python') || needsBundle();
const sandboxOnly = { skip: skip || (process.env.CQL_TEST_BUNDLE ? 'fault injection needs the sandbox' : false) };

interface PyResult {
  ok: boolean;
  error_class?: string;
  error?: string;
  inner?: string[];
  cluster_name?: string;
  hosts?: string[];
  datacenters?: string[];
  keyspaces?: string[];
  row?: { k: string; n: string; tags: string[] };
  default_consistency?: number;
  release_version?: string;
  py_kv_columns?: string[] | null;
}

// Asynchronous on purpose: the sandbox serves from this very process, so a blocking spawn would deadlock it.
async function runPython(bundle: string, token: string, keyspace: string): Promise<PyResult> {
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, bundle, token, keyspace], { timeout: 90_000 });
  const lastLine = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as PyResult;
}

describe('Python driver through the secure connect bundle', { skip }, () => {
  let target: TestTarget;
  let dir: string;

  before(async () => {
    requireTool('python');
    target = await testTarget({ seed: 'none' });
    dir = mkdtempSync(join(tmpdir(), 'cloud-python-'));
  });
  after(async () => {
    await target?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => target?.sandbox?.faults.reset());

  test('connects, reads cluster metadata, prepares and queries', async () => {
    const r = await runPython(target.bundlePath!, target.token!, target.keyspace);
    assert.equal(r.ok, true, `${r.error_class}: ${r.error} ${r.inner ?? ''}`);
    assert.ok(r.keyspaces?.includes(target.keyspace));
    assert.deepEqual(r.row, { k: 'big', n: '9223372036854775807', tags: ['a', 'b'] });
    assert.deepEqual(r.py_kv_columns, ['k', 'n', 'tags']);
    assert.equal(r.default_consistency, 6, 'LOCAL_QUORUM, learned from the server');
    const sb = target.sandbox;
    if (sb) {
      assert.equal(r.cluster_name, 'cndb');
      assert.deepEqual(r.hosts, sb.nodes.map((n) => n.hostId).sort());
      assert.deepEqual(r.datacenters, [sb.localDataCenter]);
      assert.match(r.release_version ?? '', /^\d+\.\d+\./);
    }
  });

  test('a wrong token fails authentication', async () => {
    const r = await runPython(target.bundlePath!, 'AstraCS:nope:' + 'f'.repeat(64), target.keyspace);
    assert.equal(r.ok, false);
    assert.equal(r.error_class, 'NoHostAvailable');
    assert.ok(r.inner?.length && r.inner.every((e) => e.startsWith('AuthenticationFailed')), JSON.stringify(r.inner));
  });

  test('a file that is not a zip', async () => {
    const path = join(dir, 'not.zip');
    writeFileSync(path, 'not a zip');
    const r = await runPython(path, target.token!, target.keyspace);
    assert.equal(r.error_class, 'ValueError');
    assert.equal(r.error, 'Unable to open the zip file for the cloud config. Check your secure connect bundle.');
  });

  test('metadata service answering 500', sandboxOnly, async () => {
    const sb = target.sandbox!;
    sb.faults.metadataStatus = 500;
    const r = await runPython(target.bundlePath!, target.token!, target.keyspace);
    assert.equal(r.error_class, 'DriverException');
    assert.equal(
      r.error?.trim(),
      `Unable to connect to the metadata service at https://127.0.0.1:${sb.metadataPort}/metadata. Check the cluster status in the cloud console.`,
    );
  });

  test('metadata service answering bad JSON', sandboxOnly, async () => {
    target.sandbox!.faults.metadataBadJson = true;
    const r = await runPython(target.bundlePath!, target.token!, target.keyspace);
    assert.equal(r.error_class, 'DriverException');
    assert.equal(r.error, 'Failed to load cluster metadata');
  });
});
