import { Client } from 'cassandra-driver';
import { PerformanceObserver } from 'node:perf_hooks';
import { Session as Insp } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const insp = new Insp(); insp.connect();
const post = (m: string, p: object = {}) => new Promise<any>((res, rej) => insp.post(m, p, (e, r) => (e ? rej(e) : res(r))));
let gcMs = 0; const gcKinds: Record<number, number> = {};
new PerformanceObserver((l) => { for (const e of l.getEntries()) { gcMs += e.duration; const k = (e as any).detail?.kind ?? 0; gcKinds[k] = (gcKinds[k] ?? 0) + e.duration; gcKinds[k*100] = (gcKinds[k*100] ?? 0) + 1; } }).observe({ entryTypes: ['gc'] });
import { CqlSession } from '../../src/extension/cql/session.js';
import { splitStatements } from '../../src/extension/cql/statements.js';
import { nodeClientOptions, testTarget } from '../support/target.js';
import { createAllTypesTable } from './allTypesTable.js';
import { startSandboxProcess } from './sandboxProcess.js';
const col = process.env.COL ?? 'c_map';
const mode = process.env.MODE ?? 'session';
async function main() {
const sb = await startSandboxProcess();
process.env.CQL_TEST_CONTACT_POINTS = sb.contactPoint; process.env.CQL_TEST_LOCAL_DC = sb.localDataCenter;
const target = await testTarget({ seed: 'none' });
const client = new Client(nodeClientOptions(target, { socketOptions: { readTimeout: 120_000 } }));
await client.connect();
await createAllTypesTable(client, target.keyspace, 100000);
const q = `SELECT ${col} FROM ${target.keyspace}.bench_all_types`;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
async function raw() { let ps: string|undefined; let n=0; do { const rs = await client.execute(q, [], { prepare: false, fetchSize: 5000, autoPage: false, ...(ps ? { pageState: ps } : {}) }); n+=rs.rows.length; ps = rs.pageState ?? undefined; } while (ps); return n; }
async function sess() { const s = new CqlSession({ client: async () => client, pageSize: 5000, timeZone: 'UTC' }); const f = await s.run(splitStatements(q)[0]!); if (f.kind!=='result') throw new Error(); let more = f.payload.hasMore; let n=f.payload.rows.length; while (more) { const p = await s.loadMore(f.payload.queryId); n+=p.rows.length; more = p.hasMore; } return n; }
if (process.env.PROF) { await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 100 }); await post('Profiler.start'); }
for (let i = 0; i < 6; i++) {
  for (const [name, fn] of [['raw', raw], ['session', sess]] as const) {
    if (mode !== 'both' && name !== mode) continue;
    (globalThis as any).gc?.();
    gcMs = 0; for (const k in gcKinds) delete gcKinds[k]; const c0 = cpu(); const t0 = performance.now(); const n = await fn();
    console.log(name, n, 'wall', (performance.now()-t0).toFixed(0), 'cpu', (cpu()-c0).toFixed(0), 'gc', gcMs.toFixed(0), JSON.stringify((globalThis as any).__t, (k, v) => typeof v === 'number' ? Math.round(v) : v), (globalThis as any).__t = undefined, JSON.stringify(Object.fromEntries(Object.entries(gcKinds).map(([k,v])=>[k,Math.round(v)]))));
  }
}
if (process.env.PROF) { const r = await post('Profiler.stop'); writeFileSync(process.env.PROF, JSON.stringify(r.profile)); }
await client.shutdown(); await target.stop(); await sb.stop();
}
main().catch((e) => { console.error(e); process.exit(1); });
