// `npm run demo`: the extension in a real VS Code (code-server), connected to the local Astra sandbox with
// sample data and a demo notebook.
//   --port N / --host H   where code-server listens (default 127.0.0.1:8080)
//   --open / --no-open    open chromium at the workbench, with the demo notebook (default: when DISPLAY is set)
//   --headless-check      open it in headless chromium, wait for the notebook and the connection, save
//                         test-results/demo.png and exit 0 (CI uses this to prove the quick start works)
//   --no-build            use the extension as already built/packaged
//   --no-setup            do not run scripts/setup-system.mjs (the caller already did)
// Runs until Ctrl-C (or until the opened browser window is closed) and then cleans up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { tsImport } from 'tsx/esm/api';

const root = process.cwd();
if (!existsSync(join(root, 'scripts', 'demo.mjs'))) {
  console.error('run `npm run demo` from the repository root');
  process.exit(1);
}
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return argv[i].includes('=') ? argv[i].split('=').slice(1).join('=') : argv[i + 1];
};
const host = option('host', '127.0.0.1');
const port = Number(option('port', '8080'));
const headlessCheck = flag('headless-check');
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const openBrowser = !headlessCheck && hasDisplay && (flag('open') || !flag('no-open'));
if (flag('open') && !hasDisplay) console.log('[demo] --open: no DISPLAY here, so open the printed URL in a browser yourself');
const t0 = Date.now();
const say = (msg) => console.log(`[demo ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

const cleanups = [];
let failed = false;
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.log(`\n[demo] ${sig}: stopping`);
    void cleanup().then(() => process.exit(sig === 'SIGINT' ? 0 : 1));
  });
}

function run(cmd, args, what) {
  say(what);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status})`);
}

/** Starts `npm run sandbox -- --json` in its own process group and resolves with the JSON line it prints. */
function startSandbox() {
  say('starting the Astra sandbox with sample data');
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--json'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sandbox did not report ready within 180 s')), 180_000);
    child.once('exit', (code) => reject(new Error(`the sandbox exited early (code ${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const info = JSON.parse(line);
        if (info && typeof info.bundlePath === 'string' && typeof info.token === 'string') {
          clearTimeout(timer);
          resolve(info);
        }
      } catch {
        process.stdout.write(`[sandbox] ${line}\n`);
      }
    });
  });
}

/** The demo notebook; its format is documented in src/extension/notebook/README.md. */
function demoNotebook(profileName) {
  const code = (source) => ({ kind: 'code', language: 'cql', source });
  return {
    format: 'astra-cql-notebook',
    version: 1,
    metadata: { keyspace: 'demo' },
    cells: [
      {
        kind: 'markdown',
        source:
          `# Astra DB demo\nConnected to **${profileName}**, a local Astra sandbox with sample data. ` +
          'Run a cell with the ▷ button or Ctrl+Enter; browse the schema in the Astra DB side bar.',
      },
      code('SELECT * FROM demo.all_types;'),
      code('SELECT * FROM demo.events LIMIT 50;'),
      code('SELECT id, name, price FROM demo.products ORDER BY embedding ANN OF [0.1, 0.2, 0.3] LIMIT 3;'),
      code('DESCRIBE KEYSPACES;'),
    ],
  };
}

