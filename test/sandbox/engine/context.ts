// Per-statement execution environment and the name-resolution helpers every statement kind shares.

import { CqlError, ErrorCode, invalid } from '../errors.js';
import type { CqlType } from '../types/cqltype.js';
import { parseCqlType } from '../types/cqltype-text.js';
import type { ExecContext } from './api.js';
import type { QualifiedName } from './ast.js';
import type { Catalog, KeyspaceDef, TableDef } from './catalog.js';
import type { Evaluator } from './values.js';
import type { ServerVersion } from './version.js';

export interface StmtEnv {
  catalog: Catalog;
  ctx: ExecContext;
  version: ServerVersion;
  ev: Evaluator;
  warnings: string[];
  /** The statement text, for paging-state validation. */
  cql: string;
  nowMs: number;
}

export function keyspaceName(env: { ctx: ExecContext }, q: QualifiedName | { keyspace?: string }): string {
  const ks = q.keyspace ?? env.ctx.keyspace;
  if (!ks) {
    throw invalid('No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename');
  }
  return ks;
}

/** Schema statements word a missing keyspace differently from queries (Cassandra 4.0). */
export function requireKeyspace(catalog: Catalog, name: string, ddl = false): KeyspaceDef {
  const ks = catalog.keyspace(name);
  if (!ks) throw invalid(ddl ? `Keyspace '${name}' doesn't exist` : `Keyspace ${name} does not exist`);
  return ks;
}

/** The table a DML/SELECT statement targets (Cassandra 4.0 wording for unknown tables). */
export function requireTable(env: StmtEnv, q: QualifiedName): TableDef {
  const ks = requireKeyspace(env.catalog, keyspaceName(env, q));
  const t = ks.tables.get(q.name) ?? ks.views.get(q.name)?.table;
  if (!t) throw invalid(`unconfigured table ${q.name}`);
  return t;
}

export function typeResolver(catalog: Catalog, ks: string | null): (text: string) => CqlType {
  return (text) =>
    parseCqlType(text, (udtKs: string | undefined, name: string) => {
      const k = udtKs ?? ks;
      const u = k ? catalog.keyspace(k)?.types.get(name) : undefined;
      if (!u) throw invalid(`Unknown type ${k ? k + '.' : ''}${name}`);
      return { kind: 'udt', keyspace: u.keyspace, name: u.name, fields: u.fields, frozen: false };
    });
}

export const unauthorized = (msg: string) => new CqlError(ErrorCode.UNAUTHORIZED, msg);
