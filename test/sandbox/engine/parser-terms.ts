// Terms (values) from Parser.g: constants, bind markers, collection / UDT / tuple literals, function calls,
// type hints, CAST and Cassandra 4's term arithmetic.

import { formatTypeSyntax } from '../types/cqltype-text.js';
import type { BindMarker, QualifiedName, Term } from './ast.js';
import type { Cursor } from './parser-core.js';
import { isNativeTypeKeyword, parseNativeType, parseTypeSyntax } from './parser-types.js';

const CONSTANT_TYPES = new Set([
  'STRING_LITERAL', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DURATION', 'UUID', 'HEXNUMBER',
  'K_NAN', 'K_NEGATIVE_NAN', 'K_INFINITY', 'K_NEGATIVE_INFINITY',
]);

export const isConstantStart = (c: Cursor, k = 0) => CONSTANT_TYPES.has(c.type(k));

export function parseConstant(c: Cursor): Term {
  const t = c.peek();
  switch (t.type) {
    case 'STRING_LITERAL':
      c.next();
      return { kind: 'string', value: t.text };
    case 'INTEGER':
      c.next();
      return { kind: 'integer', text: t.text };
    case 'FLOAT':
      c.next();
      return { kind: 'float', text: t.text };
    case 'BOOLEAN':
      c.next();
      return { kind: 'boolean', value: t.text.toLowerCase() === 'true' };
    case 'DURATION':
      c.next();
      return { kind: 'duration', text: t.text };
    case 'UUID':
      c.next();
      return { kind: 'uuid', value: t.text.toLowerCase() };
    case 'HEXNUMBER':
      c.next();
      return { kind: 'blob', hex: t.text.slice(2).toLowerCase() };
    case 'K_NAN':
    case 'K_NEGATIVE_NAN':
      c.next();
      return { kind: 'float', text: 'NaN' };
    case 'K_INFINITY':
      c.next();
      return { kind: 'float', text: 'Infinity' };
    case 'K_NEGATIVE_INFINITY':
      c.next();
      return { kind: 'float', text: '-Infinity' };
  }
  throw c.noViable();
}

export function isMarkerStart(c: Cursor, k = 0): boolean {
  return c.type(k) === 'QMARK' || (c.type(k) === "':'" && c.isIdentStart(k + 1));
}

/** `?` or `:name`; numbered in source order across the whole statement. */
export function parseMarker(c: Cursor): BindMarker {
  let name: string | undefined;
  if (!c.accept('QMARK')) {
    c.expect("':'");
    name = c.ident();
  }
  const marker: BindMarker = { kind: 'bind', index: c.bindMarkers.length, ...(name !== undefined ? { name } : {}) };
  c.bindMarkers.push(marker);
  return marker;
}

/** intValue: INTEGER or a bind marker (LIMIT, USING TTL / TIMESTAMP). */
export function parseIntValue(c: Cursor): Term {
  if (c.is('INTEGER')) return parseConstant(c);
  if (c.is('QMARK', "':'")) return parseMarker(c);
  throw c.noViable();
}

/** functionName '(' … : optionally keyspace-qualified. */
export function isFunctionCallStart(c: Cursor, k = 0): boolean {
  if (c.isFunctionNameStart(k) && c.type(k + 1) === "'('") return true;
  return c.isIdentStart(k) && c.type(k + 1) === "'.'" && c.isFunctionNameStart(k + 2) && c.type(k + 3) === "'('";
}

export function parseFunctionName(c: Cursor): QualifiedName {
  if (c.type(1) === "'.'") {
    const keyspace = c.ident('keyspace');
    c.next();
    return { keyspace, name: c.functionNameIdent() };
  }
  return { name: c.functionNameIdent() };
}

export function parseTerm(c: Cursor): Term {
  let left = parseTermMultiplication(c);
  for (;;) {
    const op = c.type();
    if (op !== "'+'" && op !== "'-'") return left;
    // `[1] + c` in UPDATE ends the term before '+' (the prepend form): only continue if a term follows.
    if (!c.lookahead(() => (c.next(), parseTermMultiplication(c)))) return left;
    c.next();
    left = { kind: 'arithmetic', op: op === "'+'" ? '+' : '-', left, right: parseTermMultiplication(c) };
  }
}

