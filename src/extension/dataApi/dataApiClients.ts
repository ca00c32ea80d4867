// One astra-db-ts client per database (endpoint + token), reused by the tree, the document browser and the editor
// tabs, and closed when the extension is disposed. Big numbers are decoded exactly (BigNumber) so no value loses
// digits; client warnings go to our log (redacted) instead of stderr.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataAPIClient, type Db } from '@datastax/astra-db-ts';
import type { Logger } from '../logging.js';
import { DEVOPS_CA_ENV } from '../astra/core/accountKeys.js';
import { CaFetcher } from './caFetcher.js';
import { isBigNumberValue } from './core/documentText.js';
import type { ResolvedDatabase } from './databaseRef.js';

interface Entry {
  client: DataAPIClient;
  db: Db;
  fetcher: CaFetcher;
}

/** Numbers a double holds exactly stay numbers; the rest stay BigNumber (shown and written back digit for digit). */
const exactNumbers = () => (value: unknown) => {
  if (typeof value !== 'object' || value === null || !isBigNumberValue(value)) return value;
  const v = value as unknown as { toString(): string; isInteger(): boolean };
  const n = Number(v.toString());
  return Number.isFinite(n) && (v.isInteger() ? Number.isSafeInteger(n) : String(n) === v.toString()) ? n : value;
};

export class DataApiClients {
  private readonly entries = new Map<string, Entry>();
  private ca: string | undefined | null = null;

  constructor(private readonly log: Logger) {}

  db(target: ResolvedDatabase): Db {
    const key = `${target.endpoint}\n${createHash('sha256').update(target.token).digest('hex')}`;
    const found = this.entries.get(key);
    if (found) return found.db;
    const fetcher = new CaFetcher(this.testCa());
    const client = new DataAPIClient(target.token, {
      httpOptions: { client: 'custom', fetcher },
      logging: [{ events: ['commandWarnings', 'commandFailed', 'adminCommandWarnings', 'adminCommandFailed'], emits: 'event' }],
      caller: ['astra-db-vscode'],
      dbOptions: { serdes: { collection: { enableBigNumbers: exactNumbers } } },
    });
    client.on('commandWarnings', (e) => this.log.warn(`Data API warning: ${e.warnings.map((w) => w.message).join('; ')}`));
    const db = client.db(target.endpoint);
    this.entries.set(key, { client, db, fetcher });
    this.log.info(`Data API client for ${new URL(target.endpoint).host}`);
    return db;
  }

  private testCa(): string | undefined {
    if (this.ca === null) {
      const path = process.env[DEVOPS_CA_ENV];
      this.ca = path ? readFileSync(path, 'utf8') : undefined;
    }
    return this.ca;
  }

  async dispose(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(async (e) => {
      await e.client.close().catch(() => undefined);
      await e.fetcher.close();
    }));
  }
}
