// User types, user functions/aggregates and materialized views. Functions are catalogued (system_schema) but not
// executed; views keep their definition and key layout. On Astra, functions, aggregates and views are refused.

import { invalid } from '../errors.js';
import { formatCqlType } from '../types/cqltype-text.js';
import type { CqlType } from '../types/cqltype.js';
import type { Result } from './api.js';
import type {
  AlterMaterializedView, AlterType, CreateAggregate, CreateFunction, CreateMaterializedView, CreateType, DropAggregate,
  DropFunction, DropMaterializedView, DropType, Options, Term,
} from './ast.js';
import { makeTable, type KeyspaceDef, type TableDef } from './catalog.js';
import { applyOptions } from './ddl-table.js';
import { keyspaceName, requireKeyspace, typeResolver, type StmtEnv } from './context.js';
import { schemaResult } from './ddl-keyspace.js';

function usesType(t: CqlType, ks: string, name: string): boolean {
  switch (t.kind) {
    case 'udt':
      return (t.keyspace === ks && t.name === name) || t.fields.some((f) => usesType(f.type, ks, name));
    case 'list':
    case 'set':
    case 'vector':
      return usesType(t.element, ks, name);
    case 'map':
      return usesType(t.key, ks, name) || usesType(t.value, ks, name);
    case 'tuple':
      return t.elements.some((e) => usesType(e, ks, name));
    default:
      return false;
  }
}

export function createType(env: StmtEnv, s: CreateType): Result {
  const ksName = keyspaceName(env, s.type);
  const ks = requireKeyspace(env.catalog, ksName, true);
  if (ks.types.has(s.type.name)) {
    if (s.ifNotExists) return { kind: 'void' };
    throw invalid(`A user type with name '${s.type.name}' already exists`);
  }
  const resolve = typeResolver(env.catalog, ksName);
  const names = new Set<string>();
  const fields = s.fields.map((f) => {
    if (names.has(f.name)) throw invalid(`Duplicate field name ${f.name} in type ${s.type.name}`);
    names.add(f.name);
    return { name: f.name, type: resolve(f.type) };
  });
  ks.types.set(s.type.name, { keyspace: ksName, name: s.type.name, fields });
  return schemaResult(env, { change: 'CREATED', target: 'TYPE', keyspace: ksName, name: s.type.name });
}

export function alterType(env: StmtEnv, s: AlterType): Result {
  const ksName = keyspaceName(env, s.type);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const u = ks.types.get(s.type.name);
  if (!u) {
    if (s.ifExists) return { kind: 'void' };
    throw invalid(`No user type named ${s.type.name} exists.`);
  }
  const op = s.op;
  if (op.kind === 'add') {
    if (u.fields.some((f) => f.name === op.field)) {
      if (op.ifNotExists) return { kind: 'void' };
      throw invalid(`Cannot add new field ${op.field} to type ${ksName}.${u.name}: a field with name ${op.field} already exists`);
    }
    u.fields.push({ name: op.field, type: typeResolver(env.catalog, ksName)(op.type) });
  } else if (op.kind === 'rename') {
    for (const { from, to } of op.renames) {
      const f = u.fields.find((x) => x.name === from);
      if (!f) {
        if (op.ifExists) continue;
        throw invalid(`Unkown field ${from} in user type ${ksName}.${u.name}`);
      }
      f.name = to;
    }
  } else {
    throw invalid('Altering field types is no longer supported');
  }
  return schemaResult(env, { change: 'UPDATED', target: 'TYPE', keyspace: ksName, name: u.name });
}

export function dropType(env: StmtEnv, s: DropType): Result {
  const ksName = keyspaceName(env, s.type);
  const ks = requireKeyspace(env.catalog, ksName, true);
  if (!ks.types.has(s.type.name)) {
    if (s.ifExists) return { kind: 'void' };
    throw invalid(`Type '${ksName}.${s.type.name}' doesn't exist`);
  }
  for (const t of ks.tables.values()) {
    if ([...t.columns.values()].some((c) => usesType(c.type, ksName, s.type.name))) {
      throw invalid(`Cannot drop user type '${ksName}.${s.type.name}' as it is still used by table ${ksName}.${t.name}`);
    }
  }
  ks.types.delete(s.type.name);
  return schemaResult(env, { change: 'DROPPED', target: 'TYPE', keyspace: ksName, name: s.type.name });
}

function refuseOnAstra(env: StmtEnv, what: string): void {
  if (env.ctx.astra) throw invalid(`${what} are not supported on Astra DB`);
}

