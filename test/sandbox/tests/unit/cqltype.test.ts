import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CqlError, ErrorCode } from '../../errors.js';
import type { CqlType } from '../../types/cqltype.js';
import { formatCqlType, parseCqlType } from '../../types/cqltype-text.js';

const addr: CqlType = {
  kind: 'udt', keyspace: 'ks', name: 'addr', frozen: false,
  fields: [{ name: 'street', type: { kind: 'native', name: 'text' } }, { name: 'zip', type: { kind: 'native', name: 'int' } }],
};
const quotedUdt: CqlType = { ...addr, name: 'MyType' };
const lookups: [string | undefined, string][] = [];
const resolve = (ks: string | undefined, name: string): CqlType | undefined => {
  lookups.push([ks, name]);
  if ((ks === undefined || ks === 'ks') && name === 'addr') return addr;
  if (name === 'MyType') return quotedUdt;
  return undefined;
};

function rejects(text: string, code: number, message: string): void {
  assert.throws(() => parseCqlType(text, resolve), (e: unknown) => {
    assert.ok(e instanceof CqlError);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('parseCqlType / formatCqlType', () => {
  const roundTrips: [string, string][] = [
    ['int', 'int'],
    ['VARCHAR', 'text'],
    ['map<text, int>', 'map<text, int>'],
    ['MAP < TEXT , INT >', 'map<text, int>'],
    ['frozen<list<int>>', 'frozen<list<int>>'],
    ['map<text, frozen<list<int>>>', 'map<text, frozen<list<int>>>'],
    ['frozen<map<text, list<int>>>', 'frozen<map<text, frozen<list<int>>>>'],
    ['set<frozen<set<bigint>>>', 'set<frozen<set<bigint>>>'],
    ['tuple<int, text>', 'frozen<tuple<int, text>>'],
    ['tuple<int, list<int>, tuple<blob>>', 'frozen<tuple<int, frozen<list<int>>, frozen<tuple<blob>>>>'],
    ['vector<float, 3>', 'vector<float, 3>'],
    ['vector<float,1536>', 'vector<float, 1536>'],
    ['addr', 'addr'],
    ['frozen<addr>', 'frozen<addr>'],
    ['ks.addr', 'addr'],
    ['list<frozen<addr>>', 'list<frozen<addr>>'],
    ['frozen<list<addr>>', 'frozen<list<frozen<addr>>>'],
    ['map<frozen<addr>, frozen<tuple<int, int>>>', 'map<frozen<addr>, frozen<tuple<int, int>>>'],
    ['frozen<"MyType">', 'frozen<"MyType">'],
    ["'org.apache.cassandra.db.marshal.BytesType'", "'org.apache.cassandra.db.marshal.BytesType'"],
  ];
  for (const [text, stored] of roundTrips) {
    it(`${text} → ${stored}, and stored text is a fixed point`, () => {
      const t = parseCqlType(text, resolve);
      assert.equal(formatCqlType(t), stored);
      assert.deepEqual(parseCqlType(stored, resolve), t);
    });
  }

  it('builds the expected CqlType tree', () => {
    assert.deepEqual(parseCqlType('map<text, frozen<list<int>>>'), {
      kind: 'map', frozen: false, key: { kind: 'native', name: 'text' },
      value: { kind: 'list', frozen: true, element: { kind: 'native', name: 'int' } },
    });
    assert.deepEqual(parseCqlType('vector<float, 3>'), { kind: 'vector', element: { kind: 'native', name: 'float' }, dimension: 3 });
    assert.deepEqual(parseCqlType('frozen<addr>', resolve), { ...addr, frozen: true });
  });

  it('passes the written keyspace (or none) to the UDT resolver', () => {
    lookups.length = 0;
    parseCqlType('ks.addr', resolve);
    parseCqlType('frozen<Addr>', resolve);
    assert.deepEqual(lookups, [['ks', 'addr'], [undefined, 'addr']]);
  });

  it('enforces Cassandra freezing rules with its messages', () => {
    rejects('list<list<int>>', ErrorCode.INVALID, 'Non-frozen collections are not allowed inside collections: list<list<int>>');
    rejects('map<text, addr>', ErrorCode.INVALID, 'Non-frozen UDTs are not allowed inside collections: map<text, addr>');
    rejects('list<counter>', ErrorCode.INVALID, 'Counters are not allowed inside collections: list<counter>');
    rejects('set<duration>', ErrorCode.INVALID, 'Durations are not allowed inside sets: set<duration>');
    rejects('map<duration, int>', ErrorCode.INVALID, 'Durations are not allowed as map keys: map<duration, int>');
    rejects('frozen<int>', ErrorCode.INVALID, 'frozen<> is only allowed on collections, tuples, and user-defined types (got int)');
    rejects('ks.nope', ErrorCode.INVALID, 'Unknown type ks.nope');
  });

  it('reports malformed type text as a syntax error', () => {
    rejects('map<text>', ErrorCode.SYNTAX, "line 1:8 mismatched input '>' expecting ',' (map<text[>])");
    rejects('list<int', ErrorCode.SYNTAX, "line 0:-1 mismatched input '<EOF>' expecting '>'");
    rejects('int int', ErrorCode.SYNTAX, "line 1:4 mismatched input 'int' expecting EOF (int [int])");
  });
});
