// Hover text for schema references: a table shows its columns and primary key, a column its type and kind.

import { quoteIdentifier } from '../../../shared/identifier.js';
import { collectReferences, referencesAt } from './references.js';
import type { IndexedTable, SchemaColumn, SchemaIndex } from '../../schema/schemaIndex.js';
import { identName } from './statementScope.js';

export interface CqlHover {
  start: number;
  end: number;
  /** Markdown. */
  markdown: string;
}

const KIND: Record<SchemaColumn['kind'], string> = {
  partition_key: 'partition key',
  clustering: 'clustering column',
  static: 'static column',
  regular: 'regular column',
};

export function hoverAt(text: string, offset: number, schema: SchemaIndex | undefined, opts: { keyspace?: string } = {}): CqlHover | undefined {
  if (!schema) return undefined;
  const refs = referencesAt(collectReferences(text, schema, opts.keyspace), offset);
  if (!refs) return undefined;
  if (refs.use && refs.use.start <= offset && offset <= refs.use.end) {
    const ks = schema.keyspace(identName(refs.use));
    return ks ? { start: refs.use.start, end: refs.use.end, markdown: `**keyspace** \`${ks.name}\` — ${ks.tables.size} tables` } : undefined;
  }
  const t = refs.table;
  if (t && t.keyspaceStart !== undefined && t.keyspaceStart <= offset && offset <= t.keyspaceEnd!) {
    const ks = schema.keyspace(t.keyspace!);
    return ks ? { start: t.keyspaceStart, end: t.keyspaceEnd!, markdown: `**keyspace** \`${ks.name}\` — ${ks.tables.size} tables` } : undefined;
  }
  if (!refs.resolved) return undefined;
  if (t && t.start <= offset && offset <= t.end) return { start: t.start, end: t.end, markdown: tableMarkdown(refs.resolved) };
  const col = refs.columns.find((c) => c.start <= offset && offset <= c.end);
  const info = col && refs.resolved.columnsByName.get(identName(col));
  if (!col || !info) return undefined;
  return { start: col.start, end: col.end, markdown: columnMarkdown(info, refs.resolved) };
}

export function primaryKeyText(t: IndexedTable): string {
  const pk = t.columns.filter((c) => c.kind === 'partition_key').map((c) => quoteIdentifier(c.name));
  const ck = t.columns.filter((c) => c.kind === 'clustering').map((c) => quoteIdentifier(c.name));
  const part = pk.length === 1 ? pk[0]! : `(${pk.join(', ')})`;
  return `PRIMARY KEY (${[part, ...ck].join(', ')})`;
}

export function tableMarkdown(t: IndexedTable): string {
  const lines = [`**${t.table.view ? 'materialized view' : 'table'}** \`${t.keyspace}.${t.table.name}\``, '', '```cql', primaryKeyText(t), '```', '', '| column | type | kind |', '|---|---|---|'];
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
  for (const c of t.columns) lines.push(`| ${esc(c.name)} | ${esc(c.type)} | ${KIND[c.kind]}${c.clusteringOrder && c.kind === 'clustering' ? ` (${c.clusteringOrder.toUpperCase()})` : ''} |`);
  return lines.join('\n');
}

function columnMarkdown(c: SchemaColumn, t: IndexedTable): string {
  return `**column** \`${c.name}\` \`${c.type}\` — ${KIND[c.kind]} of \`${t.keyspace}.${t.table.name}\``;
}
