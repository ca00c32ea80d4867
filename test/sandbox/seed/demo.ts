// Demo data loaded through the engine's public CQL surface: a table of every CQL type, a counter table, a table
// with a secondary index, a 100,000-row table for paging benchmarks, a vector table with a SAI index (plain on
// servers without vectors), and a second keyspace `shop`. Values are deterministic so tests can derive expected answers.
import type { Engine, ExecContext } from '../engine/api.js';
import type { CqlValue } from '../types/cqltype.js';
import { encodeValue } from '../types/codec.js';
import { prng } from './prng.js';

export const EVENTS_ROWS = 100_000;
export const EVENTS_PARTITIONS = 1_000;
export const PRODUCTS_ROWS = 50;
export const XSS_TEXT = '<img src=x onerror=alert(1)>';

const ALL_TYPES_DDL = `CREATE TABLE demo.all_types (
  id int PRIMARY KEY, c_ascii ascii, c_text text, c_varchar varchar, c_int int, c_bigint bigint,
  c_smallint smallint, c_tinyint tinyint, c_varint varint, c_decimal decimal, c_float float, c_double double,
  c_boolean boolean, c_uuid uuid, c_timeuuid timeuuid, c_timestamp timestamp, c_date date, c_time time,
  c_duration duration, c_blob blob, c_inet inet, c_list list<int>, c_set set<text>, c_map map<text, int>,
  c_frozen_list frozen<list<text>>, c_frozen_set frozen<set<int>>, c_frozen_map frozen<map<int, text>>,
  c_tuple tuple<int, text, boolean>, c_address frozen<address>, c_vector vector<float, 3>)`;

const ALL_TYPES_COLS =
  'id, c_ascii, c_text, c_varchar, c_int, c_bigint, c_smallint, c_tinyint, c_varint, c_decimal, c_float, c_double, ' +
  'c_boolean, c_uuid, c_timeuuid, c_timestamp, c_date, c_time, c_duration, c_blob, c_inet, c_list, c_set, c_map, ' +
  'c_frozen_list, c_frozen_set, c_frozen_map, c_tuple, c_address, c_vector';

const ALL_TYPES_ROWS = [
  `1, 'plain ascii', 'Grüße, 世界 🚀', 'varchar text', 2147483647, 9223372036854775807, 32767, 127,
   123456789012345678901234567890123456789, 12345678901234567890.123456789, 3.5, 3.141592653589793,
   true, 6ab09bec-e68e-48d9-a5f8-97e6fb4c9b47, 50554d6e-29bb-11e5-b345-feff819cdc9f, '2024-02-29T12:34:56.789Z',
   '2024-02-29', '13:45:30.123456789', 1y2mo3d4h5m6s7ms, 0xcafebabe, '192.168.1.10', [1, 2, 3], {'a', 'b'},
   {'one': 1, 'two': 2}, ['x', 'y'], {10, 20}, {1: 'uno', 2: 'dos'}, (1, 'tuple text', false),
   {street: '1 Main St', city: 'Springfield', zip: 12345}, [0.1, 0.2, 0.3]`,
  `2, 'second', '${XSS_TEXT}', '', -2147483648, -9223372036854775808, -32768, -128,
   -98765432109876543210987654321, -0.000000000000000001, -1.25, -2.5e-300,
   false, 00000000-0000-0000-0000-000000000000, d2177dd0-eaa2-11de-a572-001b779c76e3, '1970-01-01T00:00:00.000Z',
   '1970-01-01', '00:00:00', -3h, 0x, '2001:db8::8a2e:370:7334', [], {}, {}, [], {}, {}, (null, null, null),
   {street: null, city: 'Nowhere', zip: null}, [-1.0, 0.0, 1.0]`,
  `3, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
   null, null, null, null, null, null, null, null, null, null, null`,
  `4, 'edge', 'line1\nline2\ttab "quotes" ''single''', 'NaN here', 0, 0, 0, 0, 0, 1.10, NaN, Infinity,
   true, 11111111-2222-4333-8444-555555555555, 00000000-0000-1000-8000-000000000000, '2038-01-19T03:14:07.000Z',
   '1900-01-01', '23:59:59.999999999', 1mo, 0x00ff00ff, '::1', [-1], {'z'}, {'k': -1}, ['only'], {0}, {0: ''},
   (0, '', true), {street: 'Baker St 221b', city: 'London', zip: 0}, [1e-10, 1e10, 0]`,
  `5, 'emoji-less', '${XSS_TEXT.replace('img', 'script')}', 'v', 42, 4294967296, 1, 1, 18446744073709551616, 1e-30, 1.0e38,
   -0.0, false, 9b2a3f4e-1234-4c5d-8e9f-0a1b2c3d4e5f, 5f1e2d3c-0000-11ef-8000-0242ac120002, '2000-01-01T00:00:00.001Z',
   '9999-12-31', '12:00:00', 0s, 0x0102030405060708090a, '10.0.0.1', [5, 5, 5], {'dup'}, {'a': 1},
   ['p', 'q', 'r'], {1, 2, 3}, {3: 'tres'}, (7, 'seven', true), {street: 'Elm', city: 'Oak', zip: 99999}, [3, 2, 1]`,
];

