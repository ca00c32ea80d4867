// Collections of one database through astra-db-ts: list (with estimated counts), create, drop, and the collection
// handle the browser and the editor tabs use. Every failure becomes a DataApiError with a sentence that names the
// endpoint host and never the token.

import { BigNumber, type Collection, type Db, type SomeDoc } from '@datastax/astra-db-ts';
import type { Logger } from '../logging.js';
import type { DataApiClients } from './dataApiClients.js';
import { DataApiError, describeDataApiError } from './core/dataApiErrors.js';
import type { CollectionDefinitionLike, CollectionSummary } from './core/collectionText.js';
import type { DatabaseRef, ResolvedDatabase } from './databaseRef.js';

/** Where a database reference leads (the vscode resolver; tests pass a fixed endpoint and token). */
export interface DatabaseTargets {
  resolve(ref: DatabaseRef): Promise<ResolvedDatabase>;
}

/** Counting is one request per collection: a few at a time keeps a large keyspace from flooding the API. */
const COUNT_CONCURRENCY = 4;

export const bigNumber = (text: string): unknown => new BigNumber(text);

export interface CollectionTarget {
  db: DatabaseRef;
  keyspace: string;
  name: string;
}

export class CollectionsApi {
  constructor(
    private readonly resolver: DatabaseTargets,
    private readonly clients: DataApiClients,
    private readonly log: Logger,
  ) {}

  /** Runs `work` on the database's client; failures become DataApiError with a clear message. */
  async run<T>(ref: DatabaseRef, what: string, work: (db: Db) => Promise<T>): Promise<T> {
    const target = await this.resolver.resolve(ref);
    const started = Date.now();
    try {
      const out = await work(this.clients.db(target));
      this.log.debug(`${what}: ${Date.now() - started} ms`);
      return out;
    } catch (err) {
      if (err instanceof DataApiError) throw err;
      const info = describeDataApiError(err, what, target.endpoint);
      this.log.warn(info.message);
      throw new DataApiError(info);
    }
  }

  async list(ref: DatabaseRef, keyspace: string): Promise<CollectionSummary[]> {
    const found = await this.run(ref, `listing the collections of ${keyspace}`, (db) => db.listCollections({ keyspace }));
    const out: CollectionSummary[] = found
      .map((c) => ({ name: c.name, definition: c.definition as CollectionDefinitionLike }))
      .sort((a, b) => a.name.localeCompare(b.name));
    let next = 0;
    const countOne = async () => {
      while (next < out.length) {
        const c = out[next++]!;
        try {
          c.count = await this.run(ref, `counting ${keyspace}.${c.name}`, (db) => db.collection(c.name, { keyspace }).estimatedDocumentCount());
        } catch {
          // The count is decoration: the collection is listed without it.
        }
      }
    };
    await Promise.all(Array.from({ length: COUNT_CONCURRENCY }, countOne));
    return out;
  }

  collection(db: Db, t: CollectionTarget): Collection<SomeDoc> {
    return db.collection(t.name, { keyspace: t.keyspace });
  }

  async create(ref: DatabaseRef, keyspace: string, name: string, definition: CollectionDefinitionLike): Promise<void> {
    await this.run(ref, `creating collection ${keyspace}.${name}`, (db) =>
      db.createCollection(name, { keyspace, ...(definition as object) }),
    );
  }

  async drop(ref: DatabaseRef, keyspace: string, name: string): Promise<void> {
    await this.run(ref, `dropping collection ${keyspace}.${name}`, (db) => db.dropCollection(name, { keyspace }));
  }
}
