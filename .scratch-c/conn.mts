import { startSandbox } from '../test/sandbox/index.ts';
import cassandra from 'cassandra-driver';
const t = Date.now();
const sb = await startSandbox({ seed: 'demo' });
console.log('started in', Date.now() - t);
const client = new cassandra.Client({ cloud: { secureConnectBundle: sb.bundlePath }, credentials: { username: 'token', password: sb.token } });
try {
  await client.connect();
  console.log('hosts', client.hosts.length, client.getState().getConnectedHosts().length);
  const r = await client.execute('SELECT release_version, host_id FROM system.local');
  console.log(r.first());
  const rs = await client.execute('SELECT * FROM demo.all_types WHERE id = 1');
  console.log(rs.first());
  let n = 0; const t2 = Date.now();
  for await (const row of client.stream('SELECT * FROM demo.events', [], { prepare: true, fetchSize: 5000 })) n++;
  console.log('rows', n, Date.now() - t2, 'ms');
} finally { await client.shutdown(); await sb.stop(); }
