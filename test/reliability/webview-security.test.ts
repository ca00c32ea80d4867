// Webview security: a CSP audit of everything the extension puts in webviews, database values carrying HTML and
// script rendered as text by the real renderer bundle in chromium (under a strict CSP), and forged messages in both
// directions rejected by the validators in src/shared (a forged message does nothing).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isExtensionResponse, isRendererRequest } from '../../src/shared/messages.js';
import { record } from './support/report.js';
import { optedOut, requireTool } from '../support/tools.js';
import { openRendererPage, PAGE_CSP, type RendererPage } from './support/rendererPage.js';

const AREA = 'webview security';
const XSS = ['<img src=x onerror="window.pwned=1">', '<script>window.pwned=2</script>', '"><svg onload="window.pwned=3">', '<iframe src="javascript:window.pwned=4">'];
const ACTIVE = 'img, svg, iframe, object, embed, script:not([nonce]), a[href^="javascript"]';

function files(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|js|mjs|html)$/.test(name)) out.push(p);
  }
  return out;
}

/** The CSP meta content, following one `${name}` indirection to the statement that builds it. */
function cspOf(source: string): string | undefined {
  const content = /Content-Security-Policy"\s+content="([^"]+)"/.exec(source)?.[1];
  const ref = content && /^\$\{(\w+)\}$/.exec(content)?.[1];
  if (!ref) return content;
  return new RegExp(`\\b${ref}\\s*=\\s*([^\\n]+)`).exec(source)?.[1];
}

describe('CSP audit', () => {
  test('every webview HTML the extension produces has default-src \'none\', nonce scripts only, no unsafe-inline/eval scripts', () => {
    // Sources only: dist/ is derived from them, and minified names would defeat the `${name}` lookup below.
    const producers = [...files('src'), ...files('media')].filter((f) =>
      /createWebviewPanel|registerWebviewViewProvider|createWebviewView|\.webview\.html\s*=|<!doctype html/i.test(readFileSync(f, 'utf8')),
    );
    const sharedHead = 'src/extension/webviewPage.ts';
    for (const f of producers) {
      const text = readFileSync(f, 'utf8');
      // Panels that build their head with webviewPageHead() get its CSP, but only if the page really includes it.
      const usesSharedHead = /\bwebviewPageHead\(/.test(text);
      if (usesSharedHead) assert.match(text, /\$\{(\w+)\.meta\}/, `${f}: calls webviewPageHead() but never puts its meta (the CSP) in the page`);
      const csp = cspOf(usesSharedHead ? readFileSync(sharedHead, 'utf8') : text);
      assert.ok(csp, `${f}: webview HTML without a CSP meta tag`);
      assert.match(csp, /default-src 'none'/, `${f}: CSP lacks default-src 'none'`);
      const scriptSrc = /script-src([^;`'"]*(?:'[^']*'[^;`'"]*)*)/.exec(csp)?.[1] ?? '';
      assert.ok(!/unsafe-inline|unsafe-eval/.test(scriptSrc), `${f}: script-src allows ${scriptSrc}`);
      for (const tag of text.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /nonce=/, `${f}: script without nonce: ${tag}`);
      assert.ok(!/retainContextWhenHidden:\s*true/.test(text), `${f}: retainContextWhenHidden`);
    }
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    const renderers = manifest.contributes?.notebookRenderer ?? [];
    record({ area: AREA, case: 'CSP audit', observed: `${producers.length} webview HTML producer(s) in src/media, all compliant; ${renderers.length} notebook renderer(s) (VS Code supplies their CSP; checked in chromium under ${PAGE_CSP.split(';')[0]})` });
  });

  test('webview code never turns strings into markup or code', () => {
    const offenders = files('src/webview').flatMap((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
      return /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setTimeout\(\s*['"`]/.test(code) ? [f] : [];
    });
    assert.deepEqual(offenders, []);
  });
});

describe('hostile values in the renderer (headless chromium)', { skip: optedOut('chromium') }, () => {
  let r: RendererPage;
  before(async () => {
    requireTool('chromium');
    r = await openRendererPage();
  });
  after(async () => {
    await r?.close();
  });

  const payload = (texts: string[]) => ({
    version: 1, kind: 'rows', statement: `SELECT * FROM t WHERE v = '${texts[1]}'`, queryId: 'q:xss',
    columns: [{ name: texts[0], type: 'text' }, { name: 'm', type: 'map<text, text>' }, { name: 'l', type: texts[3] }, { name: 'u', type: 'frozen<address>' }],
    rows: [
      [texts[0], { t: 'map', entries: [[texts[1], texts[2]]] }, { t: 'list', items: [texts[3]] }, { t: 'udt', fields: [[texts[2], texts[0]]] }],
      [texts[1], null, { t: 'unknown', v: texts[2] }, { t: 'set', items: [texts[0]] }],
    ],
    pageInfo: { pageSize: 100, pagesFetched: 1 }, elapsedMs: 1, consistency: texts[3], coordinator: texts[2], keyspace: texts[1],
    warnings: [texts[0]], hasMore: true,
  });

  test('HTML and script in values, column names, warnings and metadata are shown as text', async () => {
    const benign = ['plain a', 'plain b', 'plain c', 'plain d'];
    await r.page.evaluate(async (p) => {
      document.body.querySelectorAll('div').forEach((d) => d.remove());
      await (window as unknown as { astraRender: (p: unknown, id: string) => Promise<void> }).astraRender(p, 'benign');
    }, payload(benign));
    const baseline = await r.page.evaluate((sel) => document.querySelectorAll(sel).length, ACTIVE);
    await r.page.evaluate(async (p) => {
      document.body.querySelectorAll('div').forEach((d) => d.remove());
      await (window as unknown as { astraRender: (p: unknown, id: string) => Promise<void> }).astraRender(p, 'xss');
    }, payload(XSS));
    const seen = await r.page.evaluate((sel) => ({
      active: document.querySelectorAll(sel).length,
      pwned: (window as unknown as { pwned?: number }).pwned,
      text: document.body.innerText,
      violations: (window as unknown as { cspViolations: string[] }).cspViolations,
    }), ACTIVE);
    assert.equal(seen.active, baseline, 'an element was created from a value');
    assert.equal(seen.pwned, undefined, 'a payload ran');
    for (const x of [XSS[0]!, XSS[1]!]) assert.ok(seen.text.includes(x), `not visible as text: ${x}`);
    assert.deepEqual(seen.violations, [], 'the renderer needs something the strict CSP forbids');
    assert.deepEqual(r.blockedRequests, [], 'the renderer made network requests');
    record({ area: AREA, case: 'HTML/script payloads in results', observed: `rendered as visible text (${r.source}); 0 elements created, no script ran, 0 CSP violations, 0 network requests` });
  });

  test('a forged host reply (wrong shape, HTML in rows) is ignored by the renderer', async () => {
    const posted = await r.page.evaluate(() => (window as unknown as { astraPosted: { type: string; requestId: number }[] }).astraPosted);
    const status = posted.find((m) => m.type === 'status');
    assert.ok(status, 'the renderer asks whether its result is live');
    const rowsBefore = await r.page.evaluate(() => document.querySelectorAll('.astra-body .astra-row').length);
    await r.page.evaluate((id) => {
      const deliver = (window as unknown as { astraDeliver: (m: unknown) => void }).astraDeliver;
      deliver({ type: 'rows', requestId: id, queryId: 'q:xss', rows: [[{ t: 'html', v: '<img src=x onerror="window.pwned=5">' }]], hasMore: false });
      deliver({ type: 'status', requestId: id, live: 'yes' });
      deliver({ type: 'exec', requestId: id, code: 'window.pwned=6' });
      deliver('<img src=x onerror="window.pwned=7">');
    }, status.requestId);
    await r.page.waitForTimeout(50);
    const after = await r.page.evaluate((sel) => ({
      rows: document.querySelectorAll('.astra-body .astra-row').length,
      active: document.querySelectorAll(sel).length,
      pwned: (window as unknown as { pwned?: number }).pwned,
    }), ACTIVE);
    assert.equal(after.rows, rowsBefore);
    assert.equal(after.pwned, undefined);
    record({ area: AREA, case: 'forged host → renderer messages', observed: 'ignored (isExtensionResponse); no rows added, nothing ran' });
  });
});

describe('forged renderer → host messages', () => {
  const forged: [string, unknown][] = [
    ['no requestId', { type: 'copy', text: 'x' }],
    ['unknown type', { type: 'exec', requestId: 1, code: 'rm -rf /' }],
    ['export to an unknown format', { type: 'export', requestId: 1, queryId: 'q', format: 'html' }],
    ['queryId not a string', { type: 'loadMore', requestId: 1, queryId: { toString: 'q' } }],
    ['requestId as a string', { type: 'status', requestId: '1', queryId: 'q' }],
    ['a 60 MB copy', { type: 'copy', requestId: 1, text: 'x'.repeat(60 * 1024 * 1024) }],
    ['an array', [{ type: 'status', requestId: 1, queryId: 'q' }]],
    ['a string', '{"type":"status","requestId":1,"queryId":"q"}'],
    ['null', null],
  ];
  for (const [name, msg] of forged) {
    test(`rejected: ${name}`, () => assert.equal(isRendererRequest(msg), false));
  }
  test('valid requests still pass', () => {
    assert.equal(isRendererRequest({ type: 'loadMore', requestId: 3, queryId: 'q:1' }), true);
    assert.equal(isExtensionResponse({ type: 'rows', requestId: 3, queryId: 'q:1', rows: [[1, 'a']], hasMore: false }), true);
    assert.equal(isExtensionResponse({ type: 'rows', requestId: 3, queryId: 'q:1', rows: [[{ t: 'html', v: '<b>' }]], hasMore: false }), false);
    record({ area: AREA, case: 'forged renderer → host messages', observed: `${forged.length} forged shapes rejected by isRendererRequest; valid ones pass` });
  });

  test('the host side does nothing for a forged message: no reply, no clipboard write, a warning in the log', async () => {
    const { createFakeVscode, installFakeVscode } = await import('../unit/fakes/fakeVscode.js');
    const fake = createFakeVscode();
    installFakeVscode(fake);
    let handler: ((e: { editor: unknown; message: unknown }) => Promise<void>) | undefined;
    const replies: unknown[] = [];
    (fake.vscode as Record<string, unknown>)['notebooks'] = {
      createRendererMessaging: () => ({
        onDidReceiveMessage: (h: typeof handler) => ((handler = h), { dispose() {} }),
        postMessage: async (m: unknown) => void replies.push(m),
      }),
    };
    const { registerRendererMessaging } = await import('../../src/extension/notebook/rendererMessaging.js');
    const warnings: string[] = [];
    const log = { trace() {}, debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
    const sessions = { findLive: () => undefined };
    registerRendererMessaging(sessions, log as never);
    assert.ok(handler, 'the host listens to the renderer');
    for (const [, msg] of forged) await handler({ editor: {}, message: msg });
    assert.deepEqual(replies, []);
    assert.equal(fake.clipboard(), '');
    assert.equal(warnings.length, forged.length);
    // A well-formed request for a query that is not live gets an explanation, not an action.
    await handler({ editor: { notebook: {} }, message: { type: 'loadMore', requestId: 9, queryId: 'someone-elses' } });
    assert.equal((replies[0] as { type: string }).type, 'error');
  });
});
