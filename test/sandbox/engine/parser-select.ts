// SELECT and its selectors (Parser.g selectStatement / selectClause / unaliasedSelector).

import type { OrderBy, Select, SelectItem, Selector, Term } from './ast.js';
import { invalid } from '../errors.js';
import type { Cursor } from './parser-core.js';
import { parseQualifiedName, parseWhere } from './parser-clauses.js';
import { isNativeTypeKeyword, parseNativeType, parseTypeSyntax } from './parser-types.js';
import { formatTypeSyntax } from '../types/cqltype-text.js';
import {
  isConstantStart, isFunctionCallStart, isMarkerStart, parseConstant, parseFunctionName, parseIntValue, parseMarker,
  parseTerm,
} from './parser-terms.js';

export function parseSelect(c: Cursor): Select {
  c.expect('K_SELECT');
  // `json` and `distinct` are also valid column names: they are keywords only when a select clause follows.
  let json = false;
  if (c.is('K_JSON') && c.lookahead(() => (c.next(), parseSelectClause(c)))) {
    c.next();
    json = true;
  }
  const { distinct, selectors } = parseSelectClause(c);
  c.expect('K_FROM');
  const table = parseQualifiedName(c);
  const select: Select = {
    kind: 'select', table, json, distinct, selectors, where: [], groupBy: [], orderBy: [], allowFiltering: false,
  };
  if (c.accept('K_WHERE')) select.where = parseWhere(c);
  if (c.accept('K_GROUP')) {
    c.expect('K_BY');
    do select.groupBy.push(c.cident());
    while (c.accept("','"));
  }
  if (c.accept('K_ORDER')) {
    c.expect('K_BY');
    do parseOrdering(c, select);
    while (c.accept("','"));
  }
  if (c.is('K_PER')) {
    c.next();
    c.expect('K_PARTITION');
    c.expect('K_LIMIT');
    select.perPartitionLimit = parseIntValue(c);
  }
  if (c.accept('K_LIMIT')) select.limit = parseIntValue(c);
  if (c.accept('K_ALLOW')) {
    c.expect('K_FILTERING');
    select.allowFiltering = true;
  }
  return select;
}

function parseOrdering(c: Cursor, select: Select): void {
  const column = c.cident();
  if (c.accept('K_ANN')) {
    c.expect('K_OF');
    select.ann = { column, value: parseTerm(c) };
    c.accept('K_ASC');
    return;
  }
  let order: OrderBy['order'] = 'ASC';
  if (c.accept('K_DESC')) order = 'DESC';
  else c.accept('K_ASC');
  select.orderBy.push({ column, order });
}

export function parseSelectClause(c: Cursor): { distinct: boolean; selectors: SelectItem[] | '*' } {
  let distinct = false;
  if (c.is('K_DISTINCT') && c.lookahead(() => (c.next(), parseSelectors(c)))) {
    c.next();
    distinct = true;
  }
  return { distinct, selectors: parseSelectors(c) };
}

export function parseSelectors(c: Cursor): SelectItem[] | '*' {
  if (c.accept("'*'")) return '*';
  const items = [parseSelectItem(c)];
  while (c.accept("','")) items.push(parseSelectItem(c));
  return items;
}

function parseSelectItem(c: Cursor): SelectItem {
  const start = c.peek();
  const selector = parseSelector(c);
  const text = c.textFrom(start);
  if (c.accept('K_AS')) return { selector, alias: c.ident(), text };
  return { selector, text };
}

/** unaliasedSelector with Cassandra 4's arithmetic (folded into terms when both sides are terms). */
export function parseSelector(c: Cursor): Selector {
  let left = parseSelectionProduct(c);
  while (c.is("'+'", "'-'")) {
    const op = c.next().text as '+' | '-';
    left = arithmetic(op, left, parseSelectionProduct(c));
  }
  return left;
}

function parseSelectionProduct(c: Cursor): Selector {
  let left = parseSelectionGroup(c);
  while (c.is("'*'", "'/'", "'%'")) {
    const op = c.next().text as '*' | '/' | '%';
    left = arithmetic(op, left, parseSelectionGroup(c));
  }
  return left;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', l: Selector, r: Selector): Selector {
  if (l.kind === 'term' && r.kind === 'term') return { kind: 'term', term: { kind: 'arithmetic', op, left: l.term, right: r.term } };
  throw invalid('Arithmetic operations on columns in the select clause are not supported by the sandbox');
}

function parseSelectionGroup(c: Cursor): Selector {
  if (c.accept("'-'")) {
    const inner = parseSelectionGroup(c);
    if (inner.kind === 'term') return { kind: 'term', term: { kind: 'negate', term: inner.term } };
    throw invalid('Negation of columns in the select clause is not supported by the sandbox');
  }
  let s = parseSelectionWithoutField(c);
  // selectorModifier: .field, [key], [from..to]
  for (;;) {
    if (c.accept("'.'")) {
      s = { kind: 'field', arg: s, field: c.ident() };
    } else if (c.accept("'['")) {
      if (c.accept('RANGE')) {
        s = { kind: 'slice', arg: s, to: parseTerm(c) };
      } else {
        const key = parseTerm(c);
        if (c.accept('RANGE')) {
          s = c.is("']'") ? { kind: 'slice', arg: s, from: key } : { kind: 'slice', arg: s, from: key, to: parseTerm(c) };
        } else {
          s = { kind: 'element', arg: s, key };
        }
      }
      c.expect("']'");
    } else {
      return s;
    }
  }
}

