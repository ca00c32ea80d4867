// Which statements "Run Statement" runs: the selection's statements, else the one under the cursor (or, with the
// cursor between statements, the one just before it on the same line, then the next one).

import { splitStatements, type Statement } from '../../cql/statements.js';

export function statementsToRun(text: string, selectionStart: number, selectionEnd: number): Statement[] {
  if (selectionEnd > selectionStart && text.slice(selectionStart, selectionEnd).trim()) return splitStatements(text, selectionStart, selectionEnd);
  const all = splitStatements(text);
  const cursor = selectionStart;
  const endOf = (s: Statement) => (s.terminated ? text.indexOf(';', s.end) + 1 : s.end);
  const containing = all.find((s) => s.start <= cursor && cursor <= endOf(s));
  if (containing) return [containing];
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const previous = [...all].reverse().find((s) => endOf(s) <= cursor && endOf(s) >= lineStart);
  if (previous) return [previous];
  const next = all.find((s) => s.start >= cursor);
  return next ? [next] : [];
}
