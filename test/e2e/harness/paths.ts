// Where things live for the e2e harness: the repo, the code-server cache, the browser, test-results.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Walk up from the working directory: the test files run as CommonJS under tsx, so import.meta is unavailable,
// and __dirname would tie the harness to its own folder depth.
function findRepoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'astra-db-vscode') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`run the e2e tests from inside the repository (cwd: ${process.cwd()})`);
    dir = up;
  }
}

export const repoRoot = findRepoRoot();
export const resultsDir = join(repoRoot, 'test-results');
export const fixturesDir = join(repoRoot, 'test', 'e2e', 'fixtures');
export const cacheDir = process.env.ASTRA_E2E_CACHE ?? join(homedir(), '.cache', 'astra-db-vscode-e2e');
export const chromiumPath = process.env.ASTRA_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Installs code-server if needed (idempotent, fast when done) and returns its entry script. */
export function ensureCodeServer(): string {
  const res = spawnSync('bash', [join(repoRoot, 'scripts', 'install-code-server.sh'), '--quiet'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const entry = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status !== 0 || !existsSync(entry)) {
    throw new Error(`installing code-server failed (exit ${res.status})`);
  }
  return entry;
}

export interface ExtensionSource {
  kind: 'vsix' | 'dir';
  path: string;
}

/**
 * The extension under test: $ASTRA_E2E_EXTENSION (a .vsix or an unpacked folder), else the newest packaged
 * .vsix in the repo root, else the repo itself when it has been built (dist/extension.js).
 */
export function findExtension(): ExtensionSource | undefined {
  const forced = process.env.ASTRA_E2E_EXTENSION;
  if (forced) return { kind: forced.endsWith('.vsix') ? 'vsix' : 'dir', path: resolve(forced) };
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name: string };
  const vsixes = readdirSync(repoRoot)
    .filter((f) => f.startsWith(pkg.name) && f.endsWith('.vsix'))
    .map((f) => join(repoRoot, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (vsixes.length > 0) return { kind: 'vsix', path: vsixes[0] };
  if (existsSync(join(repoRoot, 'dist', 'extension.js'))) return { kind: 'dir', path: repoRoot };
  return undefined;
}

/** Same as findExtension but fails with instructions; scenarios that need the real extension call this. */
export function requireExtension(): ExtensionSource {
  const ext = findExtension();
  if (!ext) throw new Error('no built extension: run `npm run build && npm run package` first');
  return ext;
}
