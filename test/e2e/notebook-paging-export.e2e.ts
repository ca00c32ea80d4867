import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Locator } from 'playwright-core';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { poll, scaled } from './harness/workbench.js';
import { ASTRA_MAX_PAGE_SIZE } from '../sandbox/engine/guardrails.js';
import { XSS_TEXT } from '../sandbox/seed/demo.js';
import { testTarget } from '../support/target.js';

// The "Done when" e2e path on the demo data: PAGING 10000 + SELECT over demo.events, Load more until
// 50,000 rows are loaded, scroll the virtualized grid to row 50,000, Export CSV of the whole result (all pages)
// through the save dialog, and a stored `<img onerror>` value shown as text.

const PAGE = 10_000;
/** Astra (and the sandbox in Astra mode) caps the page a client asks for, so PAGING 10000 fetches 5000-row pages. */
const SERVER_PAGE = Math.min(PAGE, ASTRA_MAX_PAGE_SIZE);
const TARGET_ROW = 50_000;

/** "50000+ rows · 12 ms · …" → 50000. */
async function loadedRows(result: Locator): Promise<number | undefined> {
  const meta = await result.locator('.astra-meta').first().innerText().catch(() => '');
  const m = /^(\d+)\+? rows?\b/.exec(meta.trim());
  return m ? Number(m[1]) : undefined;
}

/** The output webview frame that shows a result grid with a column named `column`. */
async function frameWithColumn(frames: () => Frame[], column: string, timeoutMs: number): Promise<Frame> {
  return poll(`an output frame with a "${column}" column`, async () => {
    for (const f of frames()) {
      try {
        if (await f.locator('.astra-hname', { hasText: column }).count()) return f;
      } catch {}
    }
    return undefined;
  }, timeoutMs);
}

