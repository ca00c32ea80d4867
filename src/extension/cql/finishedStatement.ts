// What is known about a statement once it has run: the query history records these. Only the statement text, never
// values bound to it, and nothing about the connection but the profile id.

/** The parts of a session outcome the history keeps (structural, so this file stays below session.ts). */
type OutcomeFacts =
  | { kind: 'result'; payload: { kind: 'rows' | 'void'; rows: readonly unknown[]; consistency: string } }
  | { kind: 'error'; failure: { errorClass: string } }
  | { kind: 'text' | 'cancelled' };

export type FinishedStatus = 'ok' | 'error' | 'cancelled';

export interface FinishedStatement {
  text: string;
  keyspace?: string;
  consistency?: string;
  durationMs: number;
  /** Rows returned (the first page), for results with rows. */
  rows?: number;
  status: FinishedStatus;
  /** The error class (`syntax`, `invalid`, `unavailable`, …) when it failed. */
  errorClass?: string;
  /** Epoch milliseconds when it started. */
  at: number;
}

/** A statement that ran on a profile (what CqlSessions reports). */
export interface ProfileStatement extends FinishedStatement {
  profileId: string;
}

export function finishedStatement(text: string, outcome: OutcomeFacts, startedAt: number, keyspace: string | undefined, consistency: string | undefined): FinishedStatement {
  const f: FinishedStatement = { text, durationMs: Math.max(0, Date.now() - startedAt), status: 'ok', at: startedAt };
  if (keyspace) f.keyspace = keyspace;
  if (consistency) f.consistency = consistency;
  if (outcome.kind === 'result') {
    if (outcome.payload.kind === 'rows') f.rows = outcome.payload.rows.length;
    f.consistency = outcome.payload.consistency;
  } else if (outcome.kind === 'error') {
    f.status = 'error';
    f.errorClass = outcome.failure.errorClass;
  } else if (outcome.kind === 'cancelled') {
    f.status = 'cancelled';
  }
  return f;
}
