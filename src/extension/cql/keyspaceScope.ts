// Notebooks share one driver Client per connection, but each notebook has its own current keyspace (`USE ks`).
// Protocol v4 has no per-request keyspace, and the driver switches a connection to `client.keyspace` right before
// sending each request. So a request runs with `client.keyspace` set to the notebook's keyspace, under a per-client
// lock, and the previous value is restored afterwards: other notebooks and the explorer never see it change.

import type { Client } from 'cassandra-driver';

const tails = new WeakMap<object, Promise<void>>();

interface KeyspaceHolder {
  keyspace?: string;
}

/**
 * Runs `fn` with `client.keyspace` = `keyspace` (unchanged when undefined). Returns fn's value and the client's
 * keyspace as fn left it — a `USE` statement answered by SET_KEYSPACE shows up there.
 */
export async function withKeyspace<T>(
  client: Client,
  keyspace: string | undefined,
  fn: () => Promise<T>,
): Promise<{ value: T; keyspaceAfter: string | undefined }> {
  const holder = client as unknown as KeyspaceHolder;
  const previous = tails.get(client) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  tails.set(client, previous.then(() => mine));
  await previous;
  const saved = holder.keyspace;
  try {
    if (keyspace !== undefined) holder.keyspace = keyspace;
    const value = await fn();
    return { value, keyspaceAfter: holder.keyspace };
  } finally {
    holder.keyspace = saved;
    release();
  }
}
