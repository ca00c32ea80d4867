// Documents share one driver Client per connection, but each has its own current keyspace, passed with every
// execution. Protocol v4 has no per-request keyspace, and the driver switches a connection to `client.keyspace`
// right before sending each request. So a request runs with `client.keyspace` set to the execution's keyspace,
// under a per-client lock, and the previous value is restored afterwards: other documents and the explorer never
// see it change. This module is the only place that touches `client.keyspace`.

import type { Client } from 'cassandra-driver';

const tails = new WeakMap<object, Promise<void>>();

/**
 * Runs `fn` with the client's keyspace = `keyspace` (unchanged when undefined). Returns fn's value and the client's
 * keyspace as fn left it — a `USE` statement answered by SET_KEYSPACE shows up there.
 */
export async function withKeyspace<T>(
  client: Client,
  keyspace: string | undefined,
  fn: () => Promise<T>,
): Promise<{ value: T; keyspaceAfter: string | undefined }> {
  const previous = tails.get(client) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  tails.set(client, previous.then(() => mine));
  await previous;
  // Typed as a string, but unset until a keyspace is chosen.
  const saved = client.keyspace as string | undefined;
  try {
    if (keyspace !== undefined) client.keyspace = keyspace;
    const value = await fn();
    return { value, keyspaceAfter: client.keyspace as string | undefined };
  } finally {
    client.keyspace = saved as string;
    release();
  }
}