test('notebook: PAGING 10000, load to 50,000 rows, scroll, export CSV of all pages', async (t) => {
  const target = await testTarget({ seed: 'demo' });
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (name: string) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };
  try {
    const demo = `${process.env.TMPDIR ?? '/tmp'}/astra-notebook-paging-demo.json`;
    writeFileSync(demo, JSON.stringify({ name: 'Sandbox', bundlePath: target.bundlePath, token: target.token }));
    const nbFile = JSON.stringify({
      format: 'astra-cql-notebook', version: 1, metadata: { keyspace: 'demo' },
      cells: [
        // Small outputs first, so both cells' outputs are on screen (the notebook renders outputs of cells in view).
        { kind: 'code', language: 'cql', source: 'SELECT count(*) FROM demo.events;\nSELECT id, c_text FROM demo.all_types WHERE id = 2;' },
        // A shell command ends at its newline, so both statements share one cell (see src/extension/cql/statements.ts).
        { kind: 'code', language: 'cql', source: `PAGING ${PAGE}\nSELECT * FROM demo.events;` },
      ],
    }, null, 2);
    await withEditor('nb paging export', {
      env: { ASTRA_DB_VSCODE_DEMO: demo },
      workspaceFiles: { 'paging.cqlnb': nbFile },
      // Tall enough that both cells' outputs, the whole grid included, are on screen without scrolling the notebook.
      viewport: { width: 1440, height: 1300 },
    }, async ({ wb, cs }) => {
      const page = wb.page;
      // A value that escaped into HTML would run `alert(1)`; the page sees dialogs from every frame.
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => undefined);
      });
      lap('editor start');
      await wb.openFile('paging.cqlnb');
      const nb = new NotebookEditor(page);
      await nb.waitOpen();
      await wb.waitForStatusBar(/Sandbox/);
      lap('notebook open');

      await nb.runAll(wb);
      assert.equal(await nb.waitCellDone(0, 60_000), 'success');
      assert.equal(await nb.waitCellDone(1, 60_000), 'success');
      await nb.waitForOutput(`Page size: ${PAGE}`);
      lap('run cells');

      const frame = await frameWithColumn(() => page.frames(), 'device_id', 30_000);
      const result = frame.locator('.astra-result', { has: frame.locator('.astra-hname', { hasText: /^device_id$/ }) });
      const countResult = frame.locator('.astra-result', { has: frame.locator('.astra-hname', { hasText: /^count$/ }) });
      const total = Number(await countResult.locator('.astra-row[data-row="0"] .astra-cell').nth(1).innerText());
      assert.ok(total >= TARGET_ROW, `demo.events must hold at least ${TARGET_ROW} rows (count(*) says ${total})`);
      assert.equal(await loadedRows(result), SERVER_PAGE, 'the first page holds PAGING rows, capped by the server');
      await wb.screenshot('nb-paging-first-page');

      // Load more, one page per click, until row 50,000 is loaded.
      const loadMore = result.locator('vscode-button', { hasText: 'Load more' });
      const buttonEnabled = (b: Locator) => b.evaluate((x) => {
        const el = x as HTMLElement & { disabled?: boolean };
        return !el.disabled && !el.hidden;
      });
      let rows = SERVER_PAGE;
      while (rows < TARGET_ROW) {
        await poll('Load more to be enabled', async () => ((await buttonEnabled(loadMore)) ? true : undefined), 30_000);
        await loadMore.click();
        const before = rows;
        rows = await poll(`more than ${before} rows`, async () => {
          const n = await loadedRows(result);
          return n !== undefined && n > before ? n : undefined;
        }, 30_000);
        assert.equal(rows, Math.min(before + SERVER_PAGE, total), 'each Load more appends one page');
      }
      lap(`load more to ${rows} rows`);

      // Scroll the grid with the mouse wheel, as a user would, until row 50,000 (the last loaded) is in view.
      const grid = result.locator('.astra-grid');
      const gridBox = await grid.boundingBox();
      assert.ok(gridBox, 'the grid has a box');
      await page.mouse.move(gridBox.x + gridBox.width / 2, gridBox.y + gridBox.height / 2);
      const rowNum = result.locator(`.astra-row[data-row="${TARGET_ROW - 1}"] .astra-rownum`);
      await poll('row 50,000 in the DOM', async () => {
        if (await rowNum.count()) return true;
        await page.mouse.wheel(0, 200_000);
        return undefined;
      }, 20_000);
      await rowNum.waitFor({ state: 'visible', timeout: scaled(5_000) });
      assert.equal(await rowNum.innerText(), String(TARGET_ROW));
      const rowBox = await rowNum.boundingBox();
      const viewport = page.viewportSize();
      assert.ok(rowBox && viewport, 'the row has a box');
      const inGrid = rowBox.y >= gridBox.y && rowBox.y + rowBox.height <= gridBox.y + gridBox.height + 0.5;
      assert.ok(inGrid && rowBox.y + rowBox.height <= viewport.height, `row 50,000 is on screen inside the grid (${JSON.stringify({ rowBox, gridBox })})`);
      const domRows = await result.locator('.astra-body .astra-row').count();
      assert.ok(domRows > 0 && domRows <= 100, `the grid is virtualized: ${domRows} row elements for ${rows} rows`);
      const headerNames = await result.locator('.astra-header .astra-hname').allInnerTexts();
      const payloadCol = headerNames.indexOf('payload');
      assert.ok(payloadCol >= 0, `a payload column in ${headerNames.join(', ')}`);
      // Cell 0 of a row is its row number.
      const shownPayload = await result.locator(`.astra-row[data-row="${TARGET_ROW - 1}"] .astra-cell`).nth(payloadCol + 1).innerText();
      assert.match(shownPayload, /^payload #\d+$/);
      await wb.screenshot('nb-paging-row-50000');
      lap('scroll to row 50,000');

      // Export CSV: the extension's save dialog is code-server's simple file dialog (a path in a quick input).
      const csvPath = join(cs.workspaceDir, 'events-export.csv');
      await result.locator('vscode-button', { hasText: 'Export CSV' }).click();
      await wb.pickFileInDialog(csvPath);
      const note = await poll('the export to finish', async () => {
        const text = await result.locator('.astra-note').first().innerText().catch(() => '');
        return /Exported \d+ rows/.test(text) ? text : undefined;
      }, 90_000);
      await wb.waitForNotification(/Exported \d+ rows to/);
      lap('export csv');
      await wb.screenshot('nb-paging-exported');
      assert.equal(note.trim(), `Exported ${total} rows.`);
      assert.ok(existsSync(csvPath), 'the CSV is where the dialog said');

      const lines = readFileSync(csvPath, 'utf8').split('\r\n');
      assert.equal(lines.pop(), '', 'the file ends with a line break');
      assert.equal(lines[0], headerNames.join(','));
      assert.equal(lines.length, total + 1, 'header plus every row of every page');
      const keys = new Set(lines.slice(1).map((l) => l.split(',', 2).join(',')));
      assert.equal(keys.size, total, 'no row exported twice (primary keys are unique)');
      // Export re-runs the query from its first row, so its row 50,000 is the one the grid shows there.
      assert.equal(lines[TARGET_ROW]!.split(',')[payloadCol], shownPayload);

      // The stored `<img src=x onerror=alert(1)>` is text in a grid cell, never an element.
      const xssCell = frame.locator('.astra-cell', { hasText: XSS_TEXT });
      await xssCell.first().waitFor({ state: 'attached', timeout: scaled(10_000) });
      assert.equal(await xssCell.first().textContent(), XSS_TEXT);
      assert.equal(await frame.locator('img').count(), 0, 'no <img> element in the output frame');
      assert.deepEqual(dialogs, [], 'no script ran from a database value');
      t.diagnostic(`total ${total} rows; DOM rows ${domRows}; timings ms ${JSON.stringify(timings)}`);
    });
  } finally {
    await target.stop();
  }
});
