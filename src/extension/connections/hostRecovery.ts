// When every node is marked down, the driver fails statements at once ("All host(s) tried", often with no reason
// per host) until its reconnection timer fires, 1 s and growing. So the first statement after the nodes come back
// fails, and a token revoked mid-session shows as "no host" because nobody has tried to authenticate yet. Before a
// statement reports "no host", we ask the driver to try the down nodes now (Host.checkIsUp, the driver's own path for
// a node announced UP) and report what those attempts found. vscode-free; the driver is reached by shape only.

import type { EventEmitter } from 'node:events';
import type { Client } from 'cassandra-driver';

interface DriverHost extends EventEmitter {
  address: string;
  isUp(): boolean;
  /** Internal to the driver: resets the reconnection schedule and opens a connection now. */
  checkIsUp?(): void;
  pool?: EventEmitter & { coreConnectionsLength?: number };
}

const DOWN = 'Host considered as DOWN';

/** A NoHostAvailableError raised before any request was sent: every node was already known to be down. */
export function failedBeforeSending(err: unknown): boolean {
  const e = err as { name?: string; innerErrors?: Record<string, unknown> } | undefined;
  if (e?.name !== 'NoHostAvailableError') return false;
  return Object.values(e.innerErrors ?? {}).every((v) => v === DOWN);
}

export interface RevivalResult {
  /** At least one node is up again: re-sending is safe and should work. */
  up: boolean;
  /** Per down node (by address): why the attempt failed, or that it is still being tried. */
  reasons: Record<string, unknown>;
}

/**
 * Tries every down node now and waits until one is up, every attempt failed, or `timeoutMs` (default: the client's
 * connect timeout) passed.
 */
export function reviveHosts(client: Client, timeoutMs?: number): Promise<RevivalResult> {
  const hosts = ([...client.hosts.values()] as unknown as DriverHost[]).filter(
    (h) => !h.isUp() && typeof h.checkIsUp === 'function' && (h.pool?.coreConnectionsLength ?? 1) > 0,
  );
  const reasons: Record<string, unknown> = {};
  if (hosts.length === 0) return Promise.resolve({ up: [...client.hosts.values()].some((h) => h.isUp()), reasons });
  const wait = timeoutMs ?? (client as unknown as { options?: { socketOptions?: { connectTimeout?: number } } }).options?.socketOptions?.connectTimeout ?? 5000;
  for (const h of hosts) reasons[h.address] = `${DOWN}; reconnecting`;
  return new Promise<RevivalResult>((resolve) => {
    const cleanups: (() => void)[] = [];
    let failed = 0;
    const finish = (up: boolean) => {
      clearTimeout(timer);
      for (const c of cleanups) c();
      resolve({ up, reasons });
    };
    const timer = setTimeout(() => finish(false), wait);
    for (const h of hosts) {
      const onUp = () => finish(true);
      const onOpen = (err: unknown) => {
        if (!err) return;
        reasons[h.address] = err;
        if (++failed === hosts.length) finish(false);
      };
      h.once('up', onUp);
      h.pool?.once('open', onOpen);
      cleanups.push(() => {
        h.off('up', onUp);
        h.pool?.off('open', onOpen);
      });
    }
    for (const h of hosts) h.checkIsUp!();
  });
}
