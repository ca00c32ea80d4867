// Astra DevOps API v2 client (docs/astra-protocol.md §6). vscode-free so unit tests drive it against a local server.
// The token goes into the Authorization header of API calls only: never into bundle downloads, logs or messages.

import { parseDatabase, type AstraDatabase } from './core/databases.js';
import {
  backoffDelay,
  DEFAULT_BACKOFF,
  DevopsError,
  httpError,
  isRetryableStatus,
  parseRetryAfter,
  type BackoffPolicy,
} from './core/devopsErrors.js';
import { MAX_BUNDLE_BYTES } from '../connections/bundle.js';
import { HttpFailure, httpRequest, type HttpResponse } from './http.js';

export const DEFAULT_DEVOPS_URL = 'https://api.astra.datastax.com';
const MAX_JSON_BYTES = 8 * 1024 * 1024;
const MAX_PAGES = 200;

export interface RetryNotice {
  /** 1-based number of the retry about to happen. */
  attempt: number;
  maxRetries: number;
  delayMs: number;
  status: number;
  what: string;
}

export interface DevopsClientOptions {
  baseUrl?: string;
  token: string;
  ca?: string | Buffer;
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  onRetry?: (notice: RetryNotice) => void;
}

export interface BundleLink {
  datacenterId?: string;
  downloadURL: string;
}

interface CallOptions {
  signal?: AbortSignal;
  query?: Record<string, string | undefined>;
}