const fnKey = (name: string, types: CqlType[]) => `${name}(${types.map(formatCqlType).join(',')})`;

export function createFunction(env: StmtEnv, s: CreateFunction): Result {
  refuseOnAstra(env, 'User defined functions');
  const ksName = keyspaceName(env, s.fn);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const resolve = typeResolver(env.catalog, ksName);
  const argTypes = s.args.map((a) => resolve(a.type));
  const key = fnKey(s.fn.name, argTypes);
  if (ks.functions.has(key) && !s.orReplace) {
    if (s.ifNotExists) return { kind: 'void' };
    throw invalid(`Function ${ksName}.${key} already exists`);
  }
  const replaced = ks.functions.has(key);
  ks.functions.set(key, {
    keyspace: ksName, name: s.fn.name, argNames: s.args.map((a) => a.name), argTypes, returnType: resolve(s.returns),
    language: s.language, body: s.body, calledOnNullInput: s.calledOnNullInput,
  });
  return schemaResult(env, {
    change: replaced ? 'UPDATED' : 'CREATED', target: 'FUNCTION', keyspace: ksName, name: s.fn.name,
    argTypes: argTypes.map(formatCqlType),
  });
}

function dropOverload<T extends { name: string; argTypes: CqlType[] }>(
  env: StmtEnv, map: Map<string, T>, ks: string, name: string, argTypes: string[] | undefined, ifExists: boolean, what: string,
): T | null {
  const resolve = typeResolver(env.catalog, ks);
  const matches = [...map.entries()].filter(([, f]) => f.name === name);
  const wanted = argTypes?.map((t) => formatCqlType(resolve(t)));
  const found = wanted ? matches.filter(([, f]) => f.argTypes.map(formatCqlType).join(',') === wanted.join(',')) : matches;
  if (found.length === 0) {
    if (ifExists) return null;
    throw invalid(`${what} ${ks}.${name}${wanted ? `(${wanted.join(', ')})` : ''} doesn't exist`);
  }
  if (found.length > 1) throw invalid(`'DROP ${what.toUpperCase()} ${name}' matches multiple function definitions; specify the argument types`);
  map.delete(found[0][0]);
  return found[0][1];
}

export function dropFunction(env: StmtEnv, s: DropFunction): Result {
  const ksName = keyspaceName(env, s.fn);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const f = dropOverload(env, ks.functions, ksName, s.fn.name, s.argTypes, s.ifExists, 'Function');
  if (!f) return { kind: 'void' };
  return schemaResult(env, { change: 'DROPPED', target: 'FUNCTION', keyspace: ksName, name: f.name, argTypes: f.argTypes.map(formatCqlType) });
}

function termText(t: Term | undefined): string | null {
  if (!t) return null;
  switch (t.kind) {
    case 'string': return `'${t.value.replace(/'/g, "''")}'`;
    case 'integer': case 'float': case 'duration': return t.text;
    case 'boolean': return String(t.value);
    case 'null': return 'null';
    case 'uuid': return t.value;
    case 'blob': return '0x' + t.hex;
    default: return null;
  }
}

export function createAggregate(env: StmtEnv, s: CreateAggregate): Result {
  refuseOnAstra(env, 'User defined aggregates');
  const ksName = keyspaceName(env, s.aggregate);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const resolve = typeResolver(env.catalog, ksName);
  const argTypes = s.argTypes.map(resolve);
  const stateType = resolve(s.stype);
  const key = fnKey(s.aggregate.name, argTypes);
  if (ks.aggregates.has(key) && !s.orReplace) {
    if (s.ifNotExists) return { kind: 'void' };
    throw invalid(`Aggregate ${ksName}.${key} already exists`);
  }
  const sf = [...ks.functions.values()].find((f) => f.name === s.sfunc.name);
  if (!sf) throw invalid(`State function ${s.sfunc.name}(${[stateType, ...argTypes].map(formatCqlType).join(', ')}) not found`);
  const ff = s.finalfunc ? [...ks.functions.values()].find((f) => f.name === s.finalfunc!.name) : undefined;
  if (s.finalfunc && !ff) throw invalid(`Final function ${s.finalfunc.name}(${formatCqlType(stateType)}) not found`);
  const replaced = ks.aggregates.has(key);
  ks.aggregates.set(key, {
    keyspace: ksName, name: s.aggregate.name, argTypes, stateFunc: s.sfunc.name, stateType,
    finalFunc: s.finalfunc?.name ?? null, initcond: termText(s.initcond), returnType: ff ? ff.returnType : stateType,
  });
  return schemaResult(env, {
    change: replaced ? 'UPDATED' : 'CREATED', target: 'AGGREGATE', keyspace: ksName, name: s.aggregate.name,
    argTypes: argTypes.map(formatCqlType),
  });
}

