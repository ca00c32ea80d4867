// cqlsh shell commands accepted in notebook cells. Everything that is not one of these is sent to the server as CQL
// (including `USE ks`, which the session tracks from the server's SET_KEYSPACE answer).

import { CONSISTENCY_NAMES, type ConsistencyName } from '../connections/clientOptions.js';

export type { ConsistencyName };
export const SERIAL_LEVELS = ['SERIAL', 'LOCAL_SERIAL'] as const;

export type DescribeTarget =
  | { kind: 'cluster' }
  | { kind: 'keyspaces' }
  | { kind: 'tables' }
  | { kind: 'types' }
  | { kind: 'functions' }
  | { kind: 'aggregates' }
  | { kind: 'schema'; full: boolean }
  | { kind: 'keyspace'; keyspace?: string }
  | { kind: 'table' | 'type' | 'function' | 'aggregate' | 'materialized_view' | 'index'; keyspace?: string; name: string }
  /** `DESCRIBE name` without a kind: a keyspace or a table, resolved against the schema. */
  | { kind: 'any'; keyspace?: string; name: string };

export type ShellCommand =
  | { kind: 'describe'; target: DescribeTarget }
  | { kind: 'consistency'; level?: ConsistencyName }
  | { kind: 'serialConsistency'; level?: ConsistencyName }
  | { kind: 'paging'; mode: 'on' | 'off' | 'show' | 'size'; size?: number }
  | { kind: 'tracing'; on?: boolean }
  | { kind: 'expand'; on?: boolean };

export type ShellParse = { ok: true; command: ShellCommand } | { ok: false; error: string } | undefined;

/** Parses a statement as a shell command: undefined when it is CQL, an error when it is a malformed command. */
export function parseShellCommand(statement: string): ShellParse {
  const text = stripComments(statement).replace(/;\s*$/, '').trim();
  const words = text.split(/\s+/).filter(Boolean);
  const head = (words[0] ?? '').toUpperCase();
  const args = words.slice(1);
  switch (head) {
    case 'CONSISTENCY':
      return consistency('consistency', args, CONSISTENCY_NAMES);
    case 'SERIAL':
      if ((args[0] ?? '').toUpperCase() !== 'CONSISTENCY') return { ok: false, error: 'Usage: SERIAL CONSISTENCY [SERIAL|LOCAL_SERIAL]' };
      return consistency('serialConsistency', args.slice(1), SERIAL_LEVELS);
    case 'PAGING':
      return paging(args);
    case 'TRACING':
      return onOff('tracing', args);
    case 'EXPAND':
      return onOff('expand', args);
    case 'DESCRIBE':
    case 'DESC':
      return describe(text.slice(words[0]!.length).trim());
    default:
      return undefined;
  }
}

function consistency(kind: 'consistency' | 'serialConsistency', args: string[], allowed: readonly string[]): ShellParse {
  if (args.length === 0) return { ok: true, command: { kind } };
  const level = args[0]!.toUpperCase();
  if (args.length > 1 || !allowed.includes(level)) {
    return { ok: false, error: `Improper ${kind === 'consistency' ? 'CONSISTENCY' : 'SERIAL CONSISTENCY'} command: valid levels are ${allowed.join(', ')}` };
  }
  return { ok: true, command: { kind, level: level as ConsistencyName } };
}

function paging(args: string[]): ShellParse {
  if (args.length === 0) return { ok: true, command: { kind: 'paging', mode: 'show' } };
  const a = args[0]!.toUpperCase();
  if (args.length === 1 && (a === 'ON' || a === 'OFF')) return { ok: true, command: { kind: 'paging', mode: a === 'ON' ? 'on' : 'off' } };
  if (args.length === 1 && /^\d+$/.test(a) && Number(a) > 0) return { ok: true, command: { kind: 'paging', mode: 'size', size: Number(a) } };
  return { ok: false, error: 'Improper PAGING command: use PAGING ON, PAGING OFF or PAGING <page size>' };
}

function onOff(kind: 'tracing' | 'expand', args: string[]): ShellParse {
  if (args.length === 0) return { ok: true, command: { kind } };
  const a = args[0]!.toUpperCase();
  if (args.length === 1 && (a === 'ON' || a === 'OFF')) return { ok: true, command: { kind, on: a === 'ON' } };
  return { ok: false, error: `Improper ${kind.toUpperCase()} command: use ${kind.toUpperCase()} ON or ${kind.toUpperCase()} OFF` };
}

