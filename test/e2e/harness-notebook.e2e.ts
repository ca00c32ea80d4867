// Proves the notebook helpers (open, type, run, read output webviews) against the fixture's echo notebook.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { withEditor } from './harness/editor.js';
import { NotebookEditor } from './harness/notebook.js';
import { fixturesDir } from './harness/paths.js';

const fixture = { kind: 'dir' as const, path: join(fixturesDir, 'hello-ext') };

test('harness types into a notebook cell, runs it and reads the output webview', async () => {
  await withEditor('harness notebook', { extension: fixture, workspaceFiles: { 'echo.e2enb': 'first cell\nsecond cell\n' } }, async ({ wb }) => {
    await wb.openFile('echo.e2enb');
    const nb = new NotebookEditor(wb.page);
    await nb.waitOpen();
    assert.equal(await nb.codeCells().count(), 2);
    assert.equal(await nb.cellText(1), 'second cell');

    const text = `it's (quoted) "x" ${Date.now()}`;
    await nb.setCellText(0, text);
    await nb.runCell(0);
    assert.equal(await nb.waitCellDone(0), 'success');
    assert.equal(await nb.waitForOutput('ECHO IT'), `ECHO ${text.toUpperCase()}`);

    await nb.runAll(wb);
    await nb.waitForOutput('ECHO SECOND CELL');
    await wb.screenshot('harness-notebook');
  });
});
