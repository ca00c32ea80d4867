// Entry point of the CQL front end: `parseCql(text)` → typed AST (./ast.ts), or CqlError SYNTAX worded like
// Cassandra 4 (`line 1:7 no viable alternative at input 'FROM' (SELECT [FROM]...)`).

import { invalid } from '../errors.js';
import type { ParsedCql, Statement } from './ast.js';
import { Cursor } from './parser-core.js';
import { parseQualifiedName } from './parser-clauses.js';
import {
  parseAlterKeyspace, parseAlterTable, parseAlterType, parseCreateIndex, parseCreateKeyspace,
  parseCreateTable, parseCreateType, parseDropSchemaObject,
} from './parser-ddl.js';
import { parseBatch, parseDelete, parseInsert, parseUpdate } from './parser-dml.js';
import {
  parseAlterView, parseAuth, parseCreateAggregate, parseCreateFunction, parseCreateView, parseDescribe, parseDropRoutine,
  parseDropView,
} from './parser-routines.js';
import { parseSelect } from './parser-select.js';

/** Parse one CQL statement (a trailing `;` is allowed). Throws CqlError(SYNTAX) (or INVALID for a few checks). */
export function parseCql(cql: string, dialect?: { vectorType: boolean }): ParsedCql {
  const c = new Cursor(cql, dialect);
  const statement = parseStatement(c);
  while (c.accept("';'"));
  c.expect('EOF');
  return { statement, bindMarkers: c.bindMarkers };
}

function parseStatement(c: Cursor): Statement {
  switch (c.type()) {
    case 'K_SELECT':
      return parseSelect(c);
    case 'K_INSERT':
      return parseInsert(c);
    case 'K_UPDATE':
      return parseUpdate(c);
    case 'K_DELETE':
      return parseDelete(c);
    case 'K_BEGIN':
      return parseBatch(c);
    case 'K_USE':
      c.next();
      return { kind: 'use', keyspace: c.ident('keyspace') };
    case 'K_TRUNCATE':
      c.next();
      c.accept('K_COLUMNFAMILY');
      return { kind: 'truncate', table: parseQualifiedName(c) };
    case 'K_CREATE':
      return parseCreate(c);
    case 'K_ALTER':
      return parseAlter(c);
    case 'K_DROP':
      return parseDrop(c);
    case 'K_GRANT':
      return parseAuth(c, 'GRANT', 1);
    case 'K_REVOKE':
      return parseAuth(c, 'REVOKE', 1);
    case 'K_LIST': {
      const second = c.type(1);
      if (second === 'K_ROLES') return parseAuth(c, 'LIST ROLES', 2);
      if (second === 'K_USERS') return parseAuth(c, 'LIST USERS', 2);
      return parseAuth(c, 'LIST PERMISSIONS', 1);
    }
    case 'K_DESCRIBE':
    case 'K_DESC':
      return parseDescribe(c);
  }
  throw c.noViable();
}

function parseCreate(c: Cursor): Statement {
  const second = c.type(1);
  if (second === 'K_OR') {
    c.next();
    c.next();
    c.expect('K_REPLACE');
    if (c.is('K_AGGREGATE')) return parseCreateAggregate(c, true);
    if (c.is('K_FUNCTION')) return parseCreateFunction(c, true);
    throw c.noViable();
  }
  switch (second) {
    case 'K_KEYSPACE':
    case 'K_SCHEMA':
      c.next();
      return parseCreateKeyspace(c);
    case 'K_COLUMNFAMILY':
      c.next();
      return parseCreateTable(c);
    case 'K_CUSTOM':
    case 'K_INDEX':
      c.next();
      return parseCreateIndex(c);
    case 'K_TYPE':
      c.next();
      return parseCreateType(c);
    case 'K_FUNCTION':
      c.next();
      return parseCreateFunction(c, false);
    case 'K_AGGREGATE':
      c.next();
      return parseCreateAggregate(c, false);
    case 'K_MATERIALIZED':
      c.next();
      return parseCreateView(c);
    case 'K_ROLE':
      return parseAuth(c, 'CREATE ROLE', 2);
    case 'K_USER':
      return parseAuth(c, 'CREATE USER', 2);
    case 'K_TRIGGER':
      throw invalid('Triggers are not supported by the sandbox');
  }
  throw c.noViable(1);
}

function parseAlter(c: Cursor): Statement {
  const second = c.type(1);
  switch (second) {
    case 'K_KEYSPACE':
    case 'K_SCHEMA':
      c.next();
      return parseAlterKeyspace(c);
    case 'K_COLUMNFAMILY':
      c.next();
      return parseAlterTable(c);
    case 'K_TYPE':
      c.next();
      return parseAlterType(c);
    case 'K_MATERIALIZED':
      c.next();
      return parseAlterView(c);
    case 'K_ROLE':
      return parseAuth(c, 'ALTER ROLE', 2);
    case 'K_USER':
      return parseAuth(c, 'ALTER USER', 2);
  }
  throw c.noViable(1);
}

function parseDrop(c: Cursor): Statement {
  const second = c.type(1);
  if (second === 'K_ROLE') return parseAuth(c, 'DROP ROLE', 2);
  if (second === 'K_USER') return parseAuth(c, 'DROP USER', 2);
  if (second === 'K_TRIGGER') throw invalid('Triggers are not supported by the sandbox');
  if (!['K_FUNCTION', 'K_AGGREGATE', 'K_MATERIALIZED', 'K_KEYSPACE', 'K_SCHEMA', 'K_COLUMNFAMILY', 'K_TYPE', 'K_INDEX']
    .includes(second)) throw c.noViable(1);
  c.next();
  if (c.is('K_FUNCTION', 'K_AGGREGATE')) return parseDropRoutine(c);
  if (c.is('K_MATERIALIZED')) return parseDropView(c);
  const stmt = parseDropSchemaObject(c);
  if (stmt) return stmt;
  throw c.noViable();
}
