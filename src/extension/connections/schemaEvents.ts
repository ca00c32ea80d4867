// The Node driver handles SCHEMA_CHANGE events on its control connection but exposes no public event for them.
// We listen on that connection (feature-detected: if the internals differ, we simply get no events and
// notifySchemaChanged() remains the only source) and coalesce bursts, since one DDL script emits many events.

import type { Client } from 'cassandra-driver';

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

const isEmitter = (v: unknown): v is Emitter =>
  !!v && typeof (v as Emitter).on === 'function' && typeof (v as Emitter).removeListener === 'function';

/** Calls `onChange` (at most once per `debounceMs`) when the server announces a schema change. Returns a stop function. */
export function watchSchemaChanges(client: Client, onChange: () => void, debounceMs = 300): () => void {
  const control = (client as unknown as { controlConnection?: unknown }).controlConnection;
  if (!isEmitter(control)) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  let current: Emitter | undefined;
  const attach = (conn: unknown) => {
    current?.removeListener('nodeSchemaChange', fire);
    current = isEmitter(conn) ? conn : undefined;
    current?.on('nodeSchemaChange', fire);
  };
  // The control connection moves to another node after a failure; follow it.
  const onNewConnection = (err: unknown, conn: unknown) => {
    if (!err) attach(conn);
  };
  attach((control as { connection?: unknown }).connection);
  control.on('newConnection', onNewConnection);
  return () => {
    control.removeListener('newConnection', onNewConnection);
    current?.removeListener('nodeSchemaChange', fire);
    if (timer) clearTimeout(timer);
  };
}
