// `npm test`: the system set-up, then every check in order, continuing past failures so one run shows
// everything, then a summary.
//   setup → typecheck → lint → unit → sandbox → integration → reliability → build → package → e2e → demo
// Options: --skip-e2e (or ASTRA_SKIP_E2E=1): nothing that needs a browser (e2e, demo, renderer tests);
//          ASTRA_SKIP_PYTHON=1: no Python driver tests; --only=<step>[,<step>] (step names as in the summary).
// Nothing is skipped silently: a suite that has disappeared fails, a test whose tool is missing fails (the set-up
// installs the tools), and the summary lists every skipped step and test with its reason.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const scripts = pkg.scripts ?? {};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
// The test files read the same variables, so an opt-out reaches them too.
if (args.includes('--skip-e2e')) process.env.ASTRA_SKIP_E2E = '1';
const skipE2e = process.env.ASTRA_SKIP_E2E === '1';
const e2eOptOut = skipE2e && 'opted out (--skip-e2e / ASTRA_SKIP_E2E=1)';

function hasTests(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? name !== 'fixtures' && hasTests(p, suffix) : name.endsWith(suffix);
  });
}

// `expect` says what must exist for the step to run; when it is missing the step FAILS (a suite that vanished is
// a lost suite, not a pass). `optOut` is the only way to skip a step.
const nodeTests = (dir) => ({
  run: [process.execPath, ['test/run-node-tests.mjs', dir]],
  expect: () => hasTests(join(root, dir), '.test.ts') || `expected *.test.ts under ${dir}, found none`,
});
const npmScript = (name) => ({
  run: [npm, ['run', '--silent', name]],
  expect: () => Boolean(scripts[name]) || `expected an npm script "${name}" in package.json`,
});

const steps = [
  { name: 'typecheck', ...npmScript('typecheck') },
  { name: 'lint', ...npmScript('lint') },
  { name: 'unit', ...nodeTests('test/unit') },
  {
    // The sandbox is its own npm workspace; its `npm test` runs its unit and driver tests.
    name: 'sandbox',
    run: [npm, ['test', '--silent', '--workspace', 'test/sandbox']],
    expect: () => hasTests(join(root, 'test/sandbox/tests'), '.test.ts') || 'expected *.test.ts under test/sandbox/tests, found none',
  },
  { name: 'integration', ...nodeTests('test/integration') },
  {
    name: 'reliability',
    run: [process.execPath, ['test/reliability/run.mjs']],
    expect: () => hasTests(join(root, 'test/reliability'), '.test.ts') || 'expected *.test.ts under test/reliability, found none',
  },
  { name: 'build', ...npmScript('build') },
  // e2e and the demo drive the extension through the demo hook, which only a test package keeps.
  { name: 'package', ...npmScript('package:test') },
  {
    name: 'e2e',
    run: [process.execPath, ['test/e2e/run-e2e.mjs']],
    needs: ['build', 'package'],
    optOut: e2eOptOut,
    expect: () => hasTests(join(root, 'test/e2e'), '.e2e.ts') || 'expected *.e2e.ts scenarios under test/e2e, found none',
  },
  {
    // The README's quick start, headless: sandbox + code-server + demo notebook, connected.
    name: 'demo',
    run: [process.execPath, ['scripts/demo.mjs', '--headless-check', '--no-build', '--no-setup', '--port', '0']],
    needs: ['build', 'package'],
    optOut: e2eOptOut,
    expect: () => existsSync(join(root, 'scripts/demo.mjs')) || 'expected scripts/demo.mjs',
  },
];

// Node's test runner ends with "# pass N / # fail N / # cancelled N / # skipped N" (TAP, when piped) or "ℹ pass N" (spec).
function testCounts(output) {
  const get = (what) => {
    const all = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${what} (\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : undefined;
  };
  const pass = get('pass');
  const fail = get('fail');
  if (pass === undefined && fail === undefined) return undefined;
  // A test cancelled because its hook failed did not pass either.
  return { pass: pass ?? 0, fail: (fail ?? 0) + (get('cancelled') ?? 0), skipped: get('skipped') ?? 0 };
}

/** The skipped tests in TAP output ("ok 3 - name # SKIP reason"), so the summary can say what and why. */
function skippedTests(output) {
  return [...output.matchAll(/^\s*ok \d+ - (.*?) # SKIP\b ?(.*)$/gm)].map((m) => `${m[1]}: ${m[2] || 'no reason given'}`);
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

// The set-up installs what the steps need; when it cannot, nothing else can pass, so stop here with its reason.
const setupArgs = ['scripts/setup-system.mjs', ...(skipE2e ? ['--skip-e2e'] : [])];
console.log(`━━ setup: node ${setupArgs.join(' ')}`);
const setupStart = Date.now();
const setup = await new Promise((resolve) => {
  spawn(process.execPath, setupArgs, { cwd: root, stdio: 'inherit' }).on('close', (code) => resolve(code ?? 1));
});
if (setup !== 0) {
  console.error('npm test: stopped, the system set-up failed (the reason is the [setup] line above)');
  process.exit(1);
}
const results = [{ name: 'setup', status: 'pass', seconds: (Date.now() - setupStart) / 1000, note: '' }];

for (const step of steps) {
  if (only && !only.includes(step.name)) continue;
  if (step.optOut) {
    results.push({ name: step.name, status: 'skip', note: step.optOut });
    continue;
  }
  const expected = step.expect();
  if (expected !== true) {
    results.push({ name: step.name, status: 'fail', note: expected });
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
  results.push({
    name: step.name,
    status: code === 0 ? 'pass' : 'fail',
    seconds: (Date.now() - t0) / 1000,
    counts: testCounts(output),
    skipped: skippedTests(output),
    note: code === 0 ? '' : `exit ${code}`,
  });
}

console.log('\n━━ summary');
const total = { pass: 0, fail: 0, skipped: 0 };
for (const r of results) {
  const c = r.counts;
  const tests = c ? `${c.pass} passed, ${c.fail} failed${c.skipped ? `, ${c.skipped} skipped` : ''}` : '';
  if (c) for (const k of Object.keys(total)) total[k] += c[k];
  const time = r.seconds === undefined ? '' : `${r.seconds.toFixed(1)}s`;
  console.log(`${r.status.toUpperCase().padEnd(5)} ${r.name.padEnd(12)} ${time.padStart(7)}  ${[tests, r.note].filter(Boolean).join('; ')}`);
}
const skippedSteps = results.filter((r) => r.status === 'skip');
const skippedList = results.flatMap((r) => (r.skipped ?? []).map((s) => `${r.name}: ${s}`));
if (skippedSteps.length || skippedList.length) {
  console.log('skipped:');
  for (const r of skippedSteps) console.log(`  step ${r.name}: ${r.note}`);
  for (const s of skippedList) console.log(`  ${s}`);
}
const passed = results.filter((r) => r.status === 'pass').length;
const failed = results.filter((r) => r.status === 'fail').length;
console.log(`tests: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped`);
console.log(`${passed} passed, ${failed} failed (steps; ${skippedSteps.length} skipped)`);
process.exit(failed > 0 ? 1 : 0);