export class DevopsClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly backoff: BackoffPolicy;

  constructor(private readonly opts: DevopsClientOptions) {
    this.baseUrl = (opts.baseUrl || DEFAULT_DEVOPS_URL).replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
  }

  /** Every non-terminated database, following `starting_after` paging until a short page. */
  async listDatabases(opts: { pageSize?: number; signal?: AbortSignal } = {}): Promise<AstraDatabase[]> {
    const limit = opts.pageSize ?? 25;
    const out: AstraDatabase[] = [];
    const seen = new Set<string>();
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const raw = await this.json('GET', '/v2/databases', 'listing databases', {
        signal: opts.signal,
        query: { include: 'nonterminated', provider: 'ALL', limit: String(limit), starting_after: after },
      });
      if (!Array.isArray(raw)) throw badShape('listing databases', 'an array of databases');
      let fresh = 0;
      for (const item of raw) {
        const db = parseDatabase(item);
        if (!db || seen.has(db.id)) continue;
        seen.add(db.id);
        fresh++;
        if (db.status !== 'TERMINATED' && db.status !== 'TERMINATING') out.push(db);
      }
      const last = parseDatabase(raw[raw.length - 1])?.id;
      // A short page ends the list; a page with nothing new would loop forever.
      if (raw.length < limit || fresh === 0 || !last) return out;
      after = last;
    }
    return out;
  }

  async getDatabase(id: string, signal?: AbortSignal): Promise<AstraDatabase> {
    const raw = await this.json('GET', `/v2/databases/${encodeURIComponent(id)}`, 'reading the database', { signal });
    const db = parseDatabase(raw);
    if (!db) throw badShape('reading the database', 'a database object');
    return db;
  }

  /** The short-lived download link(s) of the secure connect bundle; with `all`, one per datacenter (multi-region). */
  async secureBundleLinks(id: string, opts: { all?: boolean; signal?: AbortSignal } = {}): Promise<BundleLink[]> {
    const what = 'requesting the secure connect bundle';
    const raw = await this.json('POST', `/v2/databases/${encodeURIComponent(id)}/secureBundleURL`, what, {
      signal: opts.signal,
      query: { all: opts.all ? 'true' : undefined },
    });
    const items = Array.isArray(raw) ? raw : [raw];
    const links: BundleLink[] = [];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      if (typeof o.downloadURL !== 'string' || !o.downloadURL) continue;
      const dc = o.datacenterID ?? o.datacenterId;
      links.push(typeof dc === 'string' ? { datacenterId: dc, downloadURL: o.downloadURL } : { downloadURL: o.downloadURL });
    }
    if (links.length === 0) throw badShape(what, 'a downloadURL');
    return links;
  }

  /** The bundle link for one datacenter (the first one when `datacenterId` is omitted or single-region). */
  async secureBundleLink(id: string, datacenterId?: string, signal?: AbortSignal): Promise<BundleLink> {
    if (!datacenterId) return (await this.secureBundleLinks(id, { signal }))[0]!;
    const links = await this.secureBundleLinks(id, { all: true, signal });
    const match = links.find((l) => l.datacenterId === datacenterId);
    if (!match) {
      throw new DevopsError('notFound', `Astra returned no secure connect bundle for datacenter ${datacenterId}.`);
    }
    return match;
  }

  /**
   * Downloads the bundle from a signed link: a plain GET without the token (the link is the credential, and the
   * storage host must never see the token). Size-bounded like a bundle picked from disk.
   */
  async downloadBundle(url: string, opts: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<Buffer> {
    const what = 'downloading the secure connect bundle';
    const res = await this.send(what, opts.signal, () =>
      httpRequest({
        method: 'GET',
        url,
        headers: { accept: 'application/zip, application/octet-stream, */*' },
        ca: this.opts.ca,
        timeoutMs: this.timeoutMs,
        maxBytes: opts.maxBytes ?? MAX_BUNDLE_BYTES,
        signal: opts.signal,
      }),
    );
    if (res.status === 200) return res.body;
    // Signed storage links answer 403 (or 400/404) once expired; the token is not involved, so no "re-enter token".
    if (res.status === 403 || res.status === 400 || res.status === 404) {
      const message = `The bundle download link was refused (${res.status}); it is valid for a few minutes only. Try again.`;
      throw new DevopsError('expired', message, res.status);
    }
    throw httpError(res.status, res.body.toString('utf8'), what);
  }

  /** Asks Astra to create a keyspace (CQL cannot on Astra). Returns once the API accepted it (201). */
  async createKeyspace(id: string, name: string, signal?: AbortSignal): Promise<void> {
    const path = `/v2/databases/${encodeURIComponent(id)}/keyspaces/${encodeURIComponent(name)}`;
    await this.call('POST', path, `creating keyspace ${name}`, { signal });
  }

  // ----- internals -----

  private async json(method: 'GET' | 'POST', path: string, what: string, opts: CallOptions): Promise<unknown> {
    const res = await this.call(method, path, what, opts);
    const text = res.body.toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 80);
      const message = `Astra's DevOps API answered ${what} with something that is not JSON ("${excerpt}"). Check the astra.devopsApiUrl setting.`;
      throw new DevopsError('badResponse', message, res.status);
    }
  }

  /** An authorized API call, retried with exponential backoff on 429 and 5xx. */
  private async call(method: 'GET' | 'POST', path: string, what: string, opts: CallOptions): Promise<HttpResponse> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(what, opts.signal, () =>
        httpRequest({
          method,
          url: url.toString(),
          headers: { authorization: `Bearer ${this.opts.token}`, 'user-agent': 'astra-db-vscode' },
          body: method === 'POST' ? '' : undefined,
          ca: this.opts.ca,
          timeoutMs: this.timeoutMs,
          maxBytes: MAX_JSON_BYTES,
          signal: opts.signal,
        }),
      );
      if (res.status >= 200 && res.status < 300) return res;
      if (!isRetryableStatus(res.status) || attempt >= this.backoff.maxRetries) {
        throw httpError(res.status, res.body.toString('utf8'), what, attempt);
      }
      const retryAfter = parseRetryAfter(headerText(res.headers['retry-after']));
      const delayMs = backoffDelay(attempt, this.backoff, retryAfter);
      this.opts.onRetry?.({ attempt: attempt + 1, maxRetries: this.backoff.maxRetries, delayMs, status: res.status, what });
      await sleep(delayMs, opts.signal);
    }
  }

  private async send(what: string, signal: AbortSignal | undefined, run: () => Promise<HttpResponse>): Promise<HttpResponse> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      switch (err.reason) {
        case 'cancelled':
          throw new DevopsError('cancelled', `Cancelled while ${what}.`);
        case 'timeout':
          throw new DevopsError('timeout', `Astra's DevOps API did not answer while ${what}: ${err.message}. Try again.`);
        case 'tooLarge':
          throw new DevopsError('tooLarge', `The answer while ${what} is too large: ${err.message}.`);
        case 'network':
          if (signal?.aborted) throw new DevopsError('cancelled', `Cancelled while ${what}.`);
          throw new DevopsError(
            'network',
            `Cannot reach Astra's DevOps API while ${what} (${err.message}). Check your network and the astra.devopsApiUrl setting.`,
          );
      }
    }
  }
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function badShape(what: string, expected: string): DevopsError {
  return new DevopsError('badResponse', `Astra's DevOps API answered ${what} without ${expected}.`);
}

/** Resolves after `ms`, or rejects with a cancelled DevopsError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DevopsError('cancelled', 'Cancelled.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DevopsError('cancelled', 'Cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
