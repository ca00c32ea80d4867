// One isolated editor per scenario: a fresh code-server run folder plus a fresh chromium profile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, type BrowserSession, type OpenOptions } from './browser.js';
import { removeRunDir, startCodeServer, tail, type CodeServer, type CodeServerOptions } from './codeServer.js';
import { requireExtension, resultsDir, type ExtensionSource } from './paths.js';
import { Workbench } from './workbench.js';

export interface Editor {
  cs: CodeServer;
  browser: BrowserSession;
  wb: Workbench;
  /** Milliseconds spent starting code-server and loading the workbench. */
  timings: { serverMs: number; workbenchMs: number };
}

export type EditorOptions = Omit<CodeServerOptions, 'extension'> &
  OpenOptions & {
    /** Defaults to the repo's packaged extension (what nearly every scenario tests); `null` installs none. */
    extension?: ExtensionSource | null;
  };

export async function launchEditor(opts: EditorOptions): Promise<Editor> {
  const t0 = Date.now();
  const extension = opts.extension === undefined ? requireExtension() : (opts.extension ?? undefined);
  const cs = await startCodeServer({ ...opts, extension });
  const t1 = Date.now();
  try {
    const browser = await openWorkbench(cs, opts);
    return { cs, browser, wb: new Workbench(browser.page), timings: { serverMs: t1 - t0, workbenchMs: Date.now() - t1 } };
  } catch (err) {
    await cs.stop();
    throw err;
  }
}

/**
 * Runs `body` in a fresh editor. On failure: a screenshot and the server log tail go to test-results/, and the
 * run folder is kept (its path is printed). Set ASTRA_E2E_KEEP=1 to keep run folders always.
 */
export async function withEditor<T>(
  name: string,
  opts: Omit<EditorOptions, 'name'>,
  body: (ed: Editor) => Promise<T>,
): Promise<T> {
  const slug = name.replace(/[^\w.-]+/g, '-').toLowerCase().slice(0, 60);
  const ed = await launchEditor({ ...opts, name: slug.slice(0, 20) });
  let failed = true;
  try {
    const result = await body(ed);
    failed = false;
    return result;
  } catch (err) {
    const shot = await ed.wb.screenshot(`${slug}-failure`).catch(() => '(screenshot failed)');
    // What the user would have seen: error dialogs ("command … not found") and toasts often explain a timeout.
    const seen = await ed.wb.visibleMessages().catch(() => [] as string[]);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `${slug}-failure.log`),
      `${String(err)}\n--- on screen ---\n${seen.join('\n') || '(no dialogs or notifications)'}\n` +
        `--- code-server log ---\n${tail(ed.cs.logFile, 200)}\n`,
    );
    if (seen.length) process.stderr.write(`[e2e] ${name}: on screen: ${seen.join(' | ')}\n`);
    process.stderr.write(`[e2e] ${name} failed; screenshot ${shot}; run folder kept: ${ed.cs.runDir}\n`);
    throw err;
  } finally {
    await ed.browser.close();
    await ed.cs.stop();
    if (!failed && !process.env.ASTRA_E2E_KEEP) removeRunDir(ed.cs.runDir);
  }
}
