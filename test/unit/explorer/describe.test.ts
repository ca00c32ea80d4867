import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeAggregate,
  describeFunction,
  describeIndex,
  describeKeyspace,
  describeKeyspaceOnly,
  describeTable,
  describeType,
  describeView,
  orderTypes,
} from '../../../src/extension/schema/describe.js';
import { cqlTypeText } from '../../../src/extension/schema/schemaTypes.js';
import { addressType, col, eventsTable, t } from './fixtures.js';

test('cqlTypeText prints nested, frozen, UDT and vector types like cqlsh', () => {
  assert.equal(cqlTypeText(t.map(t.text, t.list(t.int, true))), 'map<text, frozen<list<int>>>');
  assert.equal(cqlTypeText(t.set(t.udt('Address'))), 'set<frozen<"Address">>');
  assert.equal(cqlTypeText(t.tuple(t.int, t.text)), 'frozen<tuple<int, text>>');
  assert.equal(cqlTypeText(t.vector(t.float, 1536)), 'vector<float, 1536>');
  assert.equal(cqlTypeText({ code: 0, info: 'org.apache.cassandra.db.marshal.DurationType' }), 'duration');
  assert.equal(
    cqlTypeText({ code: 0, info: 'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType, 4)' }),
    'vector<float, 4>',
  );
  assert.equal(cqlTypeText({ code: 0, info: 'com.example.MyType' }), "'com.example.MyType'");
});

test('DESCRIBE TABLE: key order, static, clustering order, options, then indexes', () => {
  const ddl = describeTable('shop', eventsTable());
  assert.equal(
    ddl,
    `CREATE TABLE shop.events (
    tenant text,
    day int,
    ts timestamp,
    "Seq" int,
    embedding vector<float, 3>,
    owner text static,
    payload map<text, int>,
    PRIMARY KEY ((tenant, day), ts, "Seq")
) WITH CLUSTERING ORDER BY (ts DESC, "Seq" ASC)
    AND bloom_filter_fp_chance = 0.01
    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}
    AND cdc = false
    AND comment = 'it''s a comment'
    AND compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}
    AND compression = {'chunk_length_in_kb': '16', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}
    AND crc_check_chance = 1.0
    AND default_time_to_live = 0
    AND extensions = {}
    AND gc_grace_seconds = 864000
    AND max_index_interval = 2048
    AND memtable_flush_period_in_ms = 0
    AND min_index_interval = 128
    AND speculative_retry = '99p';

CREATE CUSTOM INDEX events_ann ON shop.events (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'};

CREATE INDEX events_owner_idx ON shop.events (owner);

CREATE CUSTOM INDEX events_payload_sai ON shop.events (values(payload)) USING 'org.apache.cassandra.index.sai.StorageAttachedIndex';`,
  );
});

test('single-column primary key is written inline; options the server did not report are omitted', () => {
  const id = col('id', t.uuid);
  const ddl = describeTable('Shop', {
    name: 'Users', columns: [col('name', t.text), id], partitionKeys: [id], clusteringKeys: [], clusteringOrder: [],
  });
  assert.equal(ddl, `CREATE TABLE "Shop"."Users" (\n    id uuid PRIMARY KEY,\n    name text\n);`);
});

