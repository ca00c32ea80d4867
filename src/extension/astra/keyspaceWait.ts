// After the DevOps API accepts a keyspace (201) Astra still needs seconds to minutes before the keyspace exists
// in the schema the driver sees; Create Keyspace only reports success once it does.

import { DevopsError } from './core/devopsErrors.js';
import { sleep } from './devopsClient.js';

/** The slice of cassandra-driver's Client we use, so tests can pass a stand-in. */
export interface MetadataClient {
  metadata: {
    keyspaces: Record<string, unknown>;
    refreshKeyspace(name: string): Promise<unknown>;
  };
}

/** Asks the driver to re-read one keyspace and tells whether it exists now. */
export async function keyspaceExists(client: MetadataClient, name: string): Promise<boolean> {
  try {
    await client.metadata.refreshKeyspace(name);
  } catch {
    // A refresh can fail while the schema is settling; the next poll tries again.
  }
  return Object.prototype.hasOwnProperty.call(client.metadata.keyspaces, name);
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called before each poll after the first, with the seconds waited so far. */
  onPoll?: (elapsedSeconds: number) => void;
}

/** Polls `check` until it is true; throws a 'timeout' DevopsError at the deadline, 'cancelled' on abort. */
export async function waitUntil(check: () => Promise<boolean>, what: string, opts: WaitOptions): Promise<number> {
  const started = Date.now();
  const interval = opts.intervalMs ?? 2000;
  for (let polls = 1; ; polls++) {
    if (await check()) return polls;
    const elapsed = Date.now() - started;
    if (elapsed + interval > opts.timeoutMs) {
      throw new DevopsError(
        'timeout',
        `${what} did not happen within ${Math.round(opts.timeoutMs / 1000)} s. Astra may still be working on it: refresh the explorer in a minute.`,
      );
    }
    await sleep(interval, opts.signal);
    opts.onPoll?.(Math.round((Date.now() - started) / 1000));
  }
}
