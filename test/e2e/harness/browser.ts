// Opens the code-server workbench in Debian's chromium through playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer.js';
import { chromiumPath } from './paths.js';
import { scaled, setTimeoutScale } from './workbench.js';

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often give /dev/shm only 64 MB, which a workbench with webviews outgrows.
  '--disable-dev-shm-usage',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** The chromium profile: VS Code's SecretStorage ends up (encrypted) in its localStorage. */
  profileDir: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  headless?: boolean;
  /** Workbench load budget; the first load with contributions takes 8–13 s on 2 cores. */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

/**
 * The workbench URL for the run's workspace folder. (VS Code web's `openFile` payload opens files before the
 * extension host has registered notebook types, so notebooks come up as JSON text: open them with Quick Open.)
 */
export function workbenchUrl(cs: Pick<CodeServer, 'url' | 'workspaceDir'>): string {
  return `${cs.url}/?folder=${encodeURIComponent(cs.workspaceDir)}`;
}

export async function openWorkbench(cs: CodeServer, opts: OpenOptions = {}): Promise<BrowserSession> {
  const profileDir = join(cs.runDir, 'chromium-profile');
  mkdirSync(profileDir, { recursive: true });
  // A persistent context (rather than launch()) keeps the profile in the run folder where the secret scan can see it.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: opts.headless ?? true,
    args: chromiumFlags,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    env: { ...process.env, TMPDIR: cs.tmpDir } as Record<string, string>,
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // The page load is part of the workbench budget: on a busy machine it alone can outlast the default timeout.
    const timeout = scaled(opts.timeoutMs ?? 60_000);
    const started = Date.now();
    await page.goto(workbenchUrl(cs), { timeout });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout });
    // A quiet 2-core machine loads the workbench in about 10 s; give every later wait of this run as much more
    // time as this load took longer (up to 4×).
    setTimeoutScale(Math.min(4, Math.max(1, (Date.now() - started) / 10_000)));
    page.setDefaultTimeout(scaled(15_000));
    return { context, page, profileDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}