/** The vector of demo.products row `id` (also used by tests to compute the expected ANN order). */
export function productVector(id: number): number[] {
  const r = prng(1000 + id);
  return [r() * 2 - 1, r() * 2 - 1, r() * 2 - 1].map((x) => Math.fround(x));
}

/** The last column of all_types (`c_vector`) and of each row, for servers without vector types (Cassandra 4.0). */
const withoutVector = (text: string) => text.replace(/,\s*(c_vector vector<float, 3>\)|c_vector|\[[^\]]*\]|null)\s*$/, (m) => (m.endsWith(')') ? ')' : ''));

export function seedDemo(engine: Engine, ctx: ExecContext, features: { vector: boolean } = { vector: true }): void {
  const q = (cql: string) => engine.query(cql, null, ctx);
  const v = features.vector;
  q(`CREATE KEYSPACE IF NOT EXISTS demo WITH replication = {'class': 'NetworkTopologyStrategy', '${ctx.node.dataCenter}': '3'}`);
  q('CREATE TYPE IF NOT EXISTS demo.address (street text, city text, zip int)');
  q(v ? ALL_TYPES_DDL : withoutVector(ALL_TYPES_DDL));
  const cols = v ? ALL_TYPES_COLS : withoutVector(ALL_TYPES_COLS);
  for (const row of ALL_TYPES_ROWS) q(`INSERT INTO demo.all_types (${cols}) VALUES (${v ? row : withoutVector(row)})`);

  q('CREATE TABLE demo.page_views (page text PRIMARY KEY, views counter)');
  for (const [page, n] of [['/', 1200], ['/docs', 345], ['/pricing', 87], ['/blog', 19]] as const) {
    q(`UPDATE demo.page_views SET views = views + ${n} WHERE page = '${page}'`);
  }

  q('CREATE TABLE demo.users (id int PRIMARY KEY, name text, email text, country text, age int)');
  q('CREATE INDEX users_country_idx ON demo.users (country)');
  const countries = ['FR', 'DE', 'US', 'JP', 'BR'];
  for (let i = 1; i <= 40; i++) {
    q(`INSERT INTO demo.users (id, name, email, country, age) VALUES (${i}, 'user ${i}', 'user${i}@example.com', '${countries[i % 5]}', ${18 + (i % 50)})`);
  }

  if (v) {
    q(`CREATE TABLE demo.products (id int PRIMARY KEY, name text, price decimal, embedding vector<float, 3>)`);
    q(`CREATE CUSTOM INDEX products_embedding_idx ON demo.products (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'}`);
  } else {
    q(`CREATE TABLE demo.products (id int PRIMARY KEY, name text, price decimal)`);
  }
  for (let id = 1; id <= PRODUCTS_ROWS; id++) {
    const vec = productVector(id).map((x) => x.toPrecision(9)).join(', ');
    q(v
      ? `INSERT INTO demo.products (id, name, price, embedding) VALUES (${id}, 'product ${id}', ${id}.99, [${vec}])`
      : `INSERT INTO demo.products (id, name, price) VALUES (${id}, 'product ${id}', ${id}.99)`);
  }

  seedEvents(engine, ctx);

  q(`CREATE KEYSPACE IF NOT EXISTS shop WITH replication = {'class': 'NetworkTopologyStrategy', '${ctx.node.dataCenter}': '3'}`);
  q('CREATE TABLE shop.customers (id uuid PRIMARY KEY, name text, email text, tags set<text>)');
  q(`CREATE TABLE shop.orders (customer_id uuid, order_id timeuuid, total decimal, items map<text, int>, status text,
     PRIMARY KEY (customer_id, order_id)) WITH CLUSTERING ORDER BY (order_id DESC)`);
  const customers = ['0b7e4f8a-5c1d-4e2f-9a3b-6c7d8e9f0a1b', '1c8f5a9b-6d2e-4f3a-8b4c-7d8e9f0a1b2c'];
  customers.forEach((id, i) => {
    q(`INSERT INTO shop.customers (id, name, email, tags) VALUES (${id}, 'Customer ${i + 1}', 'c${i + 1}@shop.example', {'vip', 'since-202${i}'})`);
    for (let o = 0; o < 3; o++) {
      q(`INSERT INTO shop.orders (customer_id, order_id, total, items, status) VALUES (${id}, ${timeuuid(i * 10 + o)}, ${10 + o}.50, {'widget': ${o + 1}}, '${o ? 'SHIPPED' : 'NEW'}')`);
    }
  });
}

