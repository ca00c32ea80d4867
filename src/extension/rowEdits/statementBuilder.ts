// Typed row edits → the exact INSERT / UPDATE / DELETE statements, every name quoted and every value a literal
// checked against its column's type (src/shared/cqlLiteral.ts). The only place row-edit CQL is written.

import { literalFromInput } from '../../shared/cqlLiteral.js';
import { parseCqlType } from '../../shared/cqlType.js';
import { literalFromEncoded } from '../../shared/encodedLiteral.js';
import { qualifiedName, quoteIdentifier } from '../../shared/identifier.js';
import type { CellChange, CellInput, KeyPart, RowEdit } from '../../shared/rowEditMessages.js';
import type { EditTable } from './editTarget.js';

export class EditError extends Error {}

export interface BuiltStatement {
  text: string;
  /** The partition it writes (its key literals), to tell whether statements may share a batch. */
  partition: string;
  counter: boolean;
  lwt: boolean;
}

/** Statements for `edits`, in order; throws EditError naming the first edit that cannot be written. */
export function buildStatements(table: EditTable, edits: readonly RowEdit[], lwt: boolean): BuiltStatement[] {
  return edits.map((e, i) => {
    try {
      switch (e.kind) {
        case 'insert':
          return buildInsert(table, e.values, lwt);
        case 'update':
          return buildUpdate(table, e.key, e.changes, lwt);
        case 'delete':
          return buildDelete(table, e.key, lwt);
      }
    } catch (err) {
      throw new EditError(`Edit ${i + 1} (${e.kind}): ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

function column(table: EditTable, name: string) {
  const c = table.columns.get(name);
  if (!c) throw new EditError(`${name} is not a column of ${table.name}`);
  return c;
}

function inputLiteral(table: EditTable, name: string, input: CellInput): string {
  const c = column(table, name);
  if ('null' in input) return 'null';
  const r = literalFromInput(parseCqlType(c.type), input.text);
  if (!r.ok) throw new EditError(`${name}: ${r.error}`);
  return r.literal;
}

/** `pk = lit AND ck = lit` over the partition key (and the clustering columns unless `partitionOnly`). */
function whereKey(table: EditTable, key: readonly KeyPart[], partitionOnly: boolean): { where: string; partition: string } {
  const byName = new Map(key.map((k) => [k.column, k.value]));
  const names = partitionOnly ? table.partitionKey : [...table.partitionKey, ...table.clustering];
  const parts = names.map((n) => {
    if (!byName.has(n)) throw new EditError(`the key column ${n} is missing`);
    const v = byName.get(n)!;
    if (v === null) throw new EditError(`the key column ${n} is null`);
    return `${quoteIdentifier(n)} = ${literalFromEncoded(v)}`;
  });
  return { where: parts.join(' AND '), partition: parts.slice(0, table.partitionKey.length).join(' AND ') };
}

function buildInsert(table: EditTable, values: { column: string; input: CellInput }[], lwt: boolean): BuiltStatement {
  const given = new Map(values.map((v) => [v.column, v]));
  for (const k of [...table.partitionKey, ...table.clustering]) {
    const v = given.get(k);
    if (!v || 'null' in v.input) throw new EditError(`the key column ${k} is required`);
  }
  const cols = values.filter((v) => !('null' in v.input) || !isKey(table, v.column));
  if (cols.some((v) => column(table, v.column).role === 'counter')) {
    throw new EditError('rows of a counter table cannot be inserted; update the counters with +/- instead');
  }
  const lits = cols.map((v) => inputLiteral(table, v.column, v.input));
  const partition = table.partitionKey.map((k) => `${quoteIdentifier(k)} = ${lits[cols.findIndex((v) => v.column === k)]}`).join(' AND ');
  const text = `INSERT INTO ${qualifiedName(table.keyspace, table.name)} (${cols.map((v) => quoteIdentifier(v.column)).join(', ')}) VALUES (${lits.join(', ')})${lwt ? ' IF NOT EXISTS' : ''}`;
  return { text, partition, counter: false, lwt };
}

const isKey = (table: EditTable, name: string) => table.partitionKey.includes(name) || table.clustering.includes(name);

function buildUpdate(table: EditTable, key: KeyPart[], changes: CellChange[], lwt: boolean): BuiltStatement {
  const sets: string[] = [];
  const conditions: string[] = [];
  let counter = false;
  for (const ch of changes) {
    const c = column(table, ch.column);
    const name = quoteIdentifier(ch.column);
    if (isKey(table, ch.column)) throw new EditError(`${ch.column} is part of the primary key and cannot be changed; delete the row and insert a new one`);
    if (c.role === 'counter') {
      if (!('delta' in ch)) throw new EditError(`${ch.column} is a counter: change it by +n or -n`);
      const m = /^\s*([+-]?)\s*(\d+)\s*$/.exec(ch.delta);
      if (!m || BigInt(m[2]!) > 9223372036854775807n) throw new EditError(`${ch.column}: "${ch.delta}" is not a change such as +5 or -2`);
      sets.push(`${name} = ${name} ${m[1] === '-' ? '-' : '+'} ${BigInt(m[2]!).toString()}`);
      counter = true;
      continue;
    }
    if ('delta' in ch) throw new EditError(`${ch.column} is not a counter`);
    sets.push(`${name} = ${inputLiteral(table, ch.column, ch.input)}`);
    conditions.push(`${name} = ${literalFromEncoded(ch.old)}`);
  }
  if (counter && conditions.length > 0) throw new EditError('counters and other columns cannot change in one statement');
  // Cassandra refuses clustering restrictions on an UPDATE that writes static columns only.
  const staticOnly = changes.every((ch) => column(table, ch.column).role === 'static');
  const { where, partition } = whereKey(table, key, staticOnly);
  const useLwt = lwt && !counter;
  const text = `UPDATE ${qualifiedName(table.keyspace, table.name)} SET ${sets.join(', ')} WHERE ${where}${useLwt ? ` IF ${conditions.join(' AND ')}` : ''}`;
  return { text, partition, counter, lwt: useLwt };
}

function buildDelete(table: EditTable, key: KeyPart[], lwt: boolean): BuiltStatement {
  const { where, partition } = whereKey(table, key, false);
  return { text: `DELETE FROM ${qualifiedName(table.keyspace, table.name)} WHERE ${where}${lwt ? ' IF EXISTS' : ''}`, partition, counter: false, lwt };
}

/** One batch when that is safe (one partition, no counters, no LWT: all-or-nothing and isolated), else undefined. */
export function batchable(statements: readonly BuiltStatement[]): boolean {
  if (statements.length < 2) return false;
  const first = statements[0]!.partition;
  return statements.every((s) => !s.counter && !s.lwt && s.partition === first);
}
