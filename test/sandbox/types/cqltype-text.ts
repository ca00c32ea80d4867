// CQL type text ↔ CqlType. parseCqlType accepts what users write in DDL (`map<text, frozen<list<int>>>`,
// `varchar`, `frozen<addr>`, `ks.addr`, `vector<float, 3>`); formatCqlType prints what Cassandra stores in
// system_schema (`frozen<tuple<int, text>>`, inner types of frozen collections frozen too).

import { CqlError, ErrorCode } from '../errors.js';
import { Cursor, maybeQuote } from '../engine/parser-core.js';
import { parseTypeSyntax } from '../engine/parser-types.js';
import type { CqlType, NativeTypeName } from './cqltype.js';

/** A type as written, before UDT names are resolved against a catalog. */
export type TypeSyntax =
  | { kind: 'native'; name: NativeTypeName }
  | { kind: 'list' | 'set'; element: TypeSyntax }
  | { kind: 'map'; key: TypeSyntax; value: TypeSyntax }
  | { kind: 'tuple'; elements: TypeSyntax[] }
  | { kind: 'vector'; element: TypeSyntax; dimension: number }
  | { kind: 'frozen'; inner: TypeSyntax }
  | { kind: 'udt'; keyspace?: string; name: string }
  | { kind: 'custom'; className: string };

export type UdtResolver = (keyspace: string | undefined, name: string) => CqlType | undefined;

/** Normalized text of a type as written (the ast's TypeText). */
export function formatTypeSyntax(t: TypeSyntax): string {
  switch (t.kind) {
    case 'native':
      return t.name;
    case 'list':
    case 'set':
      return `${t.kind}<${formatTypeSyntax(t.element)}>`;
    case 'map':
      return `map<${formatTypeSyntax(t.key)}, ${formatTypeSyntax(t.value)}>`;
    case 'tuple':
      return `tuple<${t.elements.map(formatTypeSyntax).join(', ')}>`;
    case 'vector':
      return `vector<${formatTypeSyntax(t.element)}, ${t.dimension}>`;
    case 'frozen':
      return `frozen<${formatTypeSyntax(t.inner)}>`;
    case 'udt':
      return (t.keyspace !== undefined ? maybeQuote(t.keyspace) + '.' : '') + maybeQuote(t.name);
    case 'custom':
      return `'${t.className.replace(/'/g, "''")}'`;
  }
}

/**
 * Parse CQL type text. UDT names go to `resolveUdt(keyspace-or-undefined, name)`; an unknown UDT (or no
 * resolver) is an INVALID error `Unknown type …`. Enforces Cassandra's freezing rules.
 */
export function parseCqlType(text: string, resolveUdt?: UdtResolver): CqlType {
  const c = new Cursor(text);
  const syntaxTree = parseTypeSyntax(c);
  c.expect('EOF');
  return resolveTypeSyntax(syntaxTree, resolveUdt);
}

const invalid = (msg: string) => new CqlError(ErrorCode.INVALID, msg);

export function resolveTypeSyntax(t: TypeSyntax, resolveUdt?: UdtResolver): CqlType {
  return resolve(t, false, resolveUdt);
}

function resolve(t: TypeSyntax, frozen: boolean, resolveUdt: UdtResolver | undefined): CqlType {
  switch (t.kind) {
    case 'native':
      return { kind: 'native', name: t.name };
    case 'custom':
      return { kind: 'custom', className: t.className };
    case 'frozen': {
      const inner = t.inner;
      if (inner.kind === 'native' || inner.kind === 'custom') {
        throw invalid(`frozen<> is only allowed on collections, tuples, and user-defined types (got ${formatTypeSyntax(inner)})`);
      }
      return resolve(inner, true, resolveUdt);
    }
    case 'list':
    case 'set': {
      const element = resolveElement(t, t.element, frozen, resolveUdt);
      if (t.kind === 'set' && isDuration(element)) throw invalid(`Durations are not allowed inside sets: ${formatTypeSyntax(t)}`);
      return { kind: t.kind, element, frozen };
    }
    case 'map': {
      const key = resolveElement(t, t.key, frozen, resolveUdt);
      if (isDuration(key)) throw invalid(`Durations are not allowed as map keys: ${formatTypeSyntax(t)}`);
      return { kind: 'map', key, value: resolveElement(t, t.value, frozen, resolveUdt), frozen };
    }
    case 'tuple':
      // Tuples are always frozen, and so is everything inside them.
      return { kind: 'tuple', elements: t.elements.map((e) => resolve(e, true, resolveUdt)) };
    case 'vector': {
      if (t.dimension <= 0) throw invalid(`vectors may only have positive dimensions; given ${t.dimension}`);
      return { kind: 'vector', element: resolve(t.element, true, resolveUdt), dimension: t.dimension };
    }
    case 'udt': {
      const found = resolveUdt?.(t.keyspace, t.name);
      if (!found) throw invalid(`Unknown type ${t.keyspace !== undefined ? t.keyspace + '.' : ''}${t.name}`);
      return found.kind === 'udt' ? { ...found, frozen } : found;
    }
  }
}

function resolveElement(
  collection: TypeSyntax,
  element: TypeSyntax,
  frozen: boolean,
  resolveUdt: UdtResolver | undefined,
): CqlType {
  if (!frozen) {
    if (element.kind === 'list' || element.kind === 'set' || element.kind === 'map') {
      throw invalid(`Non-frozen collections are not allowed inside collections: ${formatTypeSyntax(collection)}`);
    }
    if (element.kind === 'udt') {
      throw invalid(`Non-frozen UDTs are not allowed inside collections: ${formatTypeSyntax(collection)}`);
    }
  }
  if (element.kind === 'native' && element.name === 'counter') {
    throw invalid(`Counters are not allowed inside collections: ${formatTypeSyntax(collection)}`);
  }
  return resolve(element, true, resolveUdt);
}

const isDuration = (t: CqlType) => t.kind === 'native' && t.name === 'duration';

/** The exact type text Cassandra stores in system_schema.columns.type (and types.field_types). */
export function formatCqlType(t: CqlType): string {
  switch (t.kind) {
    case 'native':
      return t.name;
    case 'list':
    case 'set':
      return wrapFrozen(t.frozen, `${t.kind}<${formatCqlType(t.element)}>`);
    case 'map':
      return wrapFrozen(t.frozen, `map<${formatCqlType(t.key)}, ${formatCqlType(t.value)}>`);
    case 'tuple':
      return `frozen<tuple<${t.elements.map(formatCqlType).join(', ')}>>`;
    case 'udt':
      return wrapFrozen(t.frozen, maybeQuote(t.name));
    case 'vector':
      return `vector<${formatCqlType(t.element)}, ${t.dimension}>`;
    case 'custom':
      return `'${t.className}'`;
  }
}

const wrapFrozen = (frozen: boolean, s: string) => (frozen ? `frozen<${s}>` : s);