function parseSelectionWithoutField(c: Cursor): Selector {
  const t = c.type();
  if (t === 'K_COUNT' && c.type(1) === "'('" && c.type(2) === "'*'") {
    c.next();
    c.next();
    c.next();
    c.expect("')'");
    return { kind: 'countStar' };
  }
  if ((t === 'K_WRITETIME' || t === 'K_MAXWRITETIME' || t === 'K_TTL') && c.type(1) === "'('") {
    const name = c.next().text.toLowerCase();
    c.next();
    let arg: Selector = { kind: 'column', name: c.cident() };
    while (c.is("'.'", "'['")) {
      if (c.accept("'.'")) arg = { kind: 'field', arg, field: c.ident() };
      else {
        c.next();
        arg = { kind: 'element', arg, key: parseTerm(c) };
        c.expect("']'");
      }
    }
    c.expect("')'");
    return { kind: 'function', name: { name }, args: [arg] };
  }
  if (t === 'K_CAST' && c.type(1) === "'('") {
    c.next();
    c.next();
    const arg = parseSelector(c);
    c.expect('K_AS');
    const type = parseNativeType(c);
    c.expect("')'");
    return { kind: 'cast', arg, type };
  }
  if (isFunctionCallStart(c)) {
    const name = parseFunctionName(c);
    c.expect("'('");
    const args: Selector[] = [];
    if (!c.is("')'")) {
      args.push(parseSelector(c));
      while (c.accept("','")) args.push(parseSelector(c));
    }
    c.expect("')'");
    return { kind: 'function', name, args };
  }
  if (c.isIdentStart() || t === 'EMPTY_QUOTED_NAME') return { kind: 'column', name: c.cident() };
  if (isConstantStart(c)) return { kind: 'term', term: parseConstant(c) };
  if (t === 'K_NULL') {
    c.next();
    return { kind: 'term', term: { kind: 'null' } };
  }
  if (isMarkerStart(c)) return { kind: 'term', term: parseMarker(c) };
  if (t === "'('") {
    if (isSelectionTypeHint(c)) {
      c.next();
      const type = formatTypeSyntax(parseTypeSyntax(c));
      c.expect("')'");
      const inner = parseSelectionWithoutField(c);
      if (inner.kind !== 'term') throw invalid('Type hints on columns are not supported by the sandbox');
      return { kind: 'term', term: { kind: 'typeHint', type, term: inner.term } };
    }
    c.next();
    const items = [parseSelector(c)];
    while (c.accept("','")) items.push(parseSelector(c));
    c.expect("')'");
    if (items.length === 1) return items[0];
    return termsOrUnsupported(items, (elements) => ({ kind: 'tuple', elements }));
  }
  if (t === "'['") {
    c.next();
    const items: Selector[] = [];
    if (!c.is("']'")) {
      items.push(parseSelector(c));
      while (c.accept("','")) items.push(parseSelector(c));
    }
    c.expect("']'");
    return termsOrUnsupported(items, (elements) => ({ kind: 'list', elements }));
  }
  if (t === "'{'") return parseSelectionBraces(c);
  throw c.noViable();
}

function isSelectionTypeHint(c: Cursor): boolean {
  if (isNativeTypeKeyword(c, 1) && c.type(2) === "')'") return true;
  const t = c.type(1);
  return (t === 'K_MAP' || t === 'K_LIST' || t === 'K_SET' || t === 'K_TUPLE' || t === 'K_FROZEN' || t === 'K_VECTOR')
    && c.type(2) === "'<'";
}

function parseSelectionBraces(c: Cursor): Selector {
  c.expect("'{'");
  if (c.accept("'}'")) return { kind: 'term', term: { kind: 'map', entries: [] } };
  if (c.isIdentStart() && c.type(1) === "':'") {
    const fields: { name: string; value: Term }[] = [];
    do {
      const name = c.ident();
      c.expect("':'");
      const v = parseSelector(c);
      if (v.kind !== 'term') throw invalid('Columns inside UDT literals in the select clause are not supported by the sandbox');
      fields.push({ name, value: v.term });
    } while (c.accept("','"));
    c.expect("'}'");
    return { kind: 'term', term: { kind: 'udt', fields } };
  }
  const first = parseSelector(c);
  if (c.accept("':'")) {
    const flat = [first, parseSelector(c)];
    while (c.accept("','")) {
      flat.push(parseSelector(c));
      c.expect("':'");
      flat.push(parseSelector(c));
    }
    c.expect("'}'");
    return termsOrUnsupported(flat, (ts) => ({
      kind: 'map',
      entries: ts.filter((_, i) => i % 2 === 0).map((k, i) => [k, ts[i * 2 + 1]] as [Term, Term]),
    }));
  }
  const items = [first];
  while (c.accept("','")) items.push(parseSelector(c));
  c.expect("'}'");
  return termsOrUnsupported(items, (elements) => ({ kind: 'set', elements }));
}

function termsOrUnsupported(items: Selector[], build: (terms: Term[]) => Term): Selector {
  const terms: Term[] = [];
  for (const s of items) {
    if (s.kind !== 'term') throw invalid('Collection literals built from columns are not supported by the sandbox');
    terms.push(s.term);
  }
  return { kind: 'term', term: build(terms) };
}
