// DevOps API failures as one error type whose `kind` tells the UI what to offer (re-enter the token, retry later…)
// and whose message is a plain sentence. Messages pass through redact(): the API may echo what it was sent.

import { redact } from '../../secrets/redact.js';

export type DevopsErrorKind =
  | 'auth' // 401/403 from the API: the token is wrong, revoked or lacks the role → ask for a new one
  | 'notFound'
  | 'badRequest'
  | 'rateLimited' // 429 still after the retries
  | 'server' // 5xx still after the retries
  | 'timeout'
  | 'network'
  | 'badResponse' // not the JSON we expect
  | 'expired' // the short-lived bundle download link was refused
  | 'tooLarge'
  | 'cancelled';

export class DevopsError extends Error {
  constructor(
    readonly kind: DevopsErrorKind,
    message: string,
    readonly status?: number,
    /** How many times the request was retried before giving up. */
    readonly retries = 0,
  ) {
    super(redact(message));
    this.name = 'DevopsError';
  }

  get reenterToken(): boolean {
    return this.kind === 'auth';
  }
}

/** The `message`s of Astra's `{"errors":[{"ID":…,"message":"…"}]}` body, or a short excerpt of any other body. */
export function apiErrorMessages(body: string): string[] {
  const text = body.trim();
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object') {
      const errors = (parsed as { errors?: unknown }).errors;
      if (Array.isArray(errors)) {
        const out = errors
          .map((e) => (e && typeof e === 'object' ? (e as { message?: unknown }).message : undefined))
          .filter((m): m is string => typeof m === 'string' && m.length > 0);
        if (out.length) return out;
      }
      const single = (parsed as { message?: unknown }).message;
      if (typeof single === 'string' && single) return [single];
    }
  } catch {
    // not JSON: fall through to a text excerpt
  }
  // Storage services answer in XML; a proxy may answer in HTML. Keep the words, drop the markup.
  const words = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return words ? [words.length > 200 ? `${words.slice(0, 200)}…` : words] : [];
}

const retried = (n: number) => (n > 0 ? ` (gave up after ${n} ${n === 1 ? 'retry' : 'retries'})` : '');

/** Maps a final (non-retried or retries-exhausted) HTTP status to a DevopsError. `what` is e.g. "listing databases". */
export function httpError(status: number, body: string, what: string, retries = 0): DevopsError {
  const said = apiErrorMessages(body);
  const detail = said.length ? `: ${said.join('; ')}` : '';
  if (status === 401) {
    return new DevopsError('auth', `Astra rejected the application token while ${what} (401${detail}). Enter a valid token.`, status, retries);
  }
  if (status === 403) {
    return new DevopsError(
      'auth',
      `The application token is not allowed to do this while ${what} (403${detail}). Use a token with the Database Administrator role.`,
      status,
      retries,
    );
  }
  if (status === 404) return new DevopsError('notFound', `Astra could not find it while ${what} (404${detail}).`, status, retries);
  if (status === 429) {
    const message = `Astra is rate-limiting requests while ${what} (429${detail})${retried(retries)}. Try again in a minute.`;
    return new DevopsError('rateLimited', message, status, retries);
  }
  if (status >= 500) {
    const message = `Astra's DevOps API failed while ${what} (${status}${detail})${retried(retries)}. Try again later.`;
    return new DevopsError('server', message, status, retries);
  }
  return new DevopsError('badRequest', `Astra refused the request while ${what} (${status}${detail}).`, status, retries);
}

export const isRetryableStatus = (status: number): boolean => status === 429 || status === 502 || status === 503 || status === 504 || status === 500;

export interface BackoffPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 8000 };

/**
 * Delay before retry number `attempt` (0-based): exponential with ±20 % jitter, or the server's Retry-After when
 * it says so, never above maxDelayMs so a hostile header cannot stall the UI.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, retryAfterSeconds?: number, random = Math.random): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    return Math.min(policy.maxDelayMs, Math.round(retryAfterSeconds * 1000));
  }
  const exp = policy.baseDelayMs * 2 ** attempt;
  const jitter = 0.8 + 0.4 * random();
  return Math.min(policy.maxDelayMs, Math.round(exp * jitter));
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
