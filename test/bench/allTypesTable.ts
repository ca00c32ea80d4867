// The all-types table the result-pipeline bench reads: every scalar CQL type that can share a table (counter
// cannot: it reads through the bigint path), each collection kind, a UDT, a tuple and a vector, with values that
// exercise the encoders' slow cases (negative and huge varints, decimal scales, nested nulls, dates before 1970).
import { concurrent, types, type Client } from 'cassandra-driver';

export interface BenchColumn {
  name: string;
  cql: string;
}

export const SCALAR_COLUMNS: BenchColumn[] = [
  'ascii', 'bigint', 'blob', 'boolean', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int', 'smallint',
  'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint',
].map((t) => ({ name: `c_${t}`, cql: t }));

export const COMPOUND_COLUMNS: BenchColumn[] = [
  { name: 'c_list', cql: 'list<int>' },
  { name: 'c_set', cql: 'set<text>' },
  { name: 'c_map', cql: 'map<text, bigint>' },
  { name: 'c_udt', cql: 'frozen<bench_point>' },
  { name: 'c_tuple', cql: 'tuple<int, text, decimal>' },
];

export const VECTOR_COLUMN: BenchColumn = { name: 'c_vector', cql: 'vector<float, 8>' };

const L = types.Long;

/** Column values of row `i` (deterministic, so every run reads the same data). */
export function rowValues(i: number, withVector: boolean): unknown[] {
  const neg = i % 2 === 1;
  const big = BigInt(i) * 982451653n * 1000003n;
  const values: Record<string, unknown> = {
    c_ascii: `row-${i}`,
    c_bigint: L.fromString(String((neg ? -1n : 1n) * big)),
    c_blob: Buffer.from([i & 255, (i >> 8) & 255, (i >> 16) & 255, 7, 9, 11, 13, 17]),
    c_boolean: i % 3 === 0,
    c_date: types.LocalDate.fromString(`${1900 + (i % 200)}-0${1 + (i % 9)}-1${i % 10}`),
    c_decimal: types.BigDecimal.fromString(`${neg ? '-' : ''}${i}.${String(i % 1000).padStart(3, '0')}`),
    c_double: neg ? -i / 7 : i * 1e10 + 0.5,
    c_duration: new types.Duration(i % 12, i % 30, L.fromNumber((i % 86400) * 1_000_000_000)),
    c_float: (i % 1000) / 8,
    c_inet: types.InetAddress.fromString(i % 5 === 0 ? `2001:db8::${(i % 65535).toString(16)}` : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`),
    c_int: neg ? -i : i,
    c_smallint: i % 32767,
    c_text: `text value ${i} — ü`,
    c_time: types.LocalTime.fromMilliseconds((i * 1013) % 86_400_000),
    c_timestamp: new Date(-2_000_000_000_000 + i * 40_000_000),
    c_timeuuid: types.TimeUuid.fromDate(new Date(1_600_000_000_000 + i), i % 10000),
    c_tinyint: (i % 255) - 127,
    c_uuid: types.Uuid.fromString(`${i.toString(16).padStart(8, '0')}-1234-4abc-8def-${(i * 7919).toString(16).padStart(12, '0').slice(-12)}`),
    c_varint: types.Integer.fromString(String((neg ? -1n : 1n) * big * big)),
    c_list: [i, i + 1, i + 2],
    c_set: [`a${i % 10}`, `b${i % 7}`],
    c_map: { [`k${i % 5}`]: L.fromNumber(i), [`z${i % 3}`]: L.fromNumber(-i) },
    c_udt: { x: i, label: i % 4 === 0 ? null : `p${i}`, at: new Date(i * 1000) },
    c_tuple: new types.Tuple(i, `t${i}`, new types.BigDecimal(i, i % 20)),
  };
  if (withVector) values.c_vector = new types.Vector(Float32Array.from({ length: 8 }, (_, k) => (i + k) / 4), 'float');
  return columnsOf(withVector).map((c) => values[c.name]);
}

export function columnsOf(withVector: boolean): BenchColumn[] {
  return [...SCALAR_COLUMNS, ...COMPOUND_COLUMNS, ...(withVector ? [VECTOR_COLUMN] : [])];
}

/**
 * Creates `<keyspace>.bench_all_types` with `rows` rows (kept when it already holds them). Returns the columns it
 * has: a server without vectors (Cassandra before 5.0) gets the table without the vector column. `name` renames the
 * table and its type (tests in a shared keyspace make them unique per run).
 */
export async function createAllTypesTable(client: Client, keyspace: string, rows: number, name = (base: string) => base): Promise<BenchColumn[]> {
  const point = name('bench_point');
  await client.execute(`CREATE TYPE IF NOT EXISTS ${keyspace}.${point} (x int, label text, at timestamp)`);
  const table = `${keyspace}.${name('bench_all_types')}`;
  const ddl = (cols: BenchColumn[]) => `CREATE TABLE IF NOT EXISTS ${table} (id int PRIMARY KEY, ${cols.map((c) => `${c.name} ${c.cql.replace('bench_point', point)}`).join(', ')})`;
  let withVector = true;
  try {
    await client.execute(ddl(columnsOf(true)));
  } catch {
    withVector = false;
    await client.execute(ddl(columnsOf(false)));
  }
  const columns = columnsOf(withVector);
  const have = await client.execute(`SELECT COUNT(*) FROM ${table}`, [], { readTimeout: 120_000 });
  if (Number(have.rows[0]?.['count'] ?? 0) >= rows) return columns;
  const insert = `INSERT INTO ${table} (id, ${columns.map((c) => c.name).join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`;
  const params = Array.from({ length: rows }, (_, i) => [i, ...rowValues(i, withVector)]);
  await concurrent.executeConcurrent(client, insert, params, { concurrencyLevel: 64 });
  return columns;
}
