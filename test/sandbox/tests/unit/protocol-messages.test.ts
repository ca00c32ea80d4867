// Unit tests of the sandbox's frame parser, request decoder and RESULT encoder (the latter read back with the
// cassandra-driver's own FrameReader so the layout is the one the driver expects).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { UNSET } from '../../engine/api.js';
import { encodeFrame, FrameFlag, FrameParser, Opcode } from '../../protocol/frame.js';
import { decodeRequest, parsePlainToken } from '../../protocol/messages.js';
import { encodePrepared, encodeResult } from '../../protocol/results.js';
import { WireError, WireWriter } from '../../protocol/wire.js';
import { native } from '../../types/cqltype.js';

const load = createRequire(__filename);
const { FrameReader } = load('cassandra-driver/lib/readers.js') as {
  FrameReader: new (header: object, body: Buffer, offset?: number) => {
    readInt(): number; readShortBytes(): Buffer; readMetadata(kind: number): Record<string, unknown>; offset: number;
  };
};

test('FrameParser reassembles frames split across chunks and splits coalesced ones', () => {
  const a = encodeFrame({ version: 4, flags: 0, stream: 1, opcode: Opcode.OPTIONS, body: Buffer.alloc(0) }, false);
  const b = encodeFrame({ version: 4, flags: 2, stream: -1, opcode: Opcode.QUERY, body: Buffer.from('abcdef') }, false);
  const bytes = Buffer.concat([a, b, a]);
  const p = new FrameParser();
  const frames = [];
  for (const byte of bytes) frames.push(...p.push(Buffer.from([byte])));
  assert.deepEqual(frames.map((f) => [f.stream, f.opcode, f.flags, f.body.toString()]), [
    [1, Opcode.OPTIONS, 0, ''], [-1, Opcode.QUERY, 2, 'abcdef'], [1, Opcode.OPTIONS, 0, ''],
  ]);
  assert.equal(new FrameParser().push(bytes).length, 3);
  const huge = Buffer.from([4, 0, 0, 1, 7, 0x7f, 0xff, 0xff, 0xff]);
  assert.throws(() => new FrameParser().push(huge), /too big/);
});

test('QUERY with every parameter flag, named values and a custom payload', () => {
  const body = new WireWriter()
    .short(1).string('k').bytes(Buffer.from('v')) // custom payload map
    .longString('SELECT * FROM t WHERE a = :a')
    .short(0x0006).byte(0x7f)
    .short(3).string('a').value(Buffer.from([1])).string('b').value(null).string('c').value(UNSET)
    .int(100).bytes(Buffer.from('state')).short(0x0009).long(1234567890123456n)
    .toBuffer();
  const req = decodeRequest(Opcode.QUERY, body, FrameFlag.CUSTOM_PAYLOAD);
  assert.equal(req.opcode, Opcode.QUERY);
  if (req.opcode !== Opcode.QUERY) return;
  assert.equal(req.query, 'SELECT * FROM t WHERE a = :a');
  assert.equal(req.params.consistency, 6);
  assert.equal(req.params.skipMetadata, true);
  assert.deepEqual(req.params.values, { named: new Map<string, unknown>([['a', Buffer.from([1])], ['b', null], ['c', UNSET]]) });
  assert.equal(req.params.pageSize, 100);
  assert.equal(req.params.pagingState?.toString(), 'state');
  assert.equal(req.params.serialConsistency, 9);
  assert.equal(req.params.timestamp, 1234567890123456n);
});