const SINGLE_KINDS: Record<string, DescribeTarget['kind']> = {
  TABLE: 'table', COLUMNFAMILY: 'table', TYPE: 'type', FUNCTION: 'function', AGGREGATE: 'aggregate', INDEX: 'index',
};

function describe(rest: string): ShellParse {
  const words = rest.split(/\s+/).filter(Boolean);
  const w0 = (words[0] ?? '').toUpperCase();
  const plural: Record<string, DescribeTarget> = {
    CLUSTER: { kind: 'cluster' }, KEYSPACES: { kind: 'keyspaces' }, TABLES: { kind: 'tables' },
    COLUMNFAMILIES: { kind: 'tables' }, TYPES: { kind: 'types' }, FUNCTIONS: { kind: 'functions' },
    AGGREGATES: { kind: 'aggregates' }, SCHEMA: { kind: 'schema', full: false },
  };
  if (words.length === 0) return { ok: false, error: 'Usage: DESCRIBE [KEYSPACES|TABLES|TYPES|KEYSPACE ks|TABLE [ks.]t|TYPE [ks.]t|…]' };
  if (words.length === 1 && plural[w0]) return { ok: true, command: { kind: 'describe', target: plural[w0]! } };
  if (words.length === 2 && w0 === 'FULL' && words[1]!.toUpperCase() === 'SCHEMA') {
    return { ok: true, command: { kind: 'describe', target: { kind: 'schema', full: true } } };
  }
  if (w0 === 'KEYSPACE') {
    if (words.length > 2) return { ok: false, error: 'Usage: DESCRIBE KEYSPACE [name]' };
    const ks = words[1] ? identifier(words[1]) : undefined;
    return { ok: true, command: { kind: 'describe', target: ks === undefined ? { kind: 'keyspace' } : { kind: 'keyspace', keyspace: ks } } };
  }
  const mv = w0 === 'MATERIALIZED' && (words[1] ?? '').toUpperCase() === 'VIEW';
  const kind = mv ? 'materialized_view' : SINGLE_KINDS[w0];
  const nameWord = kind ? words.slice(mv ? 2 : 1).join('') : words.join('');
  if (!nameWord || (kind && words.length > (mv ? 3 : 2)) || (!kind && words.length > 1)) {
    return { ok: false, error: `Improper DESCRIBE command: ${rest}` };
  }
  const qualified = splitQualified(nameWord);
  if (!qualified) return { ok: false, error: `Improper name in DESCRIBE: ${nameWord}` };
  const target = { kind: (kind ?? 'any') as 'any', name: qualified.name, ...(qualified.keyspace ? { keyspace: qualified.keyspace } : {}) };
  return { ok: true, command: { kind: 'describe', target } };
}

/** `ks.name`, `"Ks"."Name"`, `name(int, text)` → parts with quoting rules applied (unquoted names lower-case). */
function splitQualified(text: string): { keyspace?: string; name: string } | undefined {
  const withoutArgs = text.replace(/\(.*\)$/, '');
  const parts: string[] = [];
  let i = 0;
  while (i < withoutArgs.length) {
    if (withoutArgs[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < withoutArgs.length) {
        if (withoutArgs[j] === '"') {
          if (withoutArgs[j + 1] === '"') { s += '"'; j += 2; continue; }
          break;
        }
        s += withoutArgs[j++];
      }
      parts.push(s);
      i = j + 1;
    } else {
      const dot = withoutArgs.indexOf('.', i);
      const end = dot < 0 ? withoutArgs.length : dot;
      parts.push(withoutArgs.slice(i, end).toLowerCase());
      i = end;
    }
    if (withoutArgs[i] === '.') i++;
    else if (i < withoutArgs.length) return undefined;
  }
  if (parts.length === 1 && parts[0]) return { name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { keyspace: parts[0], name: parts[1] };
  return undefined;
}

function identifier(word: string): string {
  const q = splitQualified(word);
  return q && !q.keyspace ? q.name : word;
}

function stripComments(s: string): string {
  return s.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(--|\/\/).*$/gm, '');
}
