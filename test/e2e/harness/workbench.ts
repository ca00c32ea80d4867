// Drives the VS Code 1.100 workbench: command palette, quick inputs, notifications, tree rows, status bar.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { resultsDir } from './paths.js';

export type TextMatch = string | RegExp;

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input.input`;
const quickRows = `${quickInput} .quick-input-list .monaco-list-row`;

/**
 * Every wait in the harness is for a condition; its timeout only says when to give up. Budgets are sized for a
 * quiet 2-core machine and multiplied by this factor, which openWorkbench sets from how slowly the workbench
 * loaded, so a busy machine gets proportionally longer before a wait counts as failed.
 * ASTRA_E2E_TIMEOUT_SCALE=<n> fixes the factor instead.
 */
let timeoutScale = Number(process.env.ASTRA_E2E_TIMEOUT_SCALE) || 1;

export function setTimeoutScale(factor: number): void {
  if (!Number(process.env.ASTRA_E2E_TIMEOUT_SCALE)) timeoutScale = factor;
}

/** `ms` multiplied by the current timeout scale: for explicit timeouts passed to playwright. */
export function scaled(ms: number): number {
  return Math.round(ms * timeoutScale);
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws with `what` after the timeout. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  timeoutMs = scaled(timeoutMs);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(200);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matches(text: string, want: TextMatch): boolean {
  return typeof want === 'string' ? text.includes(want) : want.test(text);
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Runs a command by its palette title ("Category: Title"), retrying while its `when` clause hides it. */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    await poll(`command "${title}" in the palette`, async () => {
      await this.openPalette(`>${title}`);
      const row = this.page.locator(quickRows).filter({ hasText: title }).first();
      try {
        await row.waitFor({ timeout: scaled(3_000) });
      } catch {
        await this.page.keyboard.press('Escape');
        return undefined;
      }
      // "Notebook: Run All" must not run "Notebook: Run All Above" just because that one is listed first.
      const exact = this.page
        .locator(quickRows)
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
        .first();
      await ((await exact.count()) > 0 ? exact : row).click();
      return true;
    }, timeoutMs);
  }

  private async openPalette(value: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const box = this.page.locator(quickInputBox);
    await box.waitFor({ state: 'visible' });
    await box.fill(value);
  }

  /** Opens a workspace file through Quick Open (relative path or file name). */
  async openFile(relPath: string): Promise<void> {
    const name = relPath.split('/').pop() ?? relPath;
    await poll(`"${relPath}" in Quick Open`, async () => {
      await this.openPalette(relPath);
      const row = this.page.locator(quickRows).filter({ hasText: name }).first();
      try {
        await row.waitFor({ timeout: scaled(3_000) });
      } catch {
        await this.page.keyboard.press('Escape');
        return undefined;
      }
      await row.click();
      return true;
    });
    await this.page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.page.locator(quickInput).isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.page.locator(quickInput).waitFor({ state: 'hidden', timeout: scaled(5_000) }).catch(() => undefined);
    }
  }

  /** Waits for an open quick input (pick or input box) and returns its visible texts. */
  async waitQuickInput(match?: TextMatch, timeoutMs = 15_000): Promise<{ title: string; placeholder: string; message: string }> {
    return poll(`a quick input${match ? ` matching ${match}` : ''}`, async () => {
      if (!(await this.page.locator(quickInput).isVisible())) return undefined;
      const info = {
        title: await textOf(this.page.locator(`${quickInput} .quick-input-title`)),
        placeholder: (await this.page.locator(quickInputBox).getAttribute('placeholder')) ?? '',
        message: await textOf(this.page.locator(`${quickInput} .quick-input-message`)),
      };
      const all = `${info.title}\n${info.placeholder}\n${info.message}`;
      return !match || matches(all, match) ? info : undefined;
    }, timeoutMs);
  }

  /** Labels of the rows currently shown in the quick pick. */
  async quickPickItems(): Promise<string[]> {
    return this.page.locator(`${quickRows} .quick-input-list-label`).allInnerTexts();
  }

  /** Clicks the quick-pick row containing `label`. */
  async pickQuickItem(label: TextMatch, timeoutMs = 15_000): Promise<void> {
    const row = this.page.locator(quickRows).filter({ hasText: label }).first();
    await row.waitFor({ timeout: timeoutMs });
    await row.click();
  }

  /** Types into the open quick input (replacing its value) and optionally presses Enter. */
  async typeQuickInput(text: string, opts: { submit?: boolean } = {}): Promise<void> {
    const box = this.page.locator(quickInputBox);
    await box.waitFor({ state: 'visible' });
    await box.fill(text);
    if (opts.submit ?? true) await box.press('Enter');
  }

  /** True when the open input box masks what is typed (`password: true`). */
  async quickInputIsPassword(): Promise<boolean> {
    return (await this.page.locator(quickInputBox).getAttribute('type')) === 'password';
  }

  /**
   * Answers showOpenDialog. code-server uses VS Code's "simple file dialog": a quick input whose value is a path,
   * so the file is picked by typing its absolute path and pressing Enter.
   */
  async pickFileInDialog(absPath: string): Promise<void> {
    await this.waitQuickInput();
    const box = this.page.locator(quickInputBox);
    await poll('the file dialog to show a path', async () => ((await box.inputValue()).startsWith('/') ? true : undefined));
    await box.fill(absPath);
    // The dialog completes paths as you type; wait until it shows exactly ours before accepting.
    await poll(`the file dialog to settle on ${absPath}`, async () => ((await box.inputValue()) === absPath ? true : undefined), 5_000);
    const dialogTitle = await textOf(this.page.locator(`${quickInput} .quick-input-title`));
    await box.press('Enter');
    // The quick input widget is reused by whatever the extension asks next, so "accepted" means: hidden, or
    // showing something else. Only a dialog still showing our path gets a second Enter (a completed folder
    // entry can swallow the first).
    const accepted = async (): Promise<boolean> =>
      !(await this.page.locator(quickInput).isVisible()) ||
      (await textOf(this.page.locator(`${quickInput} .quick-input-title`))) !== dialogTitle ||
      (await box.inputValue()) !== absPath;
    const deadline = Date.now() + scaled(3_000);
    while (Date.now() < deadline && !(await accepted())) await sleep(100);
    if (!(await accepted())) await box.press('Enter');
    await poll('the file dialog to accept the path', async () => ((await accepted()) ? true : undefined), 10_000);
  }

  /** Waits for a notification toast whose message matches; returns its text. */
  async waitForNotification(text: TextMatch, timeoutMs = 20_000): Promise<string> {
    return poll(`a notification matching ${text}`, async () => {
      const all = await this.notificationTexts();
      return all.find((t) => matches(t, text));
    }, timeoutMs);
  }

  async notificationTexts(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** Texts of open modal dialogs and notification toasts (for failure reports). */
  async visibleMessages(): Promise<string[]> {
    const dialogs = await this.page.locator('.monaco-dialog-box').allInnerTexts();
    return [...dialogs.map((d) => `dialog: ${d.replace(/\s+/g, ' ').trim()}`), ...(await this.notificationTexts()).map((t) => `notification: ${t}`)];
  }

  /** Clicks a button of the notification toast whose message matches. */
  async clickNotificationButton(text: TextMatch, button: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item').filter({ hasText: text }).first();
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  /** A row of a tree/list in the side bar, by its visible text. */
  treeRow(text: TextMatch): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row').filter({ hasText: text }).first();
  }

  /**
   * A tooltip left by the previous click (the mouse stays where it clicked) can lie over the next target and take
   * its clicks. Moves the mouse to the empty right edge of the editor area and waits until no hover is shown.
   */
  async dismissHovers(): Promise<void> {
    const hover = this.page.locator('.context-view .hover-contents, .monaco-hover:not(.hidden)').first();
    if (!(await hover.isVisible())) return;
    const view = this.page.viewportSize() ?? { width: 1440, height: 900 };
    await this.page.mouse.move(view.width - 4, Math.round(view.height / 2));
    await hover.waitFor({ state: 'hidden' });
  }

  /**
   * Expands a tree row (idempotent: clicks only while it is collapsed, then waits for the expanded state), so a
   * click that lands while the tree re-renders cannot toggle a row shut again.
   */
  async expandTreeRow(text: TextMatch, timeoutMs = 20_000): Promise<Locator> {
    const row = this.treeRow(text);
    await poll(`tree row ${text} expanded`, async () => {
      const state = await row.getAttribute('aria-expanded', { timeout: scaled(5_000) });
      if (state === 'true') return true;
      if (state !== 'false') throw new Error(`tree row ${text} cannot expand (aria-expanded=${state})`);
      await this.dismissHovers();
      await row.click();
      await row.locator('xpath=self::*[@aria-expanded="true"]').waitFor({ timeout: scaled(5_000) }).catch(() => undefined);
      return undefined;
    }, timeoutMs);
    return row;
  }
  /**
   * Shows the Astra DB side bar (unless it is showing) and `keyspace` under the connection row `connection`. The
   * demo hook connects in the background, so the connection row is expanded (again) until the keyspace is listed.
   */
  async showConnectionKeyspace(connection: TextMatch, keyspace = 'demo', timeoutMs = 30_000): Promise<void> {
    const conn = this.treeRow(connection);
    await this.showAstraSideBar();
    await conn.waitFor({ timeout: scaled(30_000) });
    const row = this.treeRow(new RegExp(`^${keyspace}$`));
    await poll(`keyspace "${keyspace}" under the connection`, async () => {
      if (await row.isVisible().catch(() => false)) return true;
      if ((await conn.getAttribute('aria-expanded')) !== 'true') await conn.click();
      return undefined;
    }, timeoutMs);
  }

  /**
   * Runs `action` from the context menu of `target`; returns the labels the menu showed.
   * A menu entry only listens for mouse-up 100 ms after it renders (so the right-click's own release cannot pick
   * an entry), and that timer runs late on a busy machine, so a click on a fresh menu can be dropped: the entry
   * is left highlighted and nothing runs. The keyboard has no such delay: hover the entry, wait until it holds
   * the focus, press Enter. The menu hides synchronously when an entry runs, so a menu still open afterwards
   * means nothing ran and trying again is safe.
   */
  async contextMenuAction(target: Locator, action: TextMatch, timeoutMs = 20_000): Promise<string[]> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const items = menu.locator('.action-item');
    const label = typeof action === 'string' ? new RegExp(`^\\s*${escapeRegExp(action)}`) : action;
    const item = items.filter({ has: this.page.locator('.action-label', { hasText: label }) }).first();
    let shown: string[] = [];
    await poll(`"${action}" run from the context menu`, async () => {
      if (!(await item.isVisible())) {
        if (await menu.isVisible()) await this.page.keyboard.press('Escape');
        await this.dismissHovers();
        await target.click({ button: 'right' });
        await item.waitFor({ timeout: scaled(5_000) });
      }
      shown = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      await item.hover();
      await poll(`context menu entry "${action}" focused`, () => item.evaluate(hasFocus).then((f) => f || undefined), 5_000);
      await this.page.keyboard.press('Enter');
      return (await menu.isVisible()) ? undefined : true;
    }, timeoutMs);
    return shown;
  }

  /** The activity-bar entry of a view container, by its title. */
  /**
   * Shows the Astra DB side bar. Clicking the item of the view already shown would close the side bar, and after a
   * reload the workbench may still be restoring it when a check runs, so it looks again before every click.
   */
  async showAstraSideBar(timeoutMs = 30_000): Promise<void> {
    const title = this.page.locator('.part.sidebar .composite.title', { hasText: /astra db/i });
    await poll('the Astra DB side bar', async () => {
      if (await title.isVisible().catch(() => false)) return true;
      await this.activityBarItem('Astra DB').click();
      await title.waitFor({ timeout: scaled(3_000) }).catch(() => undefined);
      return undefined;
    }, timeoutMs);
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar a[aria-label^="${title}"]`).first();
  }

  /** The status-bar item whose text contains `text`. */
  statusBarItem(text: TextMatch): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
  }

  /** Waits for a status-bar item whose text or aria label matches; returns its text. */
  async waitForStatusBar(text: TextMatch, timeoutMs = 30_000): Promise<string> {
    return poll(`a status bar item matching ${text}`, async () => {
      const items = this.page.locator('.part.statusbar .statusbar-item');
      const n = await items.count();
      for (let i = 0; i < n; i++) {
        const item = items.nth(i);
        const t = `${await textOf(item)} ${(await item.locator('a').first().getAttribute('aria-label').catch(() => '')) ?? ''}`;
        if (matches(t, text)) return (await textOf(item)) || t.trim();
      }
      return undefined;
    }, timeoutMs);
  }

  /** Saves a screenshot as test-results/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

async function textOf(loc: Locator): Promise<string> {
  if ((await loc.count()) === 0) return '';
  return (await loc.first().innerText().catch(() => '')).trim();
}

/** True when a menu entry is the focused one, holding the keyboard focus (the menu may live in a shadow root). */
function hasFocus(el: Element): boolean {
  const active = (el.getRootNode() as Document | ShadowRoot).activeElement;
  return el.classList.contains('focused') && !!active && el.contains(active);
}
