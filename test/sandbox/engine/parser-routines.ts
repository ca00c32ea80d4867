// Functions, aggregates, materialized views, DESCRIBE and the (only recognized) role/permission statements.

import type {
  AuthStatement, CreateAggregate, CreateFunction, CreateMaterializedView, Describe, QualifiedName, Select, Statement,
} from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseProperties, parseQualifiedName, parseWhere } from './parser-clauses.js';
import { ifExists, ifNotExists, parseTableProperties, parseTypeText, parseUserTypeName } from './parser-ddl.js';
import { parseSelectors } from './parser-select.js';
import { parseFunctionName, parseTerm } from './parser-terms.js';

/** After CREATE [OR REPLACE]: FUNCTION … */
export function parseCreateFunction(c: Cursor, orReplace: boolean): CreateFunction {
  c.expect('K_FUNCTION');
  const ine = ifNotExists(c);
  const fn = parseFunctionName(c);
  c.expect("'('");
  const args: CreateFunction['args'] = [];
  if (!c.is("')'")) {
    do args.push({ name: c.ident(), type: parseTypeText(c) });
    while (c.accept("','"));
  }
  c.expect("')'");
  let calledOnNullInput: boolean;
  if (c.accept('K_RETURNS')) {
    c.expect('K_NULL');
    calledOnNullInput = false;
  } else if (c.accept('K_CALLED')) {
    calledOnNullInput = true;
  } else {
    throw c.noViable();
  }
  c.expect('K_ON');
  c.expect('K_NULL');
  c.expect('K_INPUT');
  c.expect('K_RETURNS');
  const returns = parseTypeText(c);
  c.expect('K_LANGUAGE');
  const language = c.expect('IDENT').text.toLowerCase();
  c.expect('K_AS');
  const body = c.expect('STRING_LITERAL').text;
  return { kind: 'createFunction', fn, orReplace, ifNotExists: ine, args, calledOnNullInput, returns, language, body };
}

/** After CREATE [OR REPLACE]: AGGREGATE … */
export function parseCreateAggregate(c: Cursor, orReplace: boolean): CreateAggregate {
  c.expect('K_AGGREGATE');
  const ine = ifNotExists(c);
  const aggregate = parseFunctionName(c);
  const argTypes = parseArgTypes(c);
  c.expect('K_SFUNC');
  const sfunc: QualifiedName = { name: c.functionNameIdent() };
  c.expect('K_STYPE');
  const stype = parseTypeText(c);
  const stmt: CreateAggregate = { kind: 'createAggregate', aggregate, orReplace, ifNotExists: ine, argTypes, sfunc, stype };
  if (c.accept('K_FINALFUNC')) stmt.finalfunc = { name: c.functionNameIdent() };
  if (c.accept('K_INITCOND')) stmt.initcond = parseTerm(c);
  return stmt;
}

function parseArgTypes(c: Cursor): string[] {
  c.expect("'('");
  const types: string[] = [];
  if (!c.is("')'")) {
    do types.push(parseTypeText(c));
    while (c.accept("','"));
  }
  c.expect("')'");
  return types;
}

/** After DROP: FUNCTION / AGGREGATE [IF EXISTS] name [(types)]. */
export function parseDropRoutine(c: Cursor): Statement {
  const isFunction = c.next().type === 'K_FUNCTION';
  const ie = ifExists(c);
  const name = parseFunctionName(c);
  const argTypes = c.is("'('") ? parseArgTypes(c) : undefined;
  const types = argTypes ? { argTypes } : {};
  return isFunction
    ? { kind: 'dropFunction', fn: name, ifExists: ie, ...types }
    : { kind: 'dropAggregate', aggregate: name, ifExists: ie, ...types };
}

