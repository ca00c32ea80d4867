// Documents share one driver Client per connection, but each has its own current keyspace, passed with every
// execution. Protocol v4 has no per-request keyspace, and the driver switches a connection to `client.keyspace`
// right before sending each request. So a request runs with `client.keyspace` set to the execution's keyspace, and
// the previous value comes back when no request needs it any more: other documents and the explorer never see it
// change. This module is the only place that touches `client.keyspace`.
//
// Requests that agree on the keyspace run together (notebooks on one database usually do): they are admitted as
// one group, however long each takes, and a cancelled one never holds the others up. A request for another keyspace
// waits until the group in flight has drained (switching earlier could send a pending request to the wrong
// keyspace); later requests queue behind it so it is not starved. A request that may change the keyspace (`USE`)
// runs alone, since its answer moves `client.keyspace` for everyone. A session with a client bound to the other
// keyspace (connections/keyspaceClients.ts) sends there instead of waiting: `admitsNow` tells it when.

import type { Client } from 'cassandra-driver';

interface KeyspaceHolder {
  keyspace?: string;
}

interface Waiter {
  keyspace: string | undefined;
  exclusive: boolean;
  admit(): void;
}

interface Scope {
  running: number;
  exclusive: boolean;
  /** `client.keyspace` before the group in flight set it. */
  saved: string | undefined;
  queue: Waiter[];
}

const scopes = new WeakMap<object, Scope>();

export interface KeyspaceScopeOptions {
  /** The request may change the keyspace (a USE statement): run it with no other request in flight. */
  exclusive?: boolean;
}

/**
 * Runs `fn` with `client.keyspace` = `keyspace` (unchanged when undefined). Returns fn's value and the client's
 * keyspace as fn left it — a `USE` statement answered by SET_KEYSPACE shows up there.
 */
export async function withKeyspace<T>(
  client: Client,
  keyspace: string | undefined,
  fn: () => Promise<T>,
  opts: KeyspaceScopeOptions = {},
): Promise<{ value: T; keyspaceAfter: string | undefined }> {
  const holder = client as unknown as KeyspaceHolder;
  let scope = scopes.get(client);
  if (!scope) scopes.set(client, (scope = { running: 0, exclusive: false, saved: undefined, queue: [] }));
  const exclusive = opts.exclusive ?? false;
  if (scope.queue.length === 0 && fits(scope, holder, keyspace, exclusive)) enter(scope, holder, keyspace, exclusive);
  else await new Promise<void>((admit) => scope.queue.push({ keyspace, exclusive, admit }));
  try {
    const value = await fn();
    return { value, keyspaceAfter: holder.keyspace };
  } finally {
    leave(scope, holder);
  }
}

/** Whether a request for `keyspace` would start at once (nothing queued, and the group in flight shares it). */
export function admitsNow(client: Client, keyspace: string | undefined, opts: KeyspaceScopeOptions = {}): boolean {
  const scope = scopes.get(client);
  return !scope || (scope.queue.length === 0 && fits(scope, client as unknown as KeyspaceHolder, keyspace, opts.exclusive ?? false));
}

function fits(scope: Scope, holder: KeyspaceHolder, keyspace: string | undefined, exclusive: boolean): boolean {
  if (scope.running === 0) return true;
  // No keyspace of its own means the client's own one, which the group in flight may have replaced.
  return !exclusive && !scope.exclusive && (keyspace ?? scope.saved) === holder.keyspace;
}

function enter(scope: Scope, holder: KeyspaceHolder, keyspace: string | undefined, exclusive: boolean): void {
  if (scope.running === 0) {
    scope.saved = holder.keyspace;
    scope.exclusive = exclusive;
    if (keyspace !== undefined) holder.keyspace = keyspace;
  }
  scope.running++;
}

function leave(scope: Scope, holder: KeyspaceHolder): void {
  scope.running--;
  if (scope.running > 0) return;
  holder.keyspace = scope.saved;
  scope.exclusive = false;
  // Admit the next waiter, then every waiter right behind it that can share its keyspace.
  while (scope.queue.length > 0 && fits(scope, holder, scope.queue[0]!.keyspace, scope.queue[0]!.exclusive)) {
    const next = scope.queue.shift()!;
    enter(scope, holder, next.keyspace, next.exclusive);
    next.admit();
  }
}
