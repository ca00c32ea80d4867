// Running a notebook cell's text on a session the way the notebook controller does, for tests that drive the
// session without the notebook UI.
import type { CqlSession, Outcome } from '../../src/extension/cql/session.js';
import { splitStatements } from '../../src/extension/cql/statements.js';

/** Statement by statement, stopping at the first error or cancellation. */
export async function runCell(session: CqlSession, source: string, signal?: AbortSignal): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const stmt of splitStatements(source)) {
    const o = await session.run(stmt, signal);
    out.push(o);
    if (o.kind === 'error' || o.kind === 'cancelled') break;
  }
  return out;
}
