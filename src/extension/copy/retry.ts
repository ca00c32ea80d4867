// Which write failures are worth another try (the cluster was busy, not the row wrong) and how long to wait:
// overloaded, timeouts, unavailable replicas, no host reachable for a moment, and Astra's rate limiting.

const RETRY_CODES = new Set([0x1000, 0x1001, 0x1100, 0x1200]); // Unavailable, Overloaded, WriteTimeout, ReadTimeout
const RETRY_NAMES = /^(OperationTimedOutError|NoHostAvailableError|BusyConnectionError)$/;
const RETRY_TEXT = /rate.?limit|too many requests|overloaded|timed? ?out|\b429\b/i;

export function isRetryable(e: unknown): boolean {
  const err = (e ?? {}) as { code?: number; name?: string; message?: string; innerErrors?: Record<string, unknown> };
  if (typeof err.code === 'number') return RETRY_CODES.has(err.code) || (err.code === 0x0000 && RETRY_TEXT.test(err.message ?? ''));
  if (err.name && RETRY_NAMES.test(err.name)) return true;
  return RETRY_TEXT.test(err.message ?? '');
}

export const MAX_ATTEMPTS = 8;

/** Exponential backoff with jitter: about 50 ms, 100 ms, … capped at 5 s. */
export function backoffMs(attempt: number): number {
  const base = Math.min(5000, 50 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Runs `op`, retrying retryable failures with backoff; the last failure is thrown. */
export async function withRetry<T>(op: () => Promise<T>, signal?: AbortSignal, onRetry?: () => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (attempt + 1 >= MAX_ATTEMPTS || !isRetryable(e) || signal?.aborted) throw e;
      onRetry?.();
      await sleep(backoffMs(attempt), signal);
    }
  }
}
