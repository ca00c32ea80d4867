// Bind-marker metadata for PREPARE (and for named values): each marker's receiver name and type, inferred from
// the column it binds to, named like Cassandra does (`[limit]`, `[ttl]`, `partition key token`, `key(m)`…), plus
// the indexes of the partition-key markers drivers use for token-aware routing.

import { native, type CqlType } from '../types/cqltype.js';
import type { ColumnSpec } from './api.js';
import type { Condition, Modification, Relation, Selector, Statement, Term } from './ast.js';
import type { Catalog, TableDef } from './catalog.js';
import { requireTable, typeResolver, type StmtEnv } from './context.js';
import { lookupFunction } from './functions.js';
import { column } from './where.js';

export interface BindInfo {
  specs: (ColumnSpec | undefined)[];
  pkIndexes: number[];
}

const elementType = (t: CqlType): CqlType => (t.kind === 'list' || t.kind === 'set' ? t.element : t.kind === 'map' ? t.value : t);

export function inferBinds(env: StmtEnv, stmt: Statement, count: number): BindInfo {
  const specs: (ColumnSpec | undefined)[] = new Array(count).fill(undefined);
  const pkMarkers = new Map<string, number>();
  let table: TableDef | null = null;
  const resolve = (text: string) => typeResolver(env.catalog as Catalog, table?.keyspace ?? env.ctx.keyspace)(text);
  const put = (i: number, name: string, type: CqlType) => {
    if (table) specs[i] = { keyspace: table.keyspace, table: table.name, name, type };
  };
  const term = (t: Term | undefined, name: string, type: CqlType): void => {
    if (!t) return;
    switch (t.kind) {
      case 'bind':
        put(t.index, t.name ?? name, type);
        return;
      case 'list':
      case 'set':
        t.elements.forEach((e) => term(e, name, type.kind === 'vector' ? type.element : elementType(type)));
        return;
      case 'map':
        if (type.kind === 'map') t.entries.forEach(([k, v]) => { term(k, name, type.key); term(v, name, type.value); });
        return;
      case 'tuple':
        t.elements.forEach((e, i) => term(e, name, type.kind === 'tuple' ? type.elements[i] ?? native('blob') : native('blob')));
        return;
      case 'udt':
        t.fields.forEach((f) => term(f.value, name, type.kind === 'udt' ? type.fields.find((x) => x.name === f.name)?.type ?? native('blob') : native('blob')));
        return;
      case 'typeHint':
        term(t.term, name, resolve(t.type));
        return;
      case 'function': {
        const fname = t.name.name.toLowerCase();
        if (fname === 'token' && table) {
          t.args.forEach((a, i) => { const c = table!.partitionKey[i]; if (c) term(a, c.name, c.type); });
          return;
        }
        const argTypes = lookupFunction(fname)?.argTypes(t.args.length) ?? [];
        t.args.forEach((a, i) => term(a, name, argTypes[i] ?? type));
        return;
      }
      case 'arithmetic':
        term(t.left, name, type);
        term(t.right, name, type);
        return;
      case 'negate':
        term(t.term, name, type);
        return;
      default:
        return;
    }
  };
  const relation = (r: Relation) => {
    const t = table!;
    switch (r.kind) {
      case 'column': {
        const c = column(t, r.column);
        const type = r.op === 'CONTAINS' ? elementType(c.type) : r.op === 'CONTAINS KEY' && c.type.kind === 'map' ? c.type.key : c.type;
        if (r.op === '=' && c.kind === 'partition_key' && r.value.kind === 'bind') pkMarkers.set(c.name, r.value.index);
        term(r.value, c.name, type);
        return;
      }
      case 'in': {
        const c = column(t, r.column);
        if (Array.isArray(r.values)) r.values.forEach((v) => term(v, c.name, c.type));
        else term(r.values, `in(${c.name})`, { kind: 'list', element: c.type, frozen: false });
        return;
      }
      case 'mapEntry': {
        const c = column(t, r.column);
        if (c.type.kind === 'map') { term(r.key, `key(${c.name})`, c.type.key); term(r.value, `value(${c.name})`, c.type.value); }
        return;
      }
      case 'token':
        term(r.value, 'partition key token', native('bigint'));
        return;
      case 'multiColumn':
      case 'multiColumnIn': {
        const cols = r.columns.map((n) => column(t, n));
        const tuple: CqlType = { kind: 'tuple', elements: cols.map((c) => c.type) };
        const name = `(${r.columns.join(',')})`;
        const one = (v: Term) => {
          if (v.kind === 'tuple') v.elements.forEach((e, i) => term(e, cols[i]?.name ?? name, cols[i]?.type ?? native('blob')));
          else term(v, name, tuple);
        };
        if (r.kind === 'multiColumn') one(r.value);
        else if (Array.isArray(r.values)) r.values.forEach(one);
        else term(r.values, `in(${name})`, { kind: 'list', element: tuple, frozen: false });
        return;
      }
      default:
        return;
    }
  };
  const condition = (c: Condition) => {
    const col = column(table!, c.column);
    let type = col.type;
    if (c.element) {
      const kt = col.type.kind === 'map' ? col.type.key : native('int');
      term(c.element, col.type.kind === 'map' ? `key(${col.name})` : `idx(${col.name})`, kt);
      type = elementType(col.type);
    } else if (c.field && col.type.kind === 'udt') type = col.type.fields.find((f) => f.name === c.field)?.type ?? type;
    if (c.kind === 'in') {
      if (Array.isArray(c.values)) c.values.forEach((v) => term(v, col.name, type));
      else term(c.values, `in(${col.name})`, { kind: 'list', element: type, frozen: false });
    } else {
      const vt = c.op === 'CONTAINS' ? elementType(col.type) : c.op === 'CONTAINS KEY' && col.type.kind === 'map' ? col.type.key : type;
      term(c.value, col.name, vt);
    }
  };
  const using = (u: { ttl?: Term; timestamp?: Term }) => {
    term(u.ttl, '[ttl]', native('int'));
    term(u.timestamp, '[timestamp]', native('bigint'));
  };
  const modification = (s: Modification) => {
    table = requireTable(env, s.table);
    const t = table;
    using(s.using);
    if (s.kind === 'insert') {
      if (s.json) term(s.json.value, '[json]', native('text'));
      s.columns.forEach((n, i) => {
        const c = column(t, n);
        if (c.kind === 'partition_key' && s.values[i].kind === 'bind') pkMarkers.set(c.name, (s.values[i] as { index: number }).index);
        term(s.values[i], c.name, c.type);
      });
      return;
    }
    if (s.kind === 'update') {
      for (const a of s.assignments) {
        const c = column(t, a.column);
        const ct = c.type;
        if (a.kind === 'setElement') {
          if (ct.kind === 'map') { term(a.key, `key(${c.name})`, ct.key); term(a.value, `value(${c.name})`, ct.value); }
          else { term(a.key, `idx(${c.name})`, native('int')); term(a.value, `value(${c.name})`, elementType(ct)); }
        } else if (a.kind === 'setField') {
          term(a.value, `${c.name}.${a.field}`, ct.kind === 'udt' ? ct.fields.find((f) => f.name === a.field)?.type ?? native('blob') : native('blob'));
        } else if (ct.kind === 'native' && ct.name === 'counter') term(a.value, c.name, native('bigint'));
        else if (a.kind === 'subtract' && ct.kind === 'map') term(a.value, c.name, { kind: 'set', element: ct.key, frozen: false });
        else term(a.value, c.name, ct);
      }
    } else {
      for (const d of s.targets) {
        const c = column(t, d.column);
        if (d.element) term(d.element, c.type.kind === 'map' ? `key(${c.name})` : `idx(${c.name})`, c.type.kind === 'map' ? c.type.key : c.type.kind === 'set' ? c.type.element : native('int'));
      }
    }
    s.where.forEach(relation);
    if (s.if?.kind === 'conditions') s.if.conditions.forEach(condition);
  };
  const selector = (sel: Selector) => {
    switch (sel.kind) {
      case 'function': {
        const fname = sel.name.name.toLowerCase();
        const declared = lookupFunction(fname)?.argTypes(sel.args.length) ?? [];
        const col = sel.args.find((a) => a.kind === 'column') as { name: string } | undefined;
        sel.args.forEach((a, i) => {
          if (a.kind !== 'term') return selector(a);
          const type = declared[i] ?? (fname.startsWith('similarity_') && col ? column(table!, col.name).type : native('blob'));
          term(a.term, col?.name ?? 'selector', type);
        });
        return;
      }
      case 'cast': case 'field': selector(sel.arg); return;
      case 'element': {
        selector(sel.arg);
        if (sel.arg.kind === 'column') {
          const c = column(table!, sel.arg.name);
          term(sel.key, `key(${c.name})`, c.type.kind === 'map' ? c.type.key : elementType(c.type));
        }
        return;
      }
      case 'slice': selector(sel.arg); return;
      case 'term': term(sel.term, 'selector', native('blob')); return;
      default: return;
    }
  };
  let pkTable: TableDef | null = null;
  switch (stmt.kind) {
    case 'insert': case 'update': case 'delete':
      modification(stmt);
      pkTable = table;
      break;
    case 'batch':
      term(stmt.using.timestamp, '[timestamp]', native('bigint'));
      stmt.statements.forEach(modification);
      break;
    case 'select': {
      table = requireTable(env, stmt.table);
      pkTable = table;
      if (stmt.selectors !== '*') stmt.selectors.forEach((s) => selector(s.selector));
      stmt.where.forEach(relation);
      if (stmt.ann) {
        const c = column(table, stmt.ann.column);
        term(stmt.ann.value, c.name, c.type);
      }
      term(stmt.perPartitionLimit, '[per_partition_limit]', native('int'));
      term(stmt.limit, '[limit]', native('int'));
      break;
    }
    default:
      break;
  }
  let pkIndexes: number[] = [];
  if (pkTable) {
    const idx = (pkTable as TableDef).partitionKey.map((c) => pkMarkers.get(c.name));
    if (idx.every((i) => i !== undefined)) pkIndexes = idx as number[];
  }
  return { specs, pkIndexes };
}
