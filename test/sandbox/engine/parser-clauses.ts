// Clauses shared by several statements: WHERE relations, IF conditions, USING, WITH properties, table names.

import type {
  BindMarker, CompareOp, Condition, IfClause, OptionValue, Options, QualifiedName, Relation, Term, Using,
} from './ast.js';
import { isUnreservedKeyword, type Cursor } from './parser-core.js';
import type { Token } from './lexer.js';
import { isConstantStart, isMarkerStart, parseIntValue, parseMarker, parseTerm, parseTupleLiteral } from './parser-terms.js';

/** columnFamilyName / indexName / userTypeName: `[ks.]name`. */
export function parseQualifiedName(c: Cursor, what: 'table' | 'index' = 'table'): QualifiedName {
  if (c.type(1) === "'.'") {
    const keyspace = c.ident('keyspace');
    c.next();
    return { keyspace, name: c.ident(what) };
  }
  return { name: c.ident(what) };
}

const COMPARE: Record<string, CompareOp> = { "'='": '=', "'<'": '<', "'<='": '<=', "'>'": '>', "'>='": '>=', "'!='": '!=' };

export const isCompareOp = (c: Cursor) => c.type() in COMPARE;

export function parseCompareOp(c: Cursor): CompareOp {
  const op = COMPARE[c.type()];
  if (!op) throw c.noViable();
  c.next();
  return op;
}

export function parseWhere(c: Cursor): Relation[] {
  const out: Relation[] = [];
  parseRelation(c, out);
  while (c.accept('K_AND')) parseRelation(c, out);
  return out;
}

function parseRelation(c: Cursor, out: Relation[]): void {
  if (c.is('K_TOKEN')) {
    c.next();
    const columns = parseTupleOfIdentifiers(c);
    const op = parseCompareOp(c);
    out.push({ kind: 'token', columns, op, value: parseTerm(c) });
    return;
  }
  if (c.is("'('")) {
    // `(a, b) op …` (a tuple of column names) or a parenthesized relation `(a = 1)`.
    const tupleAhead = (c.isIdentStart(1) || c.type(1) === 'EMPTY_QUOTED_NAME') && (c.type(2) === "','" || c.type(2) === "')'");
    if (!tupleAhead) {
      c.next();
      parseRelation(c, out);
      c.expect("')'");
      return;
    }
    const columns = parseTupleOfIdentifiers(c);
    if (c.accept('K_IN')) {
      out.push({ kind: 'multiColumnIn', columns, values: parseMultiColumnInValues(c) });
      return;
    }
    const op = parseCompareOp(c);
    const value = c.is("'('") ? parseTupleLiteral(c) : isMarkerStart(c) ? parseMarker(c) : null;
    if (!value) throw c.noViable();
    out.push({ kind: 'multiColumn', columns, op, value });
    return;
  }
  if (!c.isIdentStart() && !c.is('EMPTY_QUOTED_NAME')) throw c.noViable();
  const column = c.cident();
  const t = c.type();
  if (isCompareOp(c)) {
    const op = parseCompareOp(c);
    out.push({ kind: 'column', column, op, value: parseTerm(c) });
  } else if (t === 'K_LIKE') {
    c.next();
    out.push({ kind: 'column', column, op: 'LIKE', value: parseTerm(c) });
  } else if (t === 'K_IS') {
    c.next();
    c.expect('K_NOT');
    c.expect('K_NULL');
    out.push({ kind: 'isNotNull', column });
  } else if (t === 'K_IN') {
    c.next();
    out.push({ kind: 'in', column, values: parseInValues(c) });
  } else if (t === 'K_CONTAINS') {
    c.next();
    const op = c.accept('K_KEY') ? 'CONTAINS KEY' : 'CONTAINS';
    out.push({ kind: 'column', column, op, value: parseTerm(c) });
  } else if (t === "'['") {
    c.next();
    const key = parseTerm(c);
    c.expect("']'");
    const op = parseCompareOp(c);
    out.push({ kind: 'mapEntry', column, key, op, value: parseTerm(c) });
  } else {
    throw c.noViable();
  }
}

function parseTupleOfIdentifiers(c: Cursor): string[] {
  c.expect("'('");
  const ids = [c.cident()];
  while (c.accept("','")) ids.push(c.cident());
  c.expect("')'");
  return ids;
}

/** singleColumnInValues: `(t1, t2, …)` (possibly empty) or a marker for the whole list. */
export function parseInValues(c: Cursor): Term[] | BindMarker {
  if (isMarkerStart(c)) return parseMarker(c);
  if (!c.is("'('")) throw c.noViable();
  c.next();
  const values: Term[] = [];
  if (!c.is("')'")) {
    values.push(parseTerm(c));
    while (c.accept("','")) values.push(parseTerm(c));
  }
  c.expect("')'");
  return values;
}

function parseMultiColumnInValues(c: Cursor): Term[] | BindMarker {
  if (isMarkerStart(c)) return parseMarker(c);
  c.expect("'('");
  const values: Term[] = [];
  if (!c.is("')'")) {
    do {
      if (c.is("'('")) values.push(parseTupleLiteral(c));
      else if (isMarkerStart(c)) values.push(parseMarker(c));
      else throw c.noViable();
    } while (c.accept("','"));
  }
  c.expect("')'");
  return values;
}

