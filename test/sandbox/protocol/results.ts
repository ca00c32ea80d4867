// RESULT bodies (native_protocol_v4 §4.2.5) and SCHEMA_CHANGE events (§4.2.6), from the engine's Result shapes.

import type { ColumnSpec, Prepared, Result, SchemaChange } from '../engine/api.js';
import { encodeNullable, writeTypeOption } from '../types/codec.js';
import { WireWriter } from './wire.js';

export const ResultKind = { VOID: 1, ROWS: 2, SET_KEYSPACE: 3, PREPARED: 4, SCHEMA_CHANGE: 5 } as const;
const RowsFlag = { GLOBAL_TABLES_SPEC: 0x01, HAS_MORE_PAGES: 0x02, NO_METADATA: 0x04 } as const;

export interface ResultOptions {
  version: number;
  skipMetadata: boolean;
}

export function encodeResult(result: Result, opts: ResultOptions): Buffer {
  const w = new WireWriter();
  switch (result.kind) {
    case 'void':
      w.int(ResultKind.VOID);
      break;
    case 'rows':
      w.int(ResultKind.ROWS);
      writeRowsMetadata(w, result.columns, result.pagingState, opts.skipMetadata);
      w.int(result.rows.length);
      for (const row of result.rows) {
        result.columns.forEach((col, i) => {
          w.bytes(encodeNullable(col.type, row[i]));
        });
      }
      break;
    case 'set_keyspace':
      w.int(ResultKind.SET_KEYSPACE).string(result.keyspace);
      break;
    case 'schema_change':
      w.int(ResultKind.SCHEMA_CHANGE);
      writeSchemaChange(w, result.change);
      break;
  }
  return w.toBuffer();
}

export function encodePrepared(p: Prepared, version: number): Buffer {
  const w = new WireWriter();
  w.int(ResultKind.PREPARED).shortBytes(p.id);
  const global = globalSpec(p.bindVariables);
  w.int(global ? RowsFlag.GLOBAL_TABLES_SPEC : 0).int(p.bindVariables.length);
  if (version >= 4) {
    w.int(p.pkIndexes.length);
    for (const i of p.pkIndexes) w.short(i);
  }
  writeColumnSpecs(w, p.bindVariables, global);
  if (p.resultColumns === null) {
    // Cassandra's ResultMetadata.EMPTY for statements that return no rows.
    w.int(RowsFlag.NO_METADATA).int(0);
  } else {
    writeRowsMetadata(w, p.resultColumns, undefined, false);
  }
  return w.toBuffer();
}

function writeRowsMetadata(w: WireWriter, columns: ColumnSpec[], pagingState: Buffer | undefined, noMeta: boolean) {
  const global = !noMeta && globalSpec(columns);
  let flags = 0;
  if (global) flags |= RowsFlag.GLOBAL_TABLES_SPEC;
  if (pagingState) flags |= RowsFlag.HAS_MORE_PAGES;
  if (noMeta) flags |= RowsFlag.NO_METADATA;
  w.int(flags).int(columns.length);
  if (pagingState) w.bytes(pagingState);
  if (!noMeta) writeColumnSpecs(w, columns, global);
}

function globalSpec(columns: ColumnSpec[]): boolean {
  return columns.length > 0 && columns.every((c) => c.keyspace === columns[0].keyspace && c.table === columns[0].table);
}

function writeColumnSpecs(w: WireWriter, columns: ColumnSpec[], global: boolean) {
  if (global) w.string(columns[0].keyspace).string(columns[0].table);
  for (const c of columns) {
    if (!global) w.string(c.keyspace).string(c.table);
    w.string(c.name).raw(writeTypeOption(c.type));
  }
}

export function writeSchemaChange(w: WireWriter, c: SchemaChange): void {
  w.string(c.change).string(c.target).string(c.keyspace);
  if (c.target === 'TABLE' || c.target === 'TYPE') w.string(c.name ?? '');
  if (c.target === 'FUNCTION' || c.target === 'AGGREGATE') w.string(c.name ?? '').stringList(c.argTypes ?? []);
}

export function encodeSchemaChangeEvent(c: SchemaChange): Buffer {
  const w = new WireWriter().string('SCHEMA_CHANGE');
  writeSchemaChange(w, c);
  return w.toBuffer();
}