export function dropAggregate(env: StmtEnv, s: DropAggregate): Result {
  const ksName = keyspaceName(env, s.aggregate);
  const ks = requireKeyspace(env.catalog, ksName, true);
  const a = dropOverload(env, ks.aggregates, ksName, s.aggregate.name, s.argTypes, s.ifExists, 'Aggregate');
  if (!a) return { kind: 'void' };
  return schemaResult(env, { change: 'DROPPED', target: 'AGGREGATE', keyspace: ksName, name: a.name, argTypes: a.argTypes.map(formatCqlType) });
}

export function createView(env: StmtEnv, s: CreateMaterializedView): Result {
  if (env.ctx.astra) throw invalid('Materialized views are disabled. Enable in cassandra.yaml to use.');
  const ksName = keyspaceName(env, s.view);
  const ks: KeyspaceDef = requireKeyspace(env.catalog, ksName, true);
  if (ks.views.has(s.view.name) || ks.tables.has(s.view.name)) {
    if (s.ifNotExists) return { kind: 'void' };
    throw invalid(`Cannot add already existing table "${s.view.name}" to keyspace "${ksName}"`);
  }
  const base = ks.tables.get(s.select.table.name);
  if (!base) throw invalid(`unconfigured table ${s.select.table.name}`);
  const all = s.select.selectors === '*';
  const names = all ? [...base.columns.keys()] : (s.select.selectors as { selector: { kind: string; name?: string } }[]).map((x) => x.selector.name!);
  for (const k of [...s.partitionKey, ...s.clusteringColumns]) if (!names.includes(k)) names.push(k);
  const cols = names.map((n) => {
    const c = base.columns.get(n);
    if (!c) throw invalid(`Undefined column name ${n}`);
    return { name: n, type: c.type, static: false };
  });
  const ck = s.clusteringColumns.map((name) => ({
    name,
    order: (s.clusteringOrder.find((o) => o.column === name)?.order === 'DESC' ? 'desc' : 'asc') as 'asc' | 'desc',
  }));
  const table = makeTable(ksName, s.view.name, cols, s.partitionKey, ck);
  applyViewOptions(env, table, s.options);
  const where = s.select.where.map((r) => (r.kind === 'isNotNull' ? `${r.column} IS NOT NULL` : '')).filter(Boolean).join(' AND ');
  ks.views.set(s.view.name, {
    keyspace: ksName, name: s.view.name, baseTable: base.name, baseTableId: base.id, whereClause: where,
    includeAllColumns: all, table,
  });
  return schemaResult(env, { change: 'CREATED', target: 'TABLE', keyspace: ksName, name: s.view.name });
}

/** A view takes a table's options except default_time_to_live: its rows expire with the base table's. */
export function applyViewOptions(env: StmtEnv, view: TableDef, options: Options): void {
  if (options.some((o) => o.name === 'default_time_to_live')) {
    throw invalid(
      'Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same ' +
        'time than the corresponding data in the parent table.',
    );
  }
  applyOptions(env, view.options, options);
}

export function alterView(env: StmtEnv, s: AlterMaterializedView): Result {
  if (env.ctx.astra) throw invalid('Materialized views are disabled. Enable in cassandra.yaml to use.');
  const ksName = keyspaceName(env, s.view);
  const view = requireKeyspace(env.catalog, ksName, true).views.get(s.view.name);
  if (!view) {
    if (s.ifExists) return { kind: 'void' };
    throw invalid(`Materialized view '${ksName}.${s.view.name}' doesn't exist`);
  }
  applyViewOptions(env, view.table, s.options);
  return schemaResult(env, { change: 'UPDATED', target: 'TABLE', keyspace: ksName, name: s.view.name });
}

export function dropView(env: StmtEnv, s: DropMaterializedView): Result {
  const ksName = keyspaceName(env, s.view);
  const ks = requireKeyspace(env.catalog, ksName, true);
  if (!ks.views.delete(s.view.name)) {
    if (s.ifExists) return { kind: 'void' };
    throw invalid(`Materialized view '${ksName}.${s.view.name}' doesn't exist`);
  }
  return schemaResult(env, { change: 'DROPPED', target: 'TABLE', keyspace: ksName, name: s.view.name });
}
