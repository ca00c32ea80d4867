// The text/plain fallback next to the rich result: an aligned table like cqlsh prints (or vertical records with
// EXPAND ON), for clients without our renderer and for copy/paste.

import type { ResultPayload, TraceInfo } from '../../shared/resultPayload.js';
import { formatValue } from '../../shared/valueEncoding.js';

const MAX_CELL = 200;

const clip = (s: string) => {
  const one = s.replace(/\r?\n/g, '\\n');
  return one.length > MAX_CELL ? `${one.slice(0, MAX_CELL - 1)}…` : one;
};

export function textTable(p: ResultPayload, maxRows = 1000): string {
  const footer: string[] = [];
  if (p.kind === 'void') footer.push(p.message ?? 'Statement applied.');
  for (const w of p.warnings) footer.push(`Warning: ${w}`);
  if (p.trace) footer.push('', traceText(p.trace));
  if (p.kind === 'void') return footer.join('\n');

  const rows = p.rows.slice(0, maxRows).map((r) => r.map((v) => clip(formatValue(v))));
  const names = p.columns.map((c) => c.name);
  let body: string;
  if (p.expand) {
    const w = Math.max(0, ...names.map((n) => n.length));
    body = rows
      .map((r, i) => [`@ Row ${i + 1}`, '-'.repeat(w + 2), ...r.map((v, j) => ` ${names[j]!.padEnd(w)} | ${v}`)].join('\n'))
      .join('\n\n');
  } else {
    const widths = names.map((n, j) => Math.max(n.length, ...rows.map((r) => r[j]!.length)));
    const line = (cells: string[]) => ` ${cells.map((c, j) => c.padEnd(widths[j]!)).join(' | ')}`.trimEnd();
    body = [line(names), `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`, ...rows.map(line)].join('\n');
  }
  const more = p.hasMore ? ' (more rows available)' : p.rows.length > maxRows ? ` (${maxRows} shown)` : '';
  footer.unshift(`(${p.rows.length} rows${more}, ${p.elapsedMs} ms)`);
  return `${body}\n\n${footer.join('\n')}`;
}

/** cqlsh's "Tracing session" block: activity | timestamp-less elapsed | source. */
function traceText(t: TraceInfo): string {
  const head = `Tracing session: ${t.sessionId}${t.coordinator ? ` (coordinator ${t.coordinator})` : ''}`;
  if (t.error) return `${head}\n${t.error}`;
  const rows = t.events.map((e) => [clip(e.activity), String(e.elapsedUs), e.source]);
  const names = ['activity', 'source_elapsed (µs)', 'source'];
  const widths = names.map((n, j) => Math.max(n.length, ...rows.map((r) => r[j]!.length)));
  const line = (cells: string[]) => ` ${cells.map((c, j) => c.padEnd(widths[j]!)).join(' | ')}`.trimEnd();
  const total = t.durationUs !== undefined ? [`\nRequest complete: ${t.durationUs} µs`] : [];
  return [head, '', line(names), `-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`, ...rows.map(line), ...total].join('\n');
}