// chromium, ripgrep, code-server's build tools and code-server itself (the demo does not use Python, and cannot
// do without the editor, so an e2e opt-out does not apply here).
function setupSystem() {
  say('checking system tools (scripts/setup-system.mjs)');
  const env = { ...process.env };
  delete env.ASTRA_SKIP_E2E;
  const res = spawnSync(process.execPath, ['scripts/setup-system.mjs', '--skip-python'], { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error('[demo] stopped: the system set-up failed (the reason is the [setup] line above)');
    process.exit(1);
  }
}

async function main() {
  if (!flag('no-setup')) setupSystem();
  const { ensureCodeServer } = await tsImport('../test/e2e/harness/paths.ts', import.meta.url);
  const { startCodeServer } = await tsImport('../test/e2e/harness/codeServer.ts', import.meta.url);
  const { openWorkbench, workbenchUrl } = await tsImport('../test/e2e/harness/browser.ts', import.meta.url);
  const { Workbench, scaled } = await tsImport('../test/e2e/harness/workbench.ts', import.meta.url);
  const { NotebookEditor } = await tsImport('../test/e2e/harness/notebook.ts', import.meta.url);

  ensureCodeServer();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!flag('no-build')) {
    // The shipped build ignores the demo hook; package:test keeps it.
    if (pkg.scripts?.['package:test']) run('npm', ['run', '--silent', 'package:test'], 'packaging the extension with the demo hook (npm run package:test)');
    else run('npm', ['run', '--silent', 'build'], 'building the extension (npm run build)');
  }
  const vsix = join(root, `${pkg.name}.vsix`);
  const extension = existsSync(vsix) ? { kind: 'vsix', path: vsix } : { kind: 'dir', path: root };

  const sandbox = await startSandbox();
  say(`sandbox ready: CQL ${sandbox.cqlPort ?? '?'}, metadata service ${sandbox.metadataPort ?? '?'}`);

  // A fixed, freshly wiped run folder so a user can look inside; per-run state would otherwise come back.
  const runDir = join(root, '.e2e', 'demo');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const profileName = 'Astra sandbox (demo)';
  const demoFile = join(runDir, 'demo-connection.json');
  // The workspace folder is created by startCodeServer below; the hook opens the notebook once the extension is up.
  const demoNotebookPath = join(runDir, 'workspace', 'demo.cqlnb');
  const demo = { name: profileName, bundlePath: sandbox.bundlePath, token: sandbox.token, astraDatabaseId: sandbox.databaseId, openNotebook: demoNotebookPath };
  writeFileSync(demoFile, JSON.stringify(demo), {
    mode: 0o600,
  });

  say(`starting code-server on ${host}:${port}`);
  const cs = await startCodeServer({
    name: 'demo',
    runDir,
    host,
    port,
    extension,
    // The sandbox's Data API stand-in (collections such as demo.catalog) is on loopback under the sandbox CA.
    env: { ASTRA_DB_VSCODE_DEMO: demoFile, ASTRA_DB_VSCODE_DEVOPS_CA: sandbox.caPath },
    settings: sandbox.dataApiEndpoint ? { 'astra.dataApiUrl': sandbox.dataApiEndpoint } : {},
    workspaceFiles: { 'demo.cqlnb': `${JSON.stringify(demoNotebook(profileName), null, 2)}\n` },
  });
  cleanups.push(() => cs.stop());
  const url = workbenchUrl(cs);
  say(`VS Code is at ${url}\n            (demo.cqlnb opens by itself; the Astra DB icon in the activity bar shows the schema)`);

  if (headlessCheck || openBrowser) {
    const browser = await openWorkbench(cs, { headless: headlessCheck });
    cleanups.push(() => browser.close());
    const wb = new Workbench(browser.page);
    // Registered before the browser cleanup runs (cleanups run in reverse), so the page is still there.
    if (headlessCheck) cleanups.push(() => (failed ? wb.screenshot('demo-failure').then((f) => say(`screenshot ${f}`)) : undefined));
    await wb.openFile('demo.cqlnb');
    const nb = new NotebookEditor(browser.page);
    await nb.waitOpen();
    say('demo notebook open');
    // Show the schema side bar too (this also activates the extension if nothing else has yet).
    await wb.activityBarItem('Astra DB').click();
    const item = browser.page.locator('.part.statusbar .statusbar-item', { hasText: profileName });
    await item.locator('.codicon-database').first().waitFor({ timeout: scaled(90_000) });
    const status = await wb.waitForStatusBar(profileName);
    say(`status bar: ${status}`);
    if (headlessCheck) {
      // The quick start is only proven when a query runs against the sample data and its result renders.
      await nb.runCell(0);
      const state = await nb.waitCellDone(0, 60_000);
      if (state !== 'success') throw new Error(`the first demo cell failed: ${(await nb.outputTexts()).join('\n')}`);
      const output = await nb.waitForOutput(/\d+ rows?/, 30_000);
      say(`first cell ran: ${output.match(/\d+ rows?[^\n]*/)?.[0]}`);
      // The Data API side of the sandbox: the seeded collection is listed beside the tables.
      await wb.showConnectionKeyspace(profileName);
      await wb.expandTreeRow(/^demo$/);
      await wb.expandTreeRow(/^\s*Collections\s*$/);
      const catalog = wb.treeRow(/^\s*catalog/);
      await catalog.waitFor({ timeout: scaled(60_000) });
      say(`collection listed: ${(await catalog.innerText()).replace(/\s+/g, ' ').trim()}`);
      const shot = await wb.screenshot('demo');
      say(`headless check passed; screenshot ${shot}`);
      await cleanup();
      process.exit(0);
    }
    browser.context.on('close', () => {
      say('browser closed: stopping');
      void cleanup().then(() => process.exit(0));
    });
  }
  say('running; press Ctrl-C to stop');
}

main().catch(async (err) => {
  failed = true;
  console.error(`[demo] failed: ${err instanceof Error ? err.stack ?? err.message : err}`);
  await cleanup();
  process.exit(1);
});
