// The Python driver (Debian python3-cassandra) against the sandbox's native-protocol server, in plain mode.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { optedOut, PYTHON, requireTool } from '../../../support/tools.js';
import { seededEngine, startCluster } from './protocol-cluster.js';

const SCRIPT = `
import json, sys
from cassandra.cluster import Cluster
from cassandra.auth import PlainTextAuthProvider
from cassandra.policies import DCAwareRoundRobinPolicy
from cassandra import InvalidRequest, AuthenticationFailed
from cassandra.cluster import NoHostAvailable
port = int(sys.argv[1])
out = {}
def cluster(password):
    return Cluster(['127.0.0.1'], port=port, auth_provider=PlainTextAuthProvider('token', password),
                   load_balancing_policy=DCAwareRoundRobinPolicy('dc1'), connect_timeout=3, control_connection_timeout=3)
c = cluster('AstraCS:good')
s = c.connect('ks')
out['protocol'] = c.protocol_version
out['hosts'] = sorted(h.host_id.urn[9:] for h in c.metadata.all_hosts())
s.execute('INSERT INTO t (k, v) VALUES (%s, %s)', (7, 'seven'))
p = s.prepare('SELECT k, v FROM t WHERE k = ?')
out['prepared'] = [list(r) for r in s.execute(p, (7,))]
for k in range(20, 32):
    s.execute(s.prepare('INSERT INTO t (k, v) VALUES (?, ?)'), (k, 'x'))
from cassandra.query import SimpleStatement
rs = s.execute(SimpleStatement('SELECT k, v FROM t', fetch_size=5))
out['first_page'] = len(rs.current_rows)
out['all_rows'] = len(list(rs))
from cassandra.query import BatchStatement
b = BatchStatement()
b.add(s.prepare('INSERT INTO t (k, v) VALUES (?, ?)'), (40, 'b1'))
b.add(SimpleStatement("INSERT INTO t (k, v) VALUES (41, 'b2')"))
s.execute(b)
out['batch'] = sorted([list(r) for r in s.execute('SELECT k, v FROM t WHERE k IN (40, 41)')])
s.execute('CREATE TABLE ks.py (k int PRIMARY KEY, tags set<text>)')
out['new_table'] = sorted(c.metadata.keyspaces['ks'].tables['py'].columns.keys())
try:
    s.execute('USE nope')
except InvalidRequest as e:
    out['invalid'] = str(e)
c.shutdown()
try:
    cluster('AstraCS:bad').connect()
except NoHostAvailable as e:
    out['bad_auth'] = [type(v).__name__ + ': ' + str(v) for v in e.errors.values()]
print(json.dumps(out))
`;

test('python3-cassandra connects, negotiates v4, prepares, pages and sees errors', { skip: optedOut('python') }, async () => {
  requireTool('python');
  const engine = seededEngine();
  const cluster = await startCluster(engine, { nodes: 2, auth: true });
  try {
    const child = spawn(PYTHON, ['-c', SCRIPT, String(cluster.port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, `python failed:\n${stderr}`);
    const out = JSON.parse(stdout);
    assert.equal(out.protocol, 4);
    assert.deepEqual(out.hosts, cluster.nodes.map((n) => n.hostId).sort());
    assert.deepEqual(out.prepared, [[7, 'seven']]);
    assert.equal(out.first_page, 5);
    assert.equal(out.all_rows, 13);
    assert.deepEqual(out.batch, [[40, 'b1'], [41, 'b2']]);
    assert.deepEqual(out.new_table, ['k', 'tags']);
    assert.match(out.invalid, /code=2200 \[Invalid query\] message="Keyspace '?nope'? does not exist"/);
    assert.equal(out.bad_auth.length, 1);
    assert.match(out.bad_auth[0], /^AuthenticationFailed: .*Provided username token and\/or password are incorrect/);
  } finally {
    await cluster.close();
  }
});
