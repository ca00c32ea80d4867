// System tools some tests need (chromium, the Python driver). A missing tool fails the test with a message
// saying how to get it; only an explicit opt-out skips, so `npm test` can never pass by not testing.
//   ASTRA_SKIP_E2E=1     no browser: the e2e scenarios, the demo and the renderer tests in chromium are skipped
//   ASTRA_SKIP_PYTHON=1  no Python driver tests
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.ASTRA_E2E_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's interpreter, where python3-cassandra installs (a pyenv or venv python3 on PATH would not see it). */
export const PYTHON = '/usr/bin/python3';

const tools = {
  chromium: {
    optOut: 'ASTRA_SKIP_E2E',
    present: () => existsSync(CHROMIUM),
    missing: () => `chromium is not installed (no ${CHROMIUM})`,
  },
  python: {
    optOut: 'ASTRA_SKIP_PYTHON',
    present: () => spawnSync(PYTHON, ['-c', 'import cassandra'], { stdio: 'ignore' }).status === 0,
    missing: () => `python3-cassandra is not installed (\`${PYTHON} -c "import cassandra"\` failed)`,
  },
};
type Tool = keyof typeof tools;

/** For `{ skip }`: the opt-out reason when the user asked not to run tests needing `tool`, else false. */
export function optedOut(tool: Tool): string | false {
  const { optOut } = tools[tool];
  return process.env[optOut] === '1' && `opted out (${optOut}=1)`;
}

/** Throws, failing the test or hook that calls it, when `tool` is missing. */
export function requireTool(tool: Tool): void {
  const t = tools[tool];
  if (t.present()) return;
  throw new Error(`${t.missing()}: run \`node scripts/setup-system.mjs\` to install it, or set ${t.optOut}=1 to skip these tests`);
}
