// Runs the end-to-end scenarios (test/e2e/**/*.e2e.ts) one after another in real VS Code (code-server) driven
// through chromium. Installs chromium and code-server first if needed (scripts/setup-system.mjs). Arguments
// filter scenario files by substring.
//   node test/e2e/run-e2e.mjs            all scenarios
//   node test/e2e/run-e2e.mjs connect    only files whose path contains "connect"
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const e2eDir = join(root, 'test', 'e2e');

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (name === 'fixtures' || name === 'harness') continue;
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.e2e.ts')) out.push(p);
  }
  return out;
}

if (!existsSync(join(root, 'scripts', 'install-code-server.sh'))) {
  console.error('run from the repository root');
  process.exit(1);
}
// chromium, ripgrep and code-server (with the tools to build it); a fast no-op once they are there.
const setup = spawnSync(process.execPath, [join(root, 'scripts', 'setup-system.mjs'), '--skip-python'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(1);

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((n) => newestMtime(join(p, n))));
}
// The scenarios install the packaged .vsix: testing a stale one hides whatever changed since.
const vsix = readdirSync(root).find((f) => f.endsWith('.vsix'));
if (!vsix) console.warn('[e2e] no .vsix in the repo root: run `npm run package:test` (scenarios needing the extension will fail)');
else if (statSync(join(root, vsix)).mtimeMs < Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs)) {
  console.warn(`[e2e] ${vsix} is older than src/ or package.json: run \`npm run package:test\` to test the current code`);
}

const filters = process.argv.slice(2);
const files = collect(e2eDir, []).filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)));
if (files.length === 0) {
  console.error(`no e2e scenarios match ${filters.join(', ') || '(all)'}`);
  process.exit(1);
}
// Serially: each scenario starts its own code-server and chromium, which is all two cores can carry.
// A hung scenario must not hold CI for 90 minutes; the scenarios' own waits scale with the machine's load, so
// this is only the backstop.
const timeout = process.env.ASTRA_E2E_TEST_TIMEOUT_MS ?? '600000';
const args = ['--import', 'tsx', '--test', '--test-concurrency=1', `--test-timeout=${timeout}`, ...files];
const res = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(res.status ?? 1);
