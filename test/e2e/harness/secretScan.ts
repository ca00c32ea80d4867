// Finds every file under a folder that contains a secret, as UTF-8 or UTF-16 (Chromium's localStorage and
// IndexedDB keep strings as UTF-16).
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';

export interface SecretHit {
  file: string;
  encoding: 'utf8' | 'utf16le';
}

export function scanForSecret(root: string, secret: string): { hits: SecretHit[]; filesScanned: number } {
  const needles: Array<[SecretHit['encoding'], Buffer]> = [
    ['utf8', Buffer.from(secret, 'utf8')],
    ['utf16le', Buffer.from(secret, 'utf16le')],
  ];
  const hits: SecretHit[] = [];
  let filesScanned = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const st = lstatSync(p);
      // Symlinks point outside the run (node_modules, /usr/bin/rg); sockets and pipes cannot be read.
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) {
        filesScanned++;
        const buf = readFileSync(p);
        for (const [encoding, needle] of needles) {
          if (buf.includes(needle)) hits.push({ file: relative(root, p), encoding });
        }
      }
    }
  };
  walk(root);
  return { hits, filesScanned };
}

// The test tsconfig has no DOM lib; this is all of localStorage these page functions use.
interface BrowserGlobal {
  localStorage: { getItem(key: string): string | null };
}

/** localStorage keys of the workbench origin whose name mentions secrets (where VS Code web keeps SecretStorage). */
export async function secretStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { localStorage } = globalThis as unknown as BrowserGlobal;
    return Object.keys(localStorage).filter((k) => /secret/i.test(k));
  });
}

/** True if any localStorage value of the workbench origin contains `secret` in plain text. */
export async function localStorageHasPlaintext(page: Page, secret: string): Promise<boolean> {
  return page.evaluate((s) => {
    const { localStorage } = globalThis as unknown as BrowserGlobal;
    return Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes(s));
  }, secret);
}
