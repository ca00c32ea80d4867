// Statement dispatch: routes a parsed statement to its executor.

import { invalid } from '../errors.js';
import { native } from '../types/cqltype.js';
import type { Result } from './api.js';
import type { Statement } from './ast.js';
import type { StmtEnv } from './context.js';
import { alterKeyspace, createKeyspace, dropKeyspace, useKeyspace } from './ddl-keyspace.js';
import { alterTable, createIndex, createTable, dropIndex, dropTable, truncate } from './ddl-table.js';
import {
  alterType, alterView, createAggregate, createFunction, createType, createView, dropAggregate, dropFunction, dropType, dropView,
} from './ddl-other.js';
import { casResult } from './lwt.js';
import { planModification, type Planned } from './modify.js';
import { executeSelect } from './select.js';
import { describe } from './describe.js';

export function dispatch(env: StmtEnv, s: Statement, runBatch: (env: StmtEnv, planned: Planned[]) => Result): Result {
  switch (s.kind) {
    case 'use': return useKeyspace(env.catalog, s);
    case 'createKeyspace': return createKeyspace(env, s);
    case 'alterKeyspace': return alterKeyspace(env, s);
    case 'dropKeyspace': return dropKeyspace(env, s);
    case 'createTable': return createTable(env, s);
    case 'alterTable': return alterTable(env, s);
    case 'dropTable': return dropTable(env, s);
    case 'truncate': return truncate(env, s);
    case 'createType': return createType(env, s);
    case 'alterType': return alterType(env, s);
    case 'dropType': return dropType(env, s);
    case 'createIndex': return createIndex(env, s);
    case 'dropIndex': return dropIndex(env, s);
    case 'createFunction': return createFunction(env, s);
    case 'dropFunction': return dropFunction(env, s);
    case 'createAggregate': return createAggregate(env, s);
    case 'dropAggregate': return dropAggregate(env, s);
    case 'createMaterializedView': return createView(env, s);
    case 'alterMaterializedView': return alterView(env, s);
    case 'dropMaterializedView': return dropView(env, s);
    case 'select': return executeSelect(env, s);
    case 'insert':
    case 'update':
    case 'delete': {
      const planned = planModification(env, s);
      if (planned.cas) {
        const check = planned.cas();
        if (check.applied) planned.apply();
        return casResult(planned.t, check, env.nowMs);
      }
      planned.apply();
      return { kind: 'void' };
    }
    case 'batch': {
      const ts = s.using.timestamp ? (env.ev.value(s.using.timestamp, native('bigint'), '[timestamp]') as bigint | null) ?? undefined : undefined;
      return runBatch(env, s.statements.map((m) => planModification(env, m, ts)));
    }
    case 'auth':
      if (s.command.startsWith('LIST')) {
        return { kind: 'rows', columns: [{ keyspace: 'system_auth', table: 'roles', name: 'role', type: native('text') }], rows: [[env.ctx.user ?? 'cassandra']] };
      }
      if (env.ctx.astra) throw invalid(`${s.command} is not supported on Astra DB; manage roles and tokens in the Astra portal`);
      return { kind: 'void' };
    case 'describe':
      return describe(env, s);
  }
}
