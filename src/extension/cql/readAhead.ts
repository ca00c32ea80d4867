// Reading a paged query one page ahead. Someone paging is likely to page on, so the following page is requested
// before the current one is encoded: the server (or the network to it) works while the client encodes, and the next
// Load more finds its page read or on its way. At most one page is held per live query.

import type { LiveQuery } from './liveQueries.js';
import type { RawPage } from './pageReader.js';
import { CancelledError, raceAbort } from './cancel.js';

export type RawFetch = (pageState: string | undefined, signal?: AbortSignal) => Promise<RawPage>;

/** The page at `lq.pageState`: the one read ahead when there is one, else read now. */
export async function nextRawPage(lq: LiveQuery, fetchRaw: RawFetch, signal?: AbortSignal): Promise<RawPage> {
  const ahead = lq.ahead;
  lq.ahead = undefined;
  if (ahead && ahead.pageState === lq.pageState) {
    try {
      return await raceAbort(ahead.page, signal);
    } catch (e) {
      // Cancelled while waiting: the page is still coming, keep it for the next Load more.
      if (e instanceof CancelledError) lq.ahead = ahead;
      if (e instanceof CancelledError || signal?.aborted) throw e;
      // It failed in the background: read it again now, so a failure is this request's and current.
    }
  }
  return fetchRaw(lq.pageState, signal);
}

/**
 * Requests the page at `pageState` now and keeps it on `lq` for the Load more that wants it. Resolves once the
 * request has had its chance to leave: encode only after that.
 */
export async function readAhead(lq: LiveQuery, fetchRaw: RawFetch, pageState: string): Promise<void> {
  const page = fetchRaw(pageState);
  page.catch(() => undefined); // read again (and reported) by the Load more that wants it
  lq.ahead = { pageState, page };
  await requestLeft();
}

/**
 * Resolves after the event loop has turned once. The driver does not write a request when `execute` is called: it
 * gets there through several awaits and then a `process.nextTick` (writers.js WriteQueue). Encoding a page right
 * after asking for the next one ran before all of that, so the request left only once the page was encoded and the
 * server never worked while the client encoded. All of those steps are microtasks and ticks, so by the time a
 * setImmediate callback runs the request is on the socket (unless the driver must first open a connection).
 */
export function requestLeft(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Every page from the first, in order, each next one requested before the current one is handed on. */
export async function* pagesAhead(fetchRaw: RawFetch, signal?: AbortSignal): AsyncGenerator<RawPage> {
  let next: Promise<RawPage> | undefined = fetchRaw(undefined, signal);
  try {
    while (next) {
      const raw: RawPage = await next;
      next = raw.pageState ? fetchRaw(raw.pageState, signal) : undefined;
      if (next) await requestLeft();
      yield raw;
    }
  } finally {
    next?.catch(() => undefined); // stopped early (cancelled, a failed write): nobody wants that page
  }
}