/** A version-1 UUID with a deterministic timestamp (n minutes after 2024-01-01) and a fixed node. */
function timeuuid(n: number): string {
  const gregorianOffset = 122192928000000000n; // 100-ns intervals between 1582-10-15 and 1970-01-01
  const t = (BigInt(Date.UTC(2024, 0, 1) + n * 60_000) * 10_000n + gregorianOffset).toString(16).padStart(15, '0');
  return `${t.slice(7)}-${t.slice(3, 7)}-1${t.slice(0, 3)}-8000-0242ac120002`;
}

function seedEvents(engine: Engine, ctx: ExecContext): void {
  engine.query(
    `CREATE TABLE demo.events (device_id int, seq int, ts timestamp, kind text, value double, level int,
     tag text, ok boolean, payload text, note text, PRIMARY KEY (device_id, seq))`,
    null,
    ctx,
  );
  // Prepared + bound bytes: parsing 100,000 INSERT strings would dominate the sandbox start time.
  const prepared = engine.prepare(
    'INSERT INTO demo.events (device_id, seq, ts, kind, value, level, tag, ok, payload, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ctx,
  );
  const types = prepared.bindVariables.map((b) => b.type);
  const kinds = ['click', 'view', 'purchase', 'error', 'login'];
  const perPartition = EVENTS_ROWS / EVENTS_PARTITIONS;
  const start = BigInt(Date.UTC(2025, 0, 1));
  for (let d = 0; d < EVENTS_PARTITIONS; d++) {
    for (let s = 0; s < perPartition; s++) {
      const n = d * perPartition + s;
      const values: CqlValue[] = [
        d, s, start + BigInt(n) * 1000n, kinds[n % 5], (n % 1000) / 10, n % 7, `tag-${n % 13}`, n % 2 === 0,
        `payload #${n}`, n % 10 === 0 ? null : `note ${n % 97}`,
      ];
      engine.execute(prepared.id, { positional: values.map((v, i) => (v === null ? null : encodeValue(types[i], v))) }, ctx);
    }
  }
}
