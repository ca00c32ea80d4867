// The system tools `npm test`, `npm run demo` and `.ci/run` need: checks them, installs the missing ones with
// apt-get (as root, else through sudo), then installs code-server into its cache folder. A no-op in well under a
// second when everything is present. Uses Node built-ins only: `.ci/run` calls it before `npm ci`.
//   node scripts/setup-system.mjs [--skip-e2e] [--skip-python] [--check]
//   --skip-e2e    (or ASTRA_SKIP_E2E=1)    nothing for the browser: no chromium, no code-server and its build tools
//   --skip-python (or ASTRA_SKIP_PYTHON=1) no python3-cassandra (the Python driver tests are then skipped)
//   --check       report what is missing and exit 1 if anything is, install nothing
// When it cannot install (not Debian/Ubuntu, not root and no usable sudo) it stops at once with one line saying
// why and the exact command to run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const skipE2e = args.includes('--skip-e2e') || process.env.ASTRA_SKIP_E2E === '1';
const skipPython = args.includes('--skip-python') || process.env.ASTRA_SKIP_PYTHON === '1';
const checkOnly = args.includes('--check');
const t0 = Date.now();
const say = (msg) => console.error(`[setup ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const stop = (msg) => {
  console.error(`[setup] ${msg}`);
  process.exit(1);
};

const onPath = (cmd) =>
  (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, cmd)));
const python3Has = (module) => existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;

const codeServerVersion = process.env.CODE_SERVER_VERSION ?? '4.100.3';
const codeServerDir = join(process.env.ASTRA_E2E_CACHE ?? join(homedir(), '.cache', 'astra-db-vscode-e2e'), `code-server-${codeServerVersion}`);
const codeServerInstalled = existsSync(join(codeServerDir, '.installed'));

// Each tool: when it is needed, how to tell it is there, the Debian package that provides it, and why.
const tools = [
  {
    name: 'chromium',
    needed: !skipE2e,
    present: () => existsSync(process.env.ASTRA_E2E_CHROMIUM ?? '/usr/bin/chromium'),
    pkg: 'chromium',
    why: 'the browser for the e2e scenarios, the demo and the renderer tests',
  },
  {
    name: 'rg',
    needed: !skipE2e,
    present: () => onPath('rg'),
    pkg: 'ripgrep',
    why: "VS Code's search binary (code-server would otherwise download it)",
  },
  {
    name: 'python3-cassandra',
    needed: !skipPython,
    present: () => python3Has('cassandra'),
    pkg: 'python3-cassandra',
    why: 'the Python driver tests against the sandbox',
  },
  // Only to build code-server's native modules (kerberos, node-pty, …): not needed once it is installed.
  ...[
    { name: 'g++', pkg: 'g++', present: () => onPath('g++') },
    { name: 'make', pkg: 'make', present: () => onPath('make') },
    { name: 'python3', pkg: 'python3', present: () => onPath('python3') },
    { name: 'krb5 headers', pkg: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') && existsSync('/usr/include/krb5.h') },
  ].map((t) => ({ ...t, needed: !skipE2e && !codeServerInstalled, why: "to build code-server's native modules" })),
];

const missing = tools.filter((t) => t.needed && !t.present());
// Callers that do not need a tool pass the flag themselves (the demo has no Python tests), so say what is left out,
// not that the user chose it.
const leftOut = [skipE2e && 'chromium and code-server (e2e)', skipPython && 'python3-cassandra (Python driver tests)'].filter(Boolean);
if (leftOut.length) say(`not checked: ${leftOut.join('; ')}`);

if (missing.length) {
  const pkgs = [...new Set(missing.map((t) => t.pkg))];
  const aptCmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  const hint = 'or opt out with ASTRA_SKIP_E2E=1 / ASTRA_SKIP_PYTHON=1';
  for (const t of missing) say(`missing ${t.name} (Debian package ${t.pkg}): ${t.why}`);
  if (checkOnly) stop(`missing: ${pkgs.join(' ')}; install with: ${aptCmd}`);
  if (!onPath('apt-get') || !onPath('dpkg')) {
    stop(`cannot install ${pkgs.join(' ')}: no apt-get here (not Debian/Ubuntu); install the equivalent packages yourself (${hint})`);
  }
  let sudo = [];
  if (process.getuid?.() !== 0) {
    if (!onPath('sudo')) stop(`cannot install ${pkgs.join(' ')}: not root and no sudo; run as root: ${aptCmd} (${hint})`);
    const passwordless = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
    if (!passwordless && !process.stdin.isTTY) {
      stop(`cannot install ${pkgs.join(' ')}: sudo needs a password and there is no terminal; run: sudo sh -c '${aptCmd}' (${hint})`);
    }
    sudo = ['sudo'];
  }
  const apt = (aptArgs) => {
    const cmd = [...sudo, 'apt-get', '-o', 'DPkg::Lock::Timeout=600', ...aptArgs];
    say(cmd.join(' '));
    const res = spawnSync(cmd[0], cmd.slice(1), { stdio: ['inherit', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (res.status !== 0) stop(`\`${cmd.join(' ')}\` failed (exit ${res.status ?? res.signal}); run it yourself: ${aptCmd}`);
  };
  say(`installing ${pkgs.join(' ')}`);
  apt(['update', '-q']);
  apt(['install', '-y', '-q', '--no-install-recommends', ...pkgs]);
  const still = missing.filter((t) => !t.present());
  if (still.length) stop(`still missing after apt-get: ${still.map((t) => t.name).join(', ')}`);
  say(`installed ${pkgs.join(' ')}`);
}

if (!skipE2e) {
  if (checkOnly) {
    if (!codeServerInstalled) stop(`code-server ${codeServerVersion} is not installed yet (scripts/install-code-server.sh does it)`);
  } else {
    await installCodeServer();
  }
}
say('system tools ready');

/** Runs scripts/install-code-server.sh, showing its steps, with a heartbeat while npm works silently. */
function installCodeServer() {
  if (!codeServerInstalled) say(`installing code-server ${codeServerVersion} into ${codeServerDir} (a few minutes, once)`);
  return new Promise((resolve) => {
    const child = spawn('bash', [join(root, 'scripts', 'install-code-server.sh'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const beat = setInterval(() => say('code-server install still running…'), 20_000);
    child.on('close', (code) => {
      clearInterval(beat);
      if (code !== 0) stop(`installing code-server failed (exit ${code}); see the [install-code-server] lines above`);
      resolve();
    });
  });
}
