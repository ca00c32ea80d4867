// `npm test`: every check in order, continuing past failures so one run shows everything, then a summary.
//   typecheck → lint → unit → sandbox → integration → reliability → build → package → e2e (real VS Code in chromium) → demo
// Options: --skip-e2e, --only=<step>[,<step>] (step names as printed in the summary).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scripts = pkg.scripts ?? {};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const skipE2e = args.includes('--skip-e2e');

function hasTests(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? name !== 'fixtures' && hasTests(p, suffix) : name.endsWith(suffix);
  });
}

const nodeTests = (dir) => ({
  run: [process.execPath, ['test/run-node-tests.mjs', dir]],
  when: () => hasTests(join(root, dir), '.test.ts') || `no *.test.ts under ${dir}`,
});
const npmScript = (name) => ({
  run: [npm, ['run', '--silent', name]],
  when: () => Boolean(scripts[name]) || `no "${name}" script`,
});

const steps = [
  { name: 'typecheck', ...npmScript('typecheck') },
  { name: 'lint', ...npmScript('lint') },
  { name: 'unit', ...nodeTests('test/unit') },
  { name: 'sandbox', ...nodeTests('test/sandbox-tests') },
  { name: 'integration', ...nodeTests('test/integration') },
  {
    name: 'reliability',
    run: [process.execPath, ['test/reliability/run.mjs']],
    when: () => hasTests(join(root, 'test/reliability'), '.test.ts') || 'no reliability tests',
  },
  { name: 'build', ...npmScript('build') },
  // e2e and the demo drive the extension through the demo hook, which only a test package keeps.
  { name: 'package', ...npmScript('package:test') },
  {
    name: 'e2e',
    run: [process.execPath, ['test/e2e/run-e2e.mjs']],
    needs: ['build', 'package'],
    when: () => (skipE2e ? 'skipped (--skip-e2e)' : hasTests(join(root, 'test/e2e'), '.e2e.ts') || 'no *.e2e.ts scenarios'),
  },
  {
    // The README's quick start, headless: sandbox + code-server + demo notebook, connected.
    name: 'demo',
    run: [process.execPath, ['scripts/demo.mjs', '--headless-check', '--no-build', '--port', '0']],
    needs: ['build', 'package'],
    when: () => (skipE2e ? 'skipped (--skip-e2e)' : existsSync(join(root, 'test/sandbox/cli.ts')) || 'no sandbox CLI yet'),
  },
];

// Node's test runner ends with "# pass N / # fail N" (TAP, when piped) or "ℹ pass N" (spec, on a terminal).
function testCounts(output) {
  const get = (what) => {
    const all = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${what} (\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  const pass = get('pass');
  const fail = get('fail');
  return pass === undefined && fail === undefined ? undefined : { pass: pass ?? 0, fail: fail ?? 0 };
}

function runStep(cmd, cmdArgs) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('error', (err) => resolve({ code: 1, output: String(err) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const results = [];
for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  const ok = step.when();
  if (ok !== true) {
    results.push({ name: step.name, status: 'skip', note: ok });
    continue;
  }
  const blocked = (step.needs ?? []).filter((n) => results.find((r) => r.name === n)?.status === 'fail');
  if (blocked.length) {
    results.push({ name: step.name, status: 'fail', note: `not run: ${blocked.join(', ')} failed` });
    continue;
  }
  const [cmd, cmdArgs] = step.run;
  console.log(`\n━━ ${step.name}: ${[cmd === process.execPath ? 'node' : cmd, ...cmdArgs].join(' ')}`);
  const t0 = Date.now();
  const { code, output } = await runStep(cmd, cmdArgs);
  const counts = testCounts(output);
  results.push({
    name: step.name,
    status: code === 0 ? 'pass' : 'fail',
    seconds: (Date.now() - t0) / 1000,
    counts,
    note: code === 0 ? '' : `exit ${code}`,
  });
}

console.log('\n━━ summary');
let testsPassed = 0;
let testsFailed = 0;
for (const r of results) {
  const tests = r.counts ? `${r.counts.pass} passed, ${r.counts.fail} failed` : '';
  if (r.counts) {
    testsPassed += r.counts.pass;
    testsFailed += r.counts.fail;
  }
  const time = r.seconds === undefined ? '' : `${r.seconds.toFixed(1)}s`;
  console.log(`${r.status.toUpperCase().padEnd(5)} ${r.name.padEnd(12)} ${time.padStart(7)}  ${[tests, r.note].filter(Boolean).join('; ')}`);
}
const passed = results.filter((r) => r.status === 'pass').length;
const failed = results.filter((r) => r.status === 'fail').length;
console.log(`tests: ${testsPassed} passed, ${testsFailed} failed`);
console.log(`${passed} passed, ${failed} failed (steps; ${results.length - passed - failed} skipped)`);
process.exit(failed > 0 ? 1 : 0);
