// `npm run test:reliability`: runs every test under test/reliability, then prints the table of cases → observed
// behaviour (also written to test-results/reliability-summary.md).
//   RELIABILITY_SOAK=1 npm run test:reliability   longer soak (20,000 statements instead of 1,000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'astra-reliability-report-'));
const report = join(dir, 'rows.jsonl');
const res = spawnSync(process.execPath, ['test/run-node-tests.mjs', 'test/reliability'], {
  stdio: 'inherit',
  env: { ...process.env, RELIABILITY_REPORT: report },
});

const rows = existsSync(report) ? readFileSync(report, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
rmSync(dir, { recursive: true, force: true });
const cell = (s) => String(s).replace(/\|/g, '\\|');
const lines = ['| area | case | observed | ms |', '|---|---|---|---|'];
for (const r of rows) lines.push(`| ${cell(r.area)} | ${cell(r.case)} | ${cell(r.observed)} | ${r.ms === undefined ? '' : Math.round(r.ms)} |`);
const table = lines.join('\n');
console.log(`\n━━ reliability: ${rows.length} cases\n${table}`);
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/reliability-summary.md', `# Reliability and security suite — observed behaviour\n\n${table}\n`);
process.exit(res.status ?? 1);