test('EXECUTE, BATCH, REGISTER, STARTUP and AUTH_RESPONSE bodies', () => {
  const exec = decodeRequest(Opcode.EXECUTE, new WireWriter().shortBytes(Buffer.from('id')).short(1).byte(0x01).short(1).value(null).toBuffer());
  assert.deepEqual(exec, {
    opcode: Opcode.EXECUTE, id: Buffer.from('id'),
    params: { consistency: 1, flags: 1, values: { positional: [null] }, skipMetadata: false },
  });
  const batch = decodeRequest(Opcode.BATCH, new WireWriter()
    .byte(1).short(2)
    .byte(0).longString('INSERT 1').short(1).value(Buffer.from([5]))
    .byte(1).shortBytes(Buffer.from([0xab])).short(0)
    .short(4).byte(0x30).short(8).long(99n).toBuffer());
  assert.deepEqual(batch, {
    opcode: Opcode.BATCH, type: 'UNLOGGED', consistency: 4, serialConsistency: 8, timestamp: 99n,
    statements: [{ query: 'INSERT 1', values: [Buffer.from([5])] }, { id: Buffer.from([0xab]), values: [] }],
  });
  assert.throws(() => decodeRequest(Opcode.BATCH, new WireWriter().byte(7).short(0).toBuffer()), WireError);
  assert.deepEqual(decodeRequest(Opcode.REGISTER, new WireWriter().stringList(['SCHEMA_CHANGE']).toBuffer()),
    { opcode: Opcode.REGISTER, events: ['SCHEMA_CHANGE'] });
  const st = decodeRequest(Opcode.STARTUP, new WireWriter().stringMap([['CQL_VERSION', '3.0.0']]).toBuffer());
  assert.deepEqual(st, { opcode: Opcode.STARTUP, options: new Map([['CQL_VERSION', '3.0.0']]) });
  assert.throws(() => decodeRequest(Opcode.QUERY, Buffer.from([0, 0, 0, 9, 1])), WireError);
  assert.throws(() => decodeRequest(Opcode.RESULT, Buffer.alloc(0)), /Unknown opcode RESULT/);
  assert.deepEqual(parsePlainToken(Buffer.from('\0token\0AstraCS:x')), { username: 'token', password: 'AstraCS:x' });
  assert.deepEqual(parsePlainToken(Buffer.from('authz\0u\0p')), { username: 'u', password: 'p' });
  assert.equal(parsePlainToken(Buffer.from('nonul')), null);
});

test('Prepared and Rows results read back by the driver', () => {
  const cols = [
    { keyspace: 'ks', table: 't', name: 'k', type: native('int') },
    { keyspace: 'ks', table: 't', name: 'v', type: { kind: 'list', element: native('text'), frozen: false } as const },
  ];
  const prepared = encodePrepared({ id: Buffer.from('0123456789abcdef'), bindVariables: cols, pkIndexes: [0], resultColumns: null }, 4);
  const r = new FrameReader({ version: 4 }, prepared);
  assert.equal(r.readInt(), 4);
  assert.equal(r.readShortBytes().toString(), '0123456789abcdef');
  const meta = r.readMetadata(4);
  assert.deepEqual(meta.partitionKeys, [0]);
  assert.equal(meta.keyspace, 'ks');
  assert.deepEqual((meta.columns as { name: string }[]).map((c) => c.name), ['k', 'v']);
  const resultMeta = r.readMetadata(2);
  assert.deepEqual(resultMeta.columns, []);
  assert.equal(r.offset, prepared.length);

  const mixed = [cols[0], { ...cols[1], table: 'other' }];
  const rows = encodeResult({ kind: 'rows', columns: mixed, rows: [[1, ['a']], [null, null]], pagingState: Buffer.from('p') },
    { version: 4, skipMetadata: false });
  const rr = new FrameReader({ version: 4 }, rows);
  assert.equal(rr.readInt(), 2);
  const rm = rr.readMetadata(2);
  assert.equal(rm.global_tables_spec, undefined, 'columns from two tables: per-column specs');
  assert.equal((rm.pageState as Buffer).toString(), 'p');
  assert.equal(rr.readInt(), 2);
  const noMeta = encodeResult({ kind: 'rows', columns: cols, rows: [] }, { version: 4, skipMetadata: true });
  assert.deepEqual([...noMeta], [0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 0]);
});
