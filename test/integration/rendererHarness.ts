// Loads the real notebook renderer bundle into headless chromium with a stand-in for VS Code's renderer context,
// so tests and the benchmark drive the same code the notebook output webview runs.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { after, before } from 'node:test';
import { CHROMIUM, optedOut, requireTool } from '../support/tools.js';

export interface RendererPage {
  page: Page;
  close(): Promise<void>;
}

/** True when the user opted out of chromium: the tests of a file that uses `rendererPageForFile()` skip. */
export const rendererSkip = optedOut('chromium');

/**
 * One renderer page for the whole test file, opened before its tests (chromium is required unless opted out) and
 * closed after them. `page` is read when a test runs, after the page is open.
 */
export function rendererPageForFile(): { readonly page: Page } {
  let opened: RendererPage | undefined;
  before(async () => {
    if (rendererSkip) return;
    requireTool('chromium');
    opened = await openRenderer();
  });
  after(async () => {
    await opened?.close();
  });
  return {
    get page(): Page {
      if (!opened) throw new Error('the renderer page is not open');
      return opened.page;
    },
  };
}

/** For benchmarks, which report instead of failing; tests use `rendererPageForFile()`. */
export const chromiumAvailable = () => !optedOut('chromium') && existsSync(CHROMIUM);

/** Page-side glue: a fake renderer context whose messages are answered by a fake extension. */
const GLUE = `
// tsx compiles the test's page.evaluate callbacks with esbuild's keepNames helper.
window.__name = (f) => f;
window.astraMessages = [];
window.astraRender = (payload, opts = {}) => {
  const listeners = [];
  const ctx = {
    workspace: { isTrusted: opts.trusted !== false },
    settings: { lineLimit: 30, outputScrolling: true },
    getState: () => undefined,
    setState: () => {},
  };
  if (opts.messaging) {
    ctx.onDidReceiveMessage = (l) => { listeners.push(l); return { dispose() {} }; };
    ctx.postMessage = (m) => {
      window.astraMessages.push(m);
      const reply = (r) => setTimeout(() => listeners.forEach((l) => l(r)), 1);
      if (m.type === 'status') reply({ type: 'status', requestId: m.requestId, queryId: m.queryId, live: opts.live !== false, reason: 'not live (test)' });
      if (m.type === 'editInfo' && opts.editInfo) reply({ type: 'editInfo', requestId: m.requestId, queryId: m.queryId, ...opts.editInfo });
      if (m.type === 'applyEdits') reply({ type: 'editsApplied', requestId: m.requestId, queryId: m.queryId, applied: true, reports: m.edits.map((e) => ({ statement: 'statement for ' + e.kind, ok: true })) });
      if (m.type === 'loadMore') {
        const from = window.astraServed ?? payload.rows.length;
        const n = Math.min(opts.pageRows ?? 10000, (opts.totalRows ?? from) - from);
        const rows = Array.from({ length: n }, (_, i) => window.astraRow(from + i));
        window.astraServed = from + n;
        reply({ type: 'rows', requestId: m.requestId, queryId: m.queryId, rows, hasMore: from + n < (opts.totalRows ?? 0) });
      }
    };
  }
  const api = AstraRenderer.activate(ctx);
  const el = document.createElement('div');
  document.body.append(el);
  // As in VS Code, the output arrives as the bytes the extension wrote (opts.legacy: plain JSON, as saved notebooks
  // and older versions hold it); decoding and parsing them is part of the first paint.
  const bytes = new TextEncoder().encode(opts.legacy ? JSON.stringify(payload) : AstraPayloadText.writePayloadText(payload));
  const started = performance.now();
  const text = () => new TextDecoder().decode(bytes);
  const metadata = opts.legacy ? {} : AstraPayloadText.outputRowCount(payload);
  api.renderOutputItem({ id: 'out-' + Math.random(), mime: 'application/vnd.astra.cql-result+json', metadata,
    json: () => JSON.parse(text()), text, data: () => bytes, blob: () => new Blob([bytes]) }, el, new AbortController().signal);
  window.astraSyncMs = performance.now() - started;
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    window.astraEl = el;
    resolve(performance.now() - started);
  })));
};
`;

const bundles = new Map<string, string>();

async function browserBundle(entry: string, globalName: string): Promise<string> {
  const cached = bundles.get(entry);
  if (cached) return cached;
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
  });
  const code = out.outputFiles[0]!.text;
  bundles.set(entry, code);
  return code;
}

export async function openRenderer(): Promise<RendererPage> {
  const code = await browserBundle('src/webview/renderer/index.ts', 'AstraRenderer');
  // The extension's writer of output bytes, so the page receives exactly what a notebook cell output holds.
  const writer = await browserBundle('src/shared/payloadText.ts', 'AstraPayloadText');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // No network: every request the page makes is refused and counted as a failure by the tests.
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ content: code });
  await page.addScriptTag({ content: writer });
  await page.addScriptTag({ content: GLUE });
  return { page, close: () => browser.close() };
}

/** Defines window.astraRow(i) in the page and builds a payload of `n` rows there (fast for 100,000 rows). */
export async function renderRows(page: Page, n: number, opts: Record<string, unknown> = {}): Promise<number> {
  return page.evaluate(
    ({ n, opts }) => {
      const w = window as unknown as Record<string, unknown>;
      w['astraServed'] = undefined;
      w['astraRow'] = (i: number) => [
        { t: 'bigint', v: String(9223372036854775807n - BigInt(i)) },
        i,
        i === 3 ? '<img src=x onerror="window.pwned=1">' : `name ${i}`,
        i % 7 === 0 ? null : { t: 'timestamp', ms: 1700000000000 + i, iso: new Date(1700000000000 + i).toISOString() },
        { t: 'vector', items: [i / 2, 1, 2, 3, 4, 5] },
      ];
      const rows = Array.from({ length: n }, (_, i) => (w['astraRow'] as (i: number) => unknown)(i));
      const payload = {
        version: 1, kind: 'rows', statement: 'SELECT * FROM demo.events', queryId: 'q:1', rows,
        columns: [{ name: 'id', type: 'bigint' }, { name: 'seq', type: 'int' }, { name: 'name', type: 'text' }, { name: 'at', type: 'timestamp' }, { name: 'vec', type: 'vector<float, 6>' }],
        pageInfo: { pageSize: 100, pagesFetched: 1 }, elapsedMs: 12.5, consistency: 'LOCAL_QUORUM', coordinator: '127.0.0.1:9042',
        warnings: [], hasMore: (opts as { totalRows?: number }).totalRows !== undefined && (opts as { totalRows: number }).totalRows > n,
        ...((opts as { payload?: Record<string, unknown> }).payload ?? {}), // per-test payload fields, e.g. expand
      };
      return (w['astraRender'] as (p: unknown, o: unknown) => Promise<number>)(payload, opts);
    },
    { n, opts },
  );
}
