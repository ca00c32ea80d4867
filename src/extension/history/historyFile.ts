// Where the query history lives between sessions: one JSON file in the extension's global storage folder (not
// Memento, which is loaded whole into every window's state and meant for small values). Saves are coalesced and
// atomic (a temporary file renamed over the old one), so a crash never leaves half a file.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryStore } from './historyStore.js';

export class HistoryFile {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly store: HistoryStore,
    private readonly delayMs = 1000,
  ) {}

  /** Loads the saved history into the store (a missing or unreadable file is an empty history). */
  async load(): Promise<number> {
    try {
      return this.store.load(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return 0;
    }
  }

  /** Saves a moment later, once for a burst of statements. */
  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.delayMs);
  }

  /** Writes now (and waits for any write in progress first). */
  save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = JSON.stringify(this.store.toJSON());
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, this.path);
    });
    return this.writing;
  }
}