/** After CREATE: MATERIALIZED VIEW … AS SELECT … PRIMARY KEY (…) [WITH …]. */
export function parseCreateView(c: Cursor): CreateMaterializedView {
  c.expect('K_MATERIALIZED');
  c.expect('K_VIEW');
  const ine = ifNotExists(c);
  const view = parseQualifiedName(c);
  c.expect('K_AS');
  c.expect('K_SELECT');
  const selectors = parseSelectors(c);
  c.expect('K_FROM');
  const base = parseQualifiedName(c);
  const select: Select = {
    kind: 'select', table: base, json: false, distinct: false, selectors, where: [], groupBy: [], orderBy: [],
    allowFiltering: false,
  };
  if (c.accept('K_WHERE')) select.where = parseWhere(c);
  c.expect('K_PRIMARY');
  c.expect('K_KEY');
  c.expect("'('");
  let partitionKey: string[];
  if (c.accept("'('")) {
    partitionKey = [c.ident()];
    while (c.accept("','")) partitionKey.push(c.ident());
    c.expect("')'");
  } else {
    partitionKey = [c.ident()];
  }
  const clusteringColumns: string[] = [];
  while (c.accept("','")) clusteringColumns.push(c.ident());
  c.expect("')'");
  const stmt: CreateMaterializedView = {
    kind: 'createMaterializedView', view, ifNotExists: ine, select, partitionKey, clusteringColumns,
    clusteringOrder: [], options: [],
  };
  if (c.accept('K_WITH')) parseTableProperties(c, stmt, true);
  return stmt;
}

export function parseAlterView(c: Cursor): Statement {
  c.expect('K_MATERIALIZED');
  c.expect('K_VIEW');
  const ie = ifExists(c);
  const view = parseQualifiedName(c);
  c.expect('K_WITH');
  return { kind: 'alterMaterializedView', view, ifExists: ie, options: parseProperties(c) };
}

export function parseDropView(c: Cursor): Statement {
  c.expect('K_MATERIALIZED');
  c.expect('K_VIEW');
  const ie = ifExists(c);
  return { kind: 'dropMaterializedView', view: parseQualifiedName(c), ifExists: ie };
}

/**
 * Role / user / permission statements: recognized by their leading words, the rest is skipped up to the end of
 * the statement (the sandbox has no authorization model to apply them to).
 */
export function parseAuth(c: Cursor, command: string, words: number): AuthStatement {
  for (let i = 0; i < words; i++) c.next();
  while (!c.is('EOF', "';'")) c.next();
  return { kind: 'auth', command };
}

const DESCRIBE_PLURALS: Record<string, string> = {
  K_CLUSTER: 'CLUSTER', K_KEYSPACES: 'KEYSPACES', K_TABLES: 'TABLES', K_TYPES: 'TYPES', K_FUNCTIONS: 'FUNCTIONS',
  K_AGGREGATES: 'AGGREGATES', K_SCHEMA: 'SCHEMA',
};

/** DESCRIBE / DESC … [WITH INTERNALS]. For KEYSPACE the keyspace arrives in `name.name`. */
export function parseDescribe(c: Cursor): Describe {
  c.next(); // DESCRIBE / DESC
  let what: string;
  let name: QualifiedName | undefined;
  const t = c.type();
  if (DESCRIBE_PLURALS[t]) {
    c.next();
    what = DESCRIBE_PLURALS[t];
  } else if (t === 'K_FULL') {
    c.next();
    c.expect('K_SCHEMA');
    what = 'FULL SCHEMA';
  } else if (t === 'K_ONLY' || t === 'K_KEYSPACE') {
    what = c.accept('K_ONLY') ? 'ONLY KEYSPACE' : 'KEYSPACE';
    c.expect('K_KEYSPACE');
    if (c.isIdentStart()) name = { name: c.ident('keyspace') };
  } else if (t === 'K_COLUMNFAMILY' || t === 'K_INDEX') {
    c.next();
    what = t === 'K_INDEX' ? 'INDEX' : 'TABLE';
    name = parseQualifiedName(c);
  } else if (t === 'K_MATERIALIZED') {
    c.next();
    c.expect('K_VIEW');
    what = 'MATERIALIZED VIEW';
    name = parseQualifiedName(c);
  } else if (t === 'K_TYPE') {
    c.next();
    what = 'TYPE';
    name = parseUserTypeName(c);
  } else if (t === 'K_FUNCTION' || t === 'K_AGGREGATE') {
    c.next();
    what = t === 'K_FUNCTION' ? 'FUNCTION' : 'AGGREGATE';
    name = parseFunctionName(c);
  } else {
    what = 'GENERIC';
    name = parseQualifiedName(c);
  }
  let withInternals = false;
  if (c.accept('K_WITH')) {
    c.expect('K_INTERNALS');
    withInternals = true;
  }
  return { kind: 'describe', what, ...(name ? { name } : {}), withInternals };
}
