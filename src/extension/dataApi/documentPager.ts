// Paging one find() through astra-db-ts: each page starts a cursor from the previous page's state
// (`initialPageState` + `fetchNextPage`), so "Load more" keeps working however long the user waits between clicks
// (no open cursor held), and sorted or vector queries, which the Data API answers in one page, simply end.

import type { Collection, Projection, SomeDoc, Sort } from '@datastax/astra-db-ts';
import type { FindQuery } from './core/queryForm.js';

export class DocumentPager {
  private state: string | null | undefined;

  constructor(
    private readonly coll: Collection<SomeDoc>,
    private readonly query: FindQuery,
  ) {}

  get done(): boolean {
    return this.state === null;
  }

  /** Server pages until at least `atLeast` documents (or the end). */
  async next(atLeast: number): Promise<SomeDoc[]> {
    const out: SomeDoc[] = [];
    while (!this.done && out.length < atLeast) {
      const fresh = this.coll.find(this.query.filter, {
        ...(this.query.projection ? { projection: this.query.projection as Projection } : {}),
        ...(this.query.sort ? { sort: this.query.sort as Sort } : {}),
        ...(this.query.limit ? { limit: this.query.limit } : {}),
        includeSimilarity: this.query.includeSimilarity,
      });
      // Cursor builder methods return a new cursor; the original would start from the first page again.
      const cursor = this.state ? fresh.initialPageState(this.state) : fresh;
      const page = await cursor.fetchNextPage();
      out.push(...page.result);
      this.state = page.nextPageState ?? null;
    }
    return out;
  }
}
