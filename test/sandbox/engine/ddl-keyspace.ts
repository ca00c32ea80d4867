// CREATE/ALTER/DROP KEYSPACE, USE, and the option plumbing shared with table DDL.

import { CqlError, ErrorCode, invalid, syntaxError } from '../errors.js';
import type { Result, SchemaChange } from './api.js';
import type { AlterKeyspace, CreateKeyspace, DropKeyspace, OptionValue, Options, UseStatement } from './ast.js';
import type { Catalog, KeyspaceDef } from './catalog.js';
import { requireKeyspace, unauthorized, type StmtEnv } from './context.js';

export const SYSTEM_KEYSPACES = new Set([
  'system', 'system_schema', 'system_auth', 'system_distributed', 'system_traces', 'system_virtual_schema', 'system_views',
]);

const STRATEGY_PREFIX = 'org.apache.cassandra.locator.';

export function optionText(v: OptionValue, name: string): string {
  if (v.kind !== 'constant') throw syntaxError(`Invalid value for property '${name}'. It should be a string`);
  return v.text;
}

export function optionMap(v: OptionValue, name: string): Record<string, string> {
  if (v.kind !== 'map') throw syntaxError(`Invalid value for property '${name}'. It should be a map.`);
  return Object.fromEntries(v.entries);
}

export function schemaResult(env: StmtEnv, change: SchemaChange): Result {
  env.catalog.changed(change);
  return { kind: 'schema_change', change };
}

function replicationFrom(options: Options): { replication?: Record<string, string>; durable?: boolean } {
  const out: { replication?: Record<string, string>; durable?: boolean } = {};
  for (const o of options) {
    if (o.name === 'replication') {
      const m = optionMap(o.value, 'replication');
      if (!m.class) throw new CqlError(ErrorCode.CONFIG, 'Missing replication strategy class');
      const cls = m.class.includes('.') ? m.class : STRATEGY_PREFIX + m.class;
      const known = ['SimpleStrategy', 'NetworkTopologyStrategy', 'LocalStrategy', 'EverywhereStrategy'];
      if (!known.some((k) => cls.endsWith('.' + k))) {
        throw new CqlError(ErrorCode.CONFIG, `Unable to find replication strategy class '${cls}'`);
      }
      if (cls.endsWith('SimpleStrategy') && m.replication_factor === undefined) {
        throw new CqlError(ErrorCode.CONFIG, 'SimpleStrategy requires a replication_factor strategy option.');
      }
      for (const [k, v] of Object.entries(m)) {
        if (k !== 'class' && !/^\d+(\/\d+)?$/.test(v)) {
          throw new CqlError(ErrorCode.CONFIG, `Replication factor must be non-negative; found ${v}`);
        }
      }
      out.replication = { ...m, class: cls };
    } else if (o.name === 'durable_writes') {
      out.durable = optionText(o.value, o.name).toLowerCase() === 'true';
    } else {
      throw syntaxError(`Unknown property '${o.name}'`);
    }
  }
  return out;
}

function refuseOnAstra(env: StmtEnv, what: string): void {
  if (env.ctx.astra || env.ctx.refuseKeyspaceDdl) {
    const user = env.ctx.user ?? (env.ctx.astra ? 'token' : 'anonymous');
    throw unauthorized(`User ${user} has no ${what} permission on <all keyspaces> or any of its parents`);
  }
}

export function createKeyspace(env: StmtEnv, s: CreateKeyspace): Result {
  refuseOnAstra(env, 'CREATE');
  const { replication, durable } = replicationFrom(s.options);
  if (!replication) throw new CqlError(ErrorCode.CONFIG, 'Missing mandatory option \'replication\'');
  if (SYSTEM_KEYSPACES.has(s.keyspace)) throw invalid(`Cannot add existing keyspace "${s.keyspace}"`);
  if (env.catalog.keyspace(s.keyspace)) {
    if (s.ifNotExists) return { kind: 'void' };
    throw new CqlError(ErrorCode.ALREADY_EXISTS, `Cannot add existing keyspace "${s.keyspace}"`, {
      kind: 'already_exists',
      keyspace: s.keyspace,
      table: '',
    });
  }
  env.catalog.addKeyspace(s.keyspace, replication, durable ?? true);
  return schemaResult(env, { change: 'CREATED', target: 'KEYSPACE', keyspace: s.keyspace });
}

/** The keyspace ALTER/DROP may change; undefined when it is missing and `ifExists` allows that. */
function userKeyspace(catalog: Catalog, name: string, ifExists: boolean): KeyspaceDef | undefined {
  const ks = catalog.keyspace(name);
  if (!ks) {
    if (ifExists) return undefined;
    throw invalid(`Keyspace '${name}' doesn't exist`);
  }
  if (ks.system) throw unauthorized(`${name} keyspace is not user-modifiable`);
  return ks;
}

export function alterKeyspace(env: StmtEnv, s: AlterKeyspace): Result {
  refuseOnAstra(env, 'ALTER');
  const ks = userKeyspace(env.catalog, s.keyspace, s.ifExists);
  if (!ks) return { kind: 'void' };
  const { replication, durable } = replicationFrom(s.options);
  if (replication) ks.replication = replication;
  if (durable !== undefined) ks.durableWrites = durable;
  return schemaResult(env, { change: 'UPDATED', target: 'KEYSPACE', keyspace: s.keyspace });
}

export function dropKeyspace(env: StmtEnv, s: DropKeyspace): Result {
  refuseOnAstra(env, 'DROP');
  if (!userKeyspace(env.catalog, s.keyspace, s.ifExists)) return { kind: 'void' };
  env.catalog.keyspaces.delete(s.keyspace);
  return schemaResult(env, { change: 'DROPPED', target: 'KEYSPACE', keyspace: s.keyspace });
}

export function useKeyspace(catalog: Catalog, s: UseStatement): Result {
  requireKeyspace(catalog, s.keyspace);
  return { kind: 'set_keyspace', keyspace: s.keyspace };
}