function parseTermMultiplication(c: Cursor): Term {
  let left = parseTermGroup(c);
  for (;;) {
    const op = c.type();
    if (op !== "'*'" && op !== "'/'" && op !== "'%'") return left;
    c.next();
    const sym = op === "'*'" ? '*' : op === "'/'" ? '/' : '%';
    left = { kind: 'arithmetic', op: sym, left, right: parseTermGroup(c) };
  }
}

function parseTermGroup(c: Cursor): Term {
  if (c.accept("'-'")) return { kind: 'negate', term: parseSimpleTerm(c) };
  return parseSimpleTerm(c);
}

export function parseSimpleTerm(c: Cursor): Term {
  const t = c.type();
  if (isConstantStart(c)) return parseConstant(c);
  if (t === 'K_NULL') {
    c.next();
    return { kind: 'null' };
  }
  if (isMarkerStart(c)) return parseMarker(c);
  if (t === "'['") return parseListLiteral(c);
  if (t === "'{'") return parseBraceLiteral(c);
  if (t === "'('") {
    if (isTypeHintStart(c)) {
      c.next();
      const type = formatTypeSyntax(parseTypeSyntax(c));
      c.expect("')'");
      return { kind: 'typeHint', type, term: parseSimpleTerm(c) };
    }
    return parseTupleLiteral(c);
  }
  if (t === 'K_CAST' && c.type(1) === "'('") {
    c.next();
    c.next();
    const term = parseSimpleTerm(c);
    c.expect('K_AS');
    const type = parseNativeType(c);
    c.expect("')'");
    return { kind: 'cast', term, type };
  }
  if (isFunctionCallStart(c)) {
    const name = parseFunctionName(c);
    c.expect("'('");
    const args: Term[] = [];
    if (!c.is("')'")) {
      args.push(parseTerm(c));
      while (c.accept("','")) args.push(parseTerm(c));
    }
    c.expect("')'");
    return { kind: 'function', name, args };
  }
  throw c.noViable();
}

/** `(int) ?`, `(list<int>) ?`, `(my_udt) ?` versus a tuple literal `(1, 2)`. */
function isTypeHintStart(c: Cursor): boolean {
  if (isNativeTypeKeyword(c, 1) && c.type(2) === "')'") return true;
  const t = c.type(1);
  if ((t === 'K_MAP' || t === 'K_LIST' || t === 'K_SET' || t === 'K_TUPLE' || t === 'K_FROZEN' || t === 'K_VECTOR')
    && c.type(2) === "'<'") return true;
  if (t === 'STRING_LITERAL' && c.type(2) === "')'") return false;
  if (c.isIdentStart(1) && c.type(2) === "')'") return true;
  return c.isIdentStart(1) && c.type(2) === "'.'" && c.isIdentStart(3) && c.type(4) === "')'";
}

function parseListLiteral(c: Cursor): Term {
  c.expect("'['");
  const elements: Term[] = [];
  if (!c.is("']'")) {
    elements.push(parseTerm(c));
    while (c.accept("','")) elements.push(parseTerm(c));
  }
  c.expect("']'");
  return { kind: 'list', elements };
}

export function parseTupleLiteral(c: Cursor): Term {
  c.expect("'('");
  const elements = [parseTerm(c)];
  while (c.accept("','")) elements.push(parseTerm(c));
  c.expect("')'");
  return { kind: 'tuple', elements };
}

/** `{}` / `{a, b}` / `{k: v}` / `{field: v}` (a UDT literal when the keys are bare identifiers). */
function parseBraceLiteral(c: Cursor): Term {
  c.expect("'{'");
  if (c.accept("'}'")) return { kind: 'map', entries: [] };
  if (c.isIdentStart() && c.type(1) === "':'") {
    const fields: { name: string; value: Term }[] = [];
    do {
      const name = c.ident();
      c.expect("':'");
      fields.push({ name, value: parseTerm(c) });
    } while (c.accept("','"));
    c.expect("'}'");
    return { kind: 'udt', fields };
  }
  const first = parseTerm(c);
  if (c.accept("':'")) {
    const entries: [Term, Term][] = [[first, parseTerm(c)]];
    while (c.accept("','")) {
      const k = parseTerm(c);
      c.expect("':'");
      entries.push([k, parseTerm(c)]);
    }
    c.expect("'}'");
    return { kind: 'map', entries };
  }
  const elements = [first];
  while (c.accept("','")) elements.push(parseTerm(c));
  c.expect("'}'");
  return { kind: 'set', elements };
}
