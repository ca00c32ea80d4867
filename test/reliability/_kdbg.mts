import { testTarget } from '../support/target.js';
import { extensionStack, runCell } from '../reliability/support/stack.js';
const target = await testTarget({ seed: 'none' });
const sb = target.sandbox!;
const stack = await extensionStack({ connectTimeoutSeconds: 2, requestTimeoutSeconds: 2 });
const id = await stack.addBundleProfile(target.bundlePath!, target.token, { name: 'Revoked' });
const s = stack.session(id);
console.log((await runCell(s, 'SELECT release_version FROM system.local'))[0]!.kind);
const client = stack.service.connectedClient(id)!;
client.on('log', (l: string, c: string, m: string) => { if (l !== 'verbose') console.log('LOG', l, c, m.slice(0, 200)); });
sb.faults.revokedSecrets.add(target.token!);
for (const n of sb.nodes) sb.faults.markDown(n.hostId);
for (const n of sb.nodes) sb.faults.markUp(n.hostId);
const orig = client.execute.bind(client);
(client as any).execute = async (...a: any[]) => { try { return await orig(...a); } catch (e: any) { console.log('ERR', e.name, e.message, e.innerErrors); throw e; } };
const t0 = Date.now();
while (Date.now() < t0 + 8000) {
  const out = await runCell(s, 'SELECT release_version FROM system.local');
  if (out[0]!.kind === 'error') { console.log('FAIL', Date.now() - t0, out[0]!.failure.message); break; }
  await new Promise((r) => setTimeout(r, 200));
}
for (const h of client.hosts.values()) console.log('host', h.address, h.isUp());
await stack.stop(); await target.stop();
