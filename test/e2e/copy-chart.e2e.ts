import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame } from 'playwright-core';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { poll } from './harness/workbench.js';
import { testTarget } from '../support/target.js';

// COPY FROM a CSV next to the notebook (relative path) shows a progress notification with rows/s and ends with the
// row count in the cell; TRACING ON draws the trace timeline; a result with numeric columns draws a chart; Export
// Table… on a table node writes a CSV through the save dialog.

const ROWS = 1500;

async function frameWith(frames: () => Frame[], selector: string, timeoutMs: number): Promise<Frame> {
  return poll(`an output frame with ${selector}`, async () => {
    for (const f of frames()) {
      try {
        if (await f.locator(selector).count()) return f;
      } catch {}
    }
    return undefined;
  }, timeoutMs);
}

test('notebook: COPY FROM with progress and count, trace timeline, chart', async () => {
  const target = await testTarget({ seed: 'demo' });
  try {
    const demo = `${process.env.TMPDIR ?? '/tmp'}/astra-copy-chart-demo.json`;
    writeFileSync(demo, JSON.stringify({ name: 'Sandbox', bundlePath: target.bundlePath, token: target.token }));
    const csv = `id,name,score\n${Array.from({ length: ROWS }, (_, i) => `${i},"name, ${i}",${i / 4}`).join('\n')}\n`;
    const nbFile = JSON.stringify({
      format: 'astra-cql-notebook', version: 1, metadata: { keyspace: 'demo' },
      cells: [
        // INGESTRATE keeps the import running for a few seconds, long enough to see its progress.
        { kind: 'code', language: 'cql', source: `CREATE TABLE IF NOT EXISTS demo.copy_target (id int PRIMARY KEY, name text, score double);\nCOPY demo.copy_target FROM 'rows.csv' WITH HEADER = true AND INGESTRATE = 400;` },
        { kind: 'code', language: 'cql', source: 'TRACING ON\nSELECT id, name FROM demo.users WHERE id = 3;' },
        { kind: 'code', language: 'cql', source: 'TRACING OFF\nSELECT id, score FROM demo.copy_target LIMIT 30;' },
      ],
    }, null, 2);
    await withEditor('copy chart', {
      env: { ASTRA_DB_VSCODE_DEMO: demo },
      workspaceFiles: { 'copy.cqlnb': nbFile, 'rows.csv': csv },
      viewport: { width: 1440, height: 1300 },
    }, async ({ wb, cs }) => {
      await wb.openFile('copy.cqlnb');
      const nb = new NotebookEditor(wb.page);
      await nb.waitOpen();
      await wb.waitForStatusBar(/Sandbox/);
      await nb.runCell(0);
      const progress = await wb.waitForNotification(/rows\/s/, 30_000);
      assert.match(progress, /\d+ rows · [\d,]+ rows\/s/);
      await wb.screenshot('copy-progress');
      assert.equal(await nb.waitCellDone(0, 60_000), 'success');
      const out = await nb.waitForOutput(/Imported \d+ rows/);
      assert.match(out, new RegExp(`Imported ${ROWS} rows from .*rows\\.csv into demo\\.copy_target in [\\d.]+ s \\(\\d+ rows/s\\)`));
      assert.match(out, /0 rows rejected/);

      await nb.runCell(1);
      assert.equal(await nb.waitCellDone(1, 60_000), 'success');
      const frames = () => wb.page.frames();
      const trace = await frameWith(frames, '.astra-timeline-svg rect.astra-step', 30_000);
      const steps = await trace.locator('.astra-timeline-svg rect.astra-step').count();
      assert.ok(steps > 0, 'timeline steps drawn');
      assert.ok(await trace.locator('rect.astra-step-slow').count() > 0, 'slowest steps highlighted');
      await wb.screenshot('copy-trace-timeline');

      await nb.runCell(2);
      assert.equal(await nb.waitCellDone(2, 60_000), 'success');
      const grid = await frameWith(frames, '.astra-hname:text("score")', 30_000);
      // Every output of the notebook shares one webview: click Chart in the result that has the score column.
      const clicked = await grid.evaluate(() => {
        const result = [...document.querySelectorAll<HTMLElement>('.astra-result')]
          .find((r) => [...r.querySelectorAll('.astra-hname')].some((h) => h.textContent === 'score'));
        const chart = [...(result?.querySelectorAll<HTMLElement>('vscode-button') ?? [])].find((x) => x.textContent === 'Chart');
        chart?.click();
        return !!chart;
      });
      assert.ok(clicked, 'a Chart button on the score result');
      // x = id (numeric): a line chart with one point per row.
      await poll('chart points', async () => ((await grid.locator('.astra-chart-svg circle.astra-point').count()) >= 30 ? true : undefined), 15_000);
      assert.equal(await grid.locator('.astra-chart-svg polyline.astra-line').count(), 1);
      await wb.screenshot('copy-chart');

      // Export Table… on a table of the explorer: a save dialog, progress, then a summary notification.
      await wb.showConnectionKeyspace(/^Sandbox/);
      await wb.expandTreeRow(/^demo$/);
      await wb.expandTreeRow(/^Tables/);
      await wb.treeRow(/^users$/).scrollIntoViewIfNeeded();
      await wb.contextMenuAction(wb.treeRow(/^users$/), 'Export Table');
      const csvPath = join(cs.workspaceDir, 'users-export.csv');
      await wb.pickFileInDialog(csvPath);
      const done = await wb.waitForNotification(/Exported \d+ rows? from demo\.users/, 60_000);
      const exported = Number(/Exported (\d+) row/.exec(done)![1]);
      const lines = readFileSync(csvPath, 'utf8').split('\n');
      assert.equal(lines.pop(), '', 'the file ends with a line break');
      assert.equal(lines[0], 'id,age,country,email,name', 'header: primary key first, then the other columns');
      assert.equal(lines.length, exported + 1);
      await wb.screenshot('copy-export-table');
    });
  } finally {
    await target.stop();
  }
});
