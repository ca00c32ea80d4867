// Wraps the engine to remember the consistency level of the last user statement, so tests can check what the
// driver actually sent (e.g. LOCAL_QUORUM by default against Astra) rather than what its options claim.
import type { Engine, ExecContext } from '../engine/api.js';

export interface RecordingEngine extends Engine {
  /** Consistency of the last non-system QUERY / EXECUTE / BATCH, as received on the wire. */
  readonly lastConsistency: number | undefined;
  readonly inner: Engine;
}

const isSystem = (cql: string) => /\bsystem(_\w+)?\./i.test(cql);

export function recordingEngine(inner: Engine): RecordingEngine {
  let last: number | undefined;
  const note = (ctx: ExecContext) => {
    last = ctx.consistency;
  };
  return {
    inner,
    get lastConsistency() {
      return last;
    },
    query(cql, values, ctx) {
      if (!isSystem(cql)) note(ctx);
      return inner.query(cql, values, ctx);
    },
    prepare: (cql, ctx) => inner.prepare(cql, ctx),
    execute(id, values, ctx) {
      note(ctx);
      return inner.execute(id, values, ctx);
    },
    batch(type, statements, ctx) {
      note(ctx);
      return inner.batch(type, statements, ctx);
    },
    onSchemaChange: (listener) => inner.onSchemaChange(listener),
    schemaVersion: () => inner.schemaVersion(),
    clearPrepared: (hostId) => inner.clearPrepared(hostId),
  };
}
