// Notebook editor helpers: type into cells, run them, read what the output webviews show.
import type { Locator, Page } from 'playwright-core';
import { poll, scaled, type TextMatch, Workbench } from './workbench.js';

export class NotebookEditor {
  readonly root: Locator;

  constructor(readonly page: Page) {
    // The .notebook-editor element itself reports as hidden (it has no box of its own); its cells do not.
    this.root = page.locator('.notebook-editor');
  }

  async waitOpen(timeoutMs = 30_000): Promise<void> {
    await this.codeCells().first().waitFor({ state: 'visible', timeout: scaled(timeoutMs) });
  }

  codeCells(): Locator {
    return this.root.locator('.cell-list-container .monaco-list-row.code-cell-row:visible');
  }

  /** The source shown in code cell `index` (Monaco renders each line as a `.view-line`). */
  async cellText(index: number): Promise<string> {
    const lines = await this.codeCells().nth(index).locator('.view-lines .view-line').allInnerTexts();
    // Monaco renders spaces as non-breaking spaces.
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  async focusCell(index: number): Promise<void> {
    const editor = this.codeCells().nth(index).locator('.cell-editor-container .view-lines');
    await editor.scrollIntoViewIfNeeded();
    await editor.click();
  }

  /**
   * Replaces the source of code cell `index`. insertText sends one input event, so Monaco's auto-closing of
   * quotes and brackets (which reacts to single typed characters) does not double them.
   */
  async setCellText(index: number, text: string): Promise<void> {
    await this.focusCell(index);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
    await poll(`cell ${index} to show the new text`, async () => ((await this.cellText(index)) === text ? true : undefined), 5_000);
  }

  /** Runs code cell `index` with its toolbar's run button (keyboard bindings differ between web and desktop). */
  async runCell(index: number): Promise<void> {
    const cell = this.codeCells().nth(index);
    await cell.scrollIntoViewIfNeeded();
    await cell.hover();
    await cell.locator('.run-button-container .action-item a').first().click();
  }

  async runAll(wb: Workbench): Promise<void> {
    await this.focusCell(0);
    await wb.runCommand('Notebook: Run All');
  }

  /** Execution state of code cell `index` from its status bar: "success", "failed", "running" or "idle". */
  async cellState(index: number): Promise<'success' | 'failed' | 'running' | 'idle'> {
    const cell = this.codeCells().nth(index);
    if ((await cell.locator('.codicon-notebook-state-success').count()) > 0) return 'success';
    if ((await cell.locator('.codicon-notebook-state-error').count()) > 0) return 'failed';
    if ((await cell.locator('.codicon-notebook-state-executing, .codicon-loading, .codicon-sync').count()) > 0) return 'running';
    return 'idle';
  }

  async waitCellDone(index: number, timeoutMs = 30_000): Promise<'success' | 'failed'> {
    return poll(`cell ${index} to finish`, async () => {
      const s = await this.cellState(index);
      return s === 'success' || s === 'failed' ? s : undefined;
    }, timeoutMs);
  }

  /**
   * Texts of all rendered outputs. Outputs live in the notebook's webview: outer `iframe.webview.ready` → inner
   * `#active-frame` → `#container .output`. Every notebook webview counts as visible, so read them all.
   */
  async outputTexts(): Promise<string[]> {
    const frames = this.page.locator('.notebook-editor iframe.webview.ready');
    const n = await frames.count();
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      const outputs = frames.nth(i).contentFrame().locator('#active-frame').contentFrame().locator('#container .output');
      texts.push(...(await outputs.allInnerTexts().catch(() => [] as string[])));
    }
    return texts;
  }

  /** Waits until some output matches and returns its text. */
  async waitForOutput(match: TextMatch, timeoutMs = 30_000): Promise<string> {
    return poll(`a notebook output matching ${match}`, async () => {
      const texts = await this.outputTexts();
      return texts.find((t) => (typeof match === 'string' ? t.includes(match) : match.test(t)));
    }, timeoutMs);
  }

  /** The output frames themselves, for scenarios that click inside a renderer (e.g. "Load more"). */
  outputFrame(index = 0): ReturnType<Locator['contentFrame']> {
    return this.page.locator('.notebook-editor iframe.webview.ready').nth(index).contentFrame().locator('#active-frame').contentFrame();
  }
}