/** `IF EXISTS`, `IF NOT EXISTS` (when allowed) or `IF cond AND cond …`; call after K_IF was consumed. */
export function parseIfClause(c: Cursor, allowNotExists: boolean): IfClause {
  if (c.accept('K_EXISTS')) return { kind: 'exists' };
  if (allowNotExists && c.is('K_NOT')) {
    c.next();
    c.expect('K_EXISTS');
    return { kind: 'notExists' };
  }
  const conditions = [parseCondition(c)];
  while (c.accept('K_AND')) conditions.push(parseCondition(c));
  return { kind: 'conditions', conditions };
}

function parseCondition(c: Cursor): Condition {
  if (!c.isIdentStart() && !c.is('EMPTY_QUOTED_NAME')) throw c.noViable();
  const column = c.cident();
  let element: Term | undefined;
  let field: string | undefined;
  if (c.accept("'['")) {
    element = parseTerm(c);
    c.expect("']'");
  } else if (c.accept("'.'")) {
    field = c.ident();
  }
  const target = { column, ...(element ? { element } : {}), ...(field !== undefined ? { field } : {}) };
  if (c.accept('K_IN')) return { kind: 'in', ...target, values: parseInValues(c) };
  if (!element && field === undefined && c.accept('K_CONTAINS')) {
    const op = c.accept('K_KEY') ? 'CONTAINS KEY' : 'CONTAINS';
    return { kind: 'compare', ...target, op, value: parseTerm(c) };
  }
  const op = parseCompareOp(c);
  return { kind: 'compare', ...target, op, value: parseTerm(c) };
}

/** `USING TTL x AND TIMESTAMP y`; call when the next token is K_USING. */
export function parseUsing(c: Cursor, timestampOnly = false): Using {
  c.expect('K_USING');
  const using: Using = {};
  do {
    if (c.is('K_TIMESTAMP')) {
      c.next();
      using.timestamp = parseIntValue(c);
    } else if (c.is('K_TTL') && !timestampOnly) {
      c.next();
      using.ttl = parseIntValue(c);
    } else if (timestampOnly) {
      throw c.error(`mismatched input '${c.peek().text}' expecting K_TIMESTAMP`);
    } else {
      throw c.noViable();
    }
  } while (!timestampOnly && c.accept('K_AND'));
  return using;
}

/** `name = value AND name = {…} …` (keyspace / table / view / index properties). */
export function parseProperties(c: Cursor, into: Options = [], isOther?: () => boolean): Options {
  do {
    if (isOther?.()) return into;
    parseProperty(c, into);
  } while (c.accept('K_AND'));
  return into;
}

export function parseProperty(c: Cursor, into: Options): void {
  const name = c.ident();
  c.expect("'='");
  const value = c.is("'{'") ? { kind: 'map' as const, entries: parsePropertyMap(c) } : parsePropertyValue(c);
  if (into.some((o) => o.name === name)) throw c.plain(`Multiple definition for property ${name}`);
  into.push({ name, value });
}

function parsePropertyValue(c: Cursor): OptionValue {
  const t = c.peek();
  if (isConstantStart(c)) return { kind: 'constant', text: constantText(c.next()), literal: literalKind(t) };
  if (isUnreservedKeyword(t.type)) return { kind: 'constant', text: c.next().text, literal: 'identifier' };
  throw c.noViable();
}

function literalKind(t: Token): 'string' | 'integer' | 'float' | 'boolean' | 'identifier' {
  switch (t.type) {
    case 'STRING_LITERAL':
      return 'string';
    case 'INTEGER':
      return 'integer';
    case 'FLOAT':
    case 'K_NAN':
    case 'K_NEGATIVE_NAN':
    case 'K_INFINITY':
    case 'K_NEGATIVE_INFINITY':
      return 'float';
    case 'BOOLEAN':
      return 'boolean';
    default:
      return 'identifier';
  }
}

const constantText = (t: Token) => t.text;

/** fullMapLiteral whose keys and values must be constants (Cassandra's convertPropertyMap). */
export function parsePropertyMap(c: Cursor): [string, string][] {
  c.expect("'{'");
  const entries: [string, string][] = [];
  if (!c.is("'}'")) {
    do {
      const k = mapConstant(c, 'name');
      c.expect("':'");
      const v = mapConstant(c, 'value');
      if (entries.some(([key]) => key === k)) throw c.plain(`Multiple definition for property ${k}`);
      entries.push([k, v]);
    } while (c.accept("','"));
  }
  c.expect("'}'");
  return entries;
}

function mapConstant(c: Cursor, what: 'name' | 'value'): string {
  if (isConstantStart(c)) return constantText(c.next());
  const start = c.peek();
  const term = parseTerm(c);
  const note = term.kind === 'bind' ? ' (bind variables are not supported in DDL queries)' : '';
  throw c.plain(`Invalid property ${what}: ${c.textFrom(start) || start.text}${note}`);
}
