// Loads the notebook renderer bundle (dist/renderer.js when it is current, else the same esbuild config in memory)
// into headless chromium under a strict CSP, with a fake renderer context. Counts CSP violations and requests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from '../../support/tools.js';

const ORIGIN = 'http://renderer.test';
const NONCE = 'r3liab1lity';
// What a notebook output webview allows, minus anything a renderer should never need (no eval, no remote data).
export const PAGE_CSP = `default-src 'none'; script-src ${ORIGIN} 'nonce-${NONCE}'; style-src 'unsafe-inline'; img-src data:; font-src data:`;

export interface RendererPage {
  page: Page;
  source: 'dist/renderer.js' | 'in-memory build';
  blockedRequests: string[];
  close(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

async function rendererCode(): Promise<{ code: string; source: RendererPage['source'] }> {
  const dist = 'dist/renderer.js';
  const sources = Math.max(newestMtime('src/webview'), newestMtime('src/shared'));
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) {
    const { readFileSync } = await import('node:fs');
    return { code: readFileSync(dist, 'utf8'), source: 'dist/renderer.js' };
  }
  // Same options as esbuild.mjs's renderer bundle, so the page runs what `npm run build` would ship.
  const out = await build({
    entryPoints: ['src/webview/renderer/index.ts'], bundle: true, platform: 'browser', format: 'esm', target: 'es2022',
    write: false, legalComments: 'none', logLevel: 'silent',
  });
  return { code: out.outputFiles[0]!.text, source: 'in-memory build' };
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}"></head><body>
<script nonce="${NONCE}">
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
</script>
<script type="module" nonce="${NONCE}">
import { activate } from '${ORIGIN}/renderer.js';
window.astraPosted = [];
window.astraRender = (payload, id) => {
  const listeners = [];
  const ctx = {
    workspace: { isTrusted: true },
    settings: { lineLimit: 30, outputScrolling: true },
    getState: () => undefined, setState: () => {},
    postMessage: (m) => window.astraPosted.push(m),
    onDidReceiveMessage: (l) => { listeners.push(l); return { dispose() {} }; },
  };
  window.astraDeliver = (m) => listeners.forEach((l) => l(m));
  const api = activate(ctx);
  const el = document.createElement('div');
  document.body.append(el);
  api.renderOutputItem({ id, mime: 'application/vnd.astra.cql-result+json', metadata: {}, json: () => payload,
    text: () => JSON.stringify(payload), data: () => new Uint8Array(), blob: () => new Blob() }, el, new AbortController().signal);
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
};
window.astraReady = true;
</script></body></html>`;

export async function openRendererPage(): Promise<RendererPage> {
  const { code, source } = await rendererCode();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  const blockedRequests: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/index.html`) return route.fulfill({ contentType: 'text/html', body: PAGE });
    if (url === `${ORIGIN}/renderer.js`) return route.fulfill({ contentType: 'text/javascript', body: code });
    if (url.startsWith('data:')) return route.continue();
    blockedRequests.push(url);
    return route.abort();
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => (window as unknown as { astraReady?: boolean }).astraReady === true);
  return { page, source, blockedRequests, close: () => browser.close() };
}