test('virtual tables are described as a comment, never as runnable DDL', () => {
  const k = col('name', t.text);
  const ddl = describeTable('system_views', {
    name: 'settings', columns: [k, col('value', t.text)], partitionKeys: [k], clusteringKeys: [], clusteringOrder: [], virtual: true,
  });
  assert.match(ddl, /^\/\*\nWarning: Table system_views\.settings is a virtual table/);
  assert.match(ddl, /\*\/$/);
  assert.doesNotMatch(ddl.replace(/\/\*[\s\S]*\*\//, ''), /CREATE/);
});

test('DESCRIBE KEYSPACE is plain CQL for Cassandra and a comment on Astra', () => {
  const ks = { name: 'shop', strategy: 'org.apache.cassandra.locator.SimpleStrategy', strategyOptions: { replication_factor: '1' }, durableWrites: true };
  const plain = describeKeyspaceOnly(ks);
  assert.equal(plain, "CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'} AND durable_writes = true;");
  const astra = describeKeyspaceOnly(ks, { astra: true });
  assert.ok(astra.startsWith('/*\n') && astra.endsWith('\n*/'));
  assert.ok(astra.includes(plain));
  assert.match(astra, /Astra console or with the DevOps API/);
});

test('UDT, function and aggregate DDL', () => {
  assert.equal(describeType('shop', addressType()), 'CREATE TYPE shop.address (\n    street text,\n    zip int\n);');
  const fn = describeFunction({
    name: 'add_one', keyspaceName: 'shop', argumentNames: ['State', 'v'], argumentTypes: [t.int, t.int], body: 'return State + v;',
    calledOnNullInput: false, language: 'java', returnType: t.int,
  });
  assert.equal(
    fn,
    'CREATE FUNCTION shop.add_one("State" int, v int)\n    RETURNS NULL ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n    AS $$return State + v;$$;',
  );
  const dollar = describeFunction({
    name: 'f', keyspaceName: 'shop', argumentNames: [], argumentTypes: [], body: "return '$$';", calledOnNullInput: true, language: 'java', returnType: t.text,
  });
  assert.match(dollar, /CALLED ON NULL INPUT/);
  assert.match(dollar, /AS 'return ''\$\$'';';$/);
  const agg = describeAggregate({
    name: 'total', keyspaceName: 'shop', argumentTypes: [t.int], stateFunction: 'add_one', stateType: t.int,
    finalFunction: null, initCondition: '0', returnType: t.int,
  });
  assert.equal(agg, 'CREATE AGGREGATE shop.total(int)\n    SFUNC add_one\n    STYPE int\n    INITCOND 0;');
});

test('materialized view DDL selects, filters and keys like cqlsh', () => {
  const a = col('a', t.int);
  const b = col('b', t.text);
  const ddl = describeView('shop', {
    name: 'by_b', tableName: 'base', whereClause: 'b IS NOT NULL AND a IS NOT NULL', includeAllColumns: true,
    columns: [a, b], partitionKeys: [b], clusteringKeys: [a], clusteringOrder: ['ASC'], gcGraceSeconds: 864000,
  });
  assert.equal(
    ddl,
    'CREATE MATERIALIZED VIEW shop.by_b AS\n    SELECT *\n    FROM shop.base\n    WHERE b IS NOT NULL AND a IS NOT NULL\n' +
      '    PRIMARY KEY (b, a)\nWITH CLUSTERING ORDER BY (a ASC)\n    AND gc_grace_seconds = 864000;',
  );
});

test('types are ordered so dependencies come first', () => {
  const outer = { name: 'a_outer', fields: [col('home', t.udt('z_inner')), col('all', t.list(t.udt('m_mid')))] };
  const mid = { name: 'm_mid', fields: [col('x', t.map(t.text, t.udt('z_inner')))] };
  const inner = { name: 'z_inner', fields: [col('n', t.int)] };
  assert.deepEqual(orderTypes([outer, mid, inner]).map((u) => u.name), ['z_inner', 'm_mid', 'a_outer']);
});

test('DESCRIBE KEYSPACE puts types before tables and functions before aggregates', () => {
  const text = describeKeyspace({
    keyspace: { name: 'shop', strategy: 'SimpleStrategy', strategyOptions: { replication_factor: '1' } },
    types: [addressType()],
    functions: [{ name: 'f', keyspaceName: 'shop', argumentNames: ['x'], argumentTypes: [t.int], body: 'return x;', calledOnNullInput: true, language: 'java', returnType: t.int }],
    aggregates: [{ name: 'g', keyspaceName: 'shop', argumentTypes: [t.int], stateFunction: 'f', stateType: t.int, returnType: t.int }],
    tables: [eventsTable()],
    views: [],
  });
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('CREATE KEYSPACE') === 0);
  assert.ok(at('CREATE TYPE') < at('CREATE FUNCTION'));
  assert.ok(at('CREATE FUNCTION') < at('CREATE AGGREGATE'));
  assert.ok(at('CREATE AGGREGATE') < at('CREATE TABLE'));
  assert.ok(at('CREATE TABLE') < at('CREATE INDEX'));
});

test('index with a quoted target and no extra options', () => {
  const ddl = describeIndex('ks', 'T', { name: 'ix', kind: 'COMPOSITES', target: 'keys("Tags")', options: { target: 'keys("Tags")' } });
  assert.equal(ddl, 'CREATE INDEX ix ON ks."T" (keys("Tags"));');
});

test('options the driver does not parse are merged in alphabetical place', () => {
  const table = { ...eventsTable(), indexes: [], extraOptions: { read_repair: 'BLOCKING', additional_write_policy: '99p', memtable: null } };
  const lines = describeTable('shop', table).split('\n').filter((l) => l.startsWith('    AND ') || l.startsWith(') WITH'));
  const names = lines.map((l) => /(\w+) = /.exec(l.replace('CLUSTERING ORDER BY', ''))?.[1]);
  assert.equal(names[1], 'additional_write_policy');
  assert.ok(names.indexOf('read_repair') === names.indexOf('min_index_interval') + 1);
  assert.ok(!names.includes('memtable'));
  assert.match(describeTable('shop', table), /AND read_repair = 'BLOCKING'\n {4}AND speculative_retry = '99p';/);
});
