// Problems that can be found without a server: unterminated strings / comments / `$$` bodies / quoted identifiers
// (errors: the statement cannot parse), and references to keyspaces, tables and columns the loaded schema does not
// have (warnings only: the schema may be stale, and a run is never blocked by them).

import { allTokens } from '../../cql/statementRegions.js';
import { collectReferences } from './references.js';
import type { SchemaIndex } from '../../schema/schemaIndex.js';
import { identName } from './statementScope.js';

export interface CqlDiagnostic {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
  code: 'unterminated' | 'unknown-keyspace' | 'unknown-table' | 'unknown-column';
}

/** Keyspaces whose tables live outside system_schema (virtual tables): never reported as unknown. */
const VIRTUAL = new Set(['system_views', 'system_virtual_schema']);

export function diagnose(text: string, schema: SchemaIndex | undefined, opts: { keyspace?: string } = {}): CqlDiagnostic[] {
  const out: CqlDiagnostic[] = [];
  for (const t of allTokens(text)) {
    if (!t.unterminated) continue;
    const eol = text.indexOf('\n', t.start);
    const end = eol < 0 ? text.length : eol;
    const what = t.kind === 'comment' ? 'comment (missing */)' : t.kind === 'quoted' ? 'quoted identifier (missing ")' : t.text.startsWith('$$') ? '$$ body (missing $$)' : "string (missing ')";
    out.push({ start: t.start, end: Math.max(end, t.start + 1), message: `Unterminated ${what}`, severity: 'error', code: 'unterminated' });
  }
  if (!schema) return out;

  const warn = (start: number, end: number, code: CqlDiagnostic['code'], message: string) => out.push({ start, end, message, severity: 'warning', code });
  const hasKeyspace = (ks: string) => VIRTUAL.has(ks) || !!schema.keyspace(ks);

  for (const r of collectReferences(text, schema, opts.keyspace)) {
    if (r.use) {
      const ks = identName(r.use);
      if ((r.use.kind === 'word' || r.use.kind === 'quoted') && !hasKeyspace(ks)) warn(r.use.start, r.use.end, 'unknown-keyspace', `Unknown keyspace '${ks}'`);
      continue;
    }
    const t = r.table;
    if (!t) continue;
    if (t.keyspace !== undefined && !hasKeyspace(t.keyspace)) {
      warn(t.keyspaceStart!, t.keyspaceEnd!, 'unknown-keyspace', `Unknown keyspace '${t.keyspace}'`);
      continue;
    }
    const statement = text.slice(r.start, r.end);
    const creates = /^\s*CREATE\s+(TABLE|COLUMNFAMILY|MATERIALIZED\s+VIEW)\b/i.test(statement);
    const ifExists = /^\s*DROP\s+\w+\s+IF\s+EXISTS\b/i.test(statement);
    if (!r.resolved && !creates && !ifExists && !VIRTUAL.has(t.keyspace ?? r.keyspace ?? '')) {
      const ks = t.keyspace ?? r.keyspace;
      if (ks !== undefined && schema.keyspace(ks)) {
        warn(t.start, t.end, 'unknown-table', `Unknown table '${t.name}' in keyspace '${ks}'`);
      } else if (ks === undefined && schema.keyspacesWithTable(t.name).length === 0) {
        warn(t.start, t.end, 'unknown-table', `Unknown table '${t.name}' (no keyspace has it)`);
      }
    }
    if (!r.resolved) continue;
    for (const c of r.columns) {
      const name = identName(c);
      if (!r.resolved.columnsByName.has(name)) {
        warn(c.start, c.end, 'unknown-column', `Unknown column '${name}' in ${r.resolved.keyspace}.${r.resolved.table.name}`);
      }
    }
  }
  return out;
}
