// Starts code-server (VS Code 1.100 served over HTTP) in a fresh, throw-away run folder and stops it again.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureCodeServer, type ExtensionSource } from './paths.js';

export interface CodeServerOptions {
  /** Short label used in the run folder's name. */
  name: string;
  extension?: ExtensionSource;
  /** Extra environment for the server and so for the extension host (e.g. ASTRA_DB_VSCODE_DEMO). */
  env?: Record<string, string>;
  /** Merged over the seeded user settings. */
  settings?: Record<string, unknown>;
  /** Files created in the workspace folder before start, by relative path. */
  workspaceFiles?: Record<string, string>;
  host?: string;
  port?: number;
  /** Use this run folder instead of a fresh one under the OS temp folder. */
  runDir?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  /** TMPDIR of the server and the browser, so their sockets and profiles stay inside the run folder. */
  tmpDir: string;
  logFile: string;
  process: ChildProcess;
  /** Kills the whole process group (the extension host and file watcher would otherwise linger). */
  stop(): Promise<void>;
}

const seededSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'terminal.integrated.gpuAcceleration': 'off',
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

function baseEnv(runDir: string, tmpDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: join(runDir, 'xdg'),
    XDG_DATA_HOME: join(runDir, 'xdg'),
    XDG_CACHE_HOME: join(runDir, 'xdg', 'cache'),
    TMPDIR: tmpDir,
    ...extra,
  };
}

function installExtension(entry: string, ext: ExtensionSource, dirs: { ud: string; exts: string }, env: NodeJS.ProcessEnv): void {
  if (ext.kind === 'vsix') {
    const res = spawnSync(
      process.execPath,
      [entry, '--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts, '--install-extension', ext.path],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    if (res.status !== 0) throw new Error(`installing ${ext.path} failed:\n${res.stdout}\n${res.stderr}`);
    return;
  }
  const pkg = JSON.parse(readFileSync(join(ext.path, 'package.json'), 'utf8')) as Record<string, string>;
  const target = join(dirs.exts, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  // An unpacked repo carries sources, tests and node_modules; copy what a packaged extension would hold and
  // link node_modules so runtime dependencies that esbuild left external still resolve.
  const skip = new Set(['node_modules', '.git', '.e2e', 'src', 'test', 'out', 'test-results', 'scripts', '.ci', '.cache']);
  cpSync(ext.path, target, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(ext.path.length + 1);
      return rel === '' || (!skip.has(rel.split('/')[0]) && !rel.endsWith('.vsix'));
    },
  });
  try {
    symlinkSync(join(ext.path, 'node_modules'), join(target, 'node_modules'));
  } catch {
    // fixtures have no node_modules; nothing to link
  }
}

async function waitHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms:\n${tail(logFile)}`);
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const running = new Set<number>();
// The servers run in their own sessions (setsid), so neither Ctrl-C nor the death of a test process reaches
// them: kill them explicitly, also on the way out of a timed-out or interrupted run.
function killAll(): void {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
  running.clear();
}
process.once('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const entry = ensureCodeServer();
  const runDir = opts.runDir ?? mkdtempSync(join(tmpdir(), `astra-e2e-${opts.name}-`));
  const dirs = {
    ud: join(runDir, 'ud'),
    exts: join(runDir, 'exts'),
    ws: join(runDir, 'workspace'),
    tmp: join(runDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.ud, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.ud, 'User', 'settings.json'),
    JSON.stringify({ ...seededSettings, ...opts.settings }, null, 2),
  );
  for (const [rel, content] of Object.entries(opts.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(dirs.ws, rel)), { recursive: true });
    writeFileSync(join(dirs.ws, rel), content);
  }
  const env = baseEnv(runDir, dirs.tmp, opts.env);
  if (opts.extension) installExtension(entry, opts.extension, { ud: dirs.ud, exts: dirs.exts }, env);

  const host = opts.host ?? '127.0.0.1';
  // Port 0 means any free port; code-server itself would not tell us which one it took.
  const port = opts.port || (await freePort(host));
  const logFile = join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    entry,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--user-data-dir', dirs.ud,
    '--extensions-dir', dirs.exts,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    dirs.ws,
  ];
  // detached = setsid: the server, its extension host and watcher share one process group we can kill at once.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', out, out] });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn code-server');
  running.add(pid);
  const url = `http://${host}:${port}`;
  const stop = async (): Promise<void> => {
    if (!running.delete(pid)) return;
    const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    // The group may still hold the extension host after the leader is gone.
    signalGroup(pid, 'SIGKILL');
  };
  try {
    await waitHealthy(url, child, logFile, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    port,
    runDir,
    userDataDir: dirs.ud,
    extensionsDir: dirs.exts,
    workspaceDir: dirs.ws,
    tmpDir: dirs.tmp,
    logFile,
    process: child,
    stop,
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

/** Removes a run folder (kept by callers when a scenario failed, so it can be inspected). */
export function removeRunDir(runDir: string): void {
  rmSync(runDir, { recursive: true, force: true });
}
