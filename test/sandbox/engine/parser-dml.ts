// INSERT / UPDATE / DELETE / BEGIN BATCH (Parser.g insertStatement … batchStatement).

import type { Assignment, Batch, Delete, DeleteTarget, Insert, Modification, Term, Update } from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseIfClause, parseQualifiedName, parseUsing, parseWhere } from './parser-clauses.js';
import { parseMarker, parseTerm } from './parser-terms.js';

export function parseInsert(c: Cursor): Insert {
  c.expect('K_INSERT');
  c.expect('K_INTO');
  const table = parseQualifiedName(c);
  const insert: Insert = { kind: 'insert', table, columns: [], values: [], ifNotExists: false, using: {} };
  if (c.accept('K_JSON')) {
    let value: Term;
    if (c.is('STRING_LITERAL')) value = { kind: 'string', value: c.next().text };
    else if (c.is('QMARK', "':'")) value = parseMarker(c);
    else throw c.noViable();
    let defaultUnset = false;
    if (c.accept('K_DEFAULT')) {
      if (c.accept('K_UNSET')) defaultUnset = true;
      else if (!c.accept('K_NULL')) throw c.noViable();
    }
    insert.json = { value, defaultUnset };
  } else {
    c.expect("'('");
    insert.columns.push(c.cident());
    while (c.accept("','")) insert.columns.push(c.cident());
    c.expect("')'");
    c.expect('K_VALUES');
    c.expect("'('");
    insert.values.push(parseTerm(c));
    while (c.accept("','")) insert.values.push(parseTerm(c));
    c.expect("')'");
  }
  if (c.accept('K_IF')) {
    c.expect('K_NOT');
    c.expect('K_EXISTS');
    insert.ifNotExists = true;
  }
  if (c.is('K_USING')) insert.using = parseUsing(c);
  return insert;
}

export function parseUpdate(c: Cursor): Update {
  c.expect('K_UPDATE');
  const table = parseQualifiedName(c);
  const using = c.is('K_USING') ? parseUsing(c) : {};
  c.expect('K_SET');
  const assignments = [parseAssignment(c)];
  while (c.accept("','")) assignments.push(parseAssignment(c));
  c.expect('K_WHERE');
  const where = parseWhere(c);
  const update: Update = { kind: 'update', table, using, assignments, where };
  if (c.accept('K_IF')) update.if = parseIfClause(c, false);
  return update;
}

/** columnOperation: `c = v`, `c = c + v`, `c = v + c`, `c = c - v`, `c += v`, `m[k] = v`, `u.f = v`. */
function parseAssignment(c: Cursor): Assignment {
  const column = c.cident();
  if (c.accept("'+='")) return { kind: 'add', column, value: parseTerm(c) };
  if (c.accept("'-='")) return { kind: 'subtract', column, value: parseTerm(c) };
  if (c.accept("'['")) {
    const key = parseTerm(c);
    c.expect("']'");
    c.expect("'='");
    return { kind: 'setElement', column, key, value: parseTerm(c) };
  }
  if (c.accept("'.'")) {
    const field = c.ident();
    c.expect("'='");
    return { kind: 'setField', column, field, value: parseTerm(c) };
  }
  if (!c.is("'='")) throw c.noViable();
  c.next();
  // `c = c + v` / `c = c - v` / `c = c -3` (the lexer folds '-3' into one INTEGER token).
  const selfRef = (c.isIdentStart() || c.is('EMPTY_QUOTED_NAME')) && !c.is("'('") && c.type(1) !== "'('" && c.type(1) !== "'.'";
  if (selfRef) {
    const other = c.cident();
    const sig = c.type();
    if (sig === "'+'" || sig === "'-'") {
      c.next();
      if (other !== column) throw c.plain(`Only expressions of the form X = X ${sig[1]}<value> are supported.`);
      return { kind: sig === "'+'" ? 'add' : 'subtract', column, value: parseTerm(c) };
    }
    if (sig === 'INTEGER') {
      const tok = c.next();
      const negative = tok.text.startsWith('-');
      if (other !== column) throw c.plain(`Only expressions of the form X = X ${negative ? '-' : '+'} <value> are supported.`);
      return negative
        ? { kind: 'subtract', column, value: { kind: 'integer', text: tok.text.slice(1) } }
        : { kind: 'add', column, value: { kind: 'integer', text: tok.text } };
    }
    throw c.noViable();
  }
  const value = parseTerm(c);
  if (c.accept("'+'")) {
    const other = c.cident();
    if (other !== column) throw c.plain('Only expressions of the form X = <value> + X are supported.');
    return { kind: 'prepend', column, value };
  }
  return { kind: 'set', column, value };
}

export function parseDelete(c: Cursor): Delete {
  c.expect('K_DELETE');
  const targets: DeleteTarget[] = [];
  if (!c.is('K_FROM')) {
    targets.push(parseDeleteTarget(c));
    while (c.accept("','")) targets.push(parseDeleteTarget(c));
  }
  c.expect('K_FROM');
  const table = parseQualifiedName(c);
  const using = c.is('K_USING') ? parseUsing(c, true) : {};
  c.expect('K_WHERE');
  const where = parseWhere(c);
  const del: Delete = { kind: 'delete', table, targets, using, where };
  if (c.accept('K_IF')) del.if = parseIfClause(c, false);
  return del;
}

function parseDeleteTarget(c: Cursor): DeleteTarget {
  const column = c.cident();
  if (c.accept("'['")) {
    const element = parseTerm(c);
    c.expect("']'");
    return { column, element };
  }
  if (c.accept("'.'")) return { column, field: c.ident() };
  return { column };
}

export function parseBatch(c: Cursor): Batch {
  c.expect('K_BEGIN');
  let type: Batch['type'] = 'LOGGED';
  if (c.accept('K_UNLOGGED')) type = 'UNLOGGED';
  else if (c.accept('K_COUNTER')) type = 'COUNTER';
  c.expect('K_BATCH');
  const using = c.is('K_USING') ? parseUsing(c) : {};
  const statements: Modification[] = [];
  while (!c.is('K_APPLY')) {
    if (c.is('K_INSERT')) statements.push(parseInsert(c));
    else if (c.is('K_UPDATE')) statements.push(parseUpdate(c));
    else if (c.is('K_DELETE')) statements.push(parseDelete(c));
    else throw c.noViable();
    c.accept("';'");
  }
  c.expect('K_APPLY');
  c.expect('K_BATCH');
  return { kind: 'batch', type, using, statements };
}
