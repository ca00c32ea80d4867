// Paged queries kept alive after their first page, so "Load more" and exports can continue them. One registry for
// the whole extension, keyed by query id: notebooks and `.cql` files answer renderer requests from it without
// searching their sessions.

import type { LiveColumn, RawPage } from './pageReader.js';

export interface LiveQuery {
  query: string;
  /** The keyspace the statement ran in; later pages run in it too. */
  keyspace: string | undefined;
  consistency?: number;
  serialConsistency?: number;
  pageSize: number;
  pageState?: string;
  columns: LiveColumn[];
  busy: boolean;
  /** The page at `pageState`, requested before the user asked for it (see CqlSession.loadMore). */
  ahead?: { pageState: string; page: Promise<RawPage> };
}

export class LiveQueries<Owner> {
  private readonly entries = new Map<string, { owner: Owner; query: LiveQuery }>();
  private readonly counts = new Map<Owner, number>();

  /** Keeps `query` under `queryId`; an owner keeps at most `max` (its oldest are dropped first). */
  add(queryId: string, owner: Owner, query: LiveQuery, max: number): void {
    this.entries.set(queryId, { owner, query });
    let count = (this.counts.get(owner) ?? 0) + 1;
    for (const [id, e] of this.entries) {
      if (count <= max) break;
      if (e.owner !== owner) continue;
      this.entries.delete(id);
      count--;
    }
    this.counts.set(owner, count);
  }

  get(queryId: string): { owner: Owner; query: LiveQuery } | undefined {
    return this.entries.get(queryId);
  }

  /** Forgets every query of `owner` (its session ended). */
  dropOwner(owner: Owner): void {
    for (const [id, e] of this.entries) if (e.owner === owner) this.entries.delete(id);
    this.counts.delete(owner);
  }
}
