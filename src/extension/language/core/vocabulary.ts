// The fixed words completion offers: statement starters, clause keywords, CQL types, built-in functions and
// consistency levels. Kept apart from the engine so the lists are easy to review against the CQL reference.

export { CONSISTENCY_NAMES as CONSISTENCY_LEVELS } from '../../connections/clientOptions.js';
export { SERIAL_LEVELS } from '../../cql/shellCommands.js';

export const STATEMENT_STARTERS = [
  'SELECT', 'INSERT INTO', 'UPDATE', 'DELETE', 'BEGIN BATCH', 'BEGIN UNLOGGED BATCH', 'APPLY BATCH', 'USE', 'TRUNCATE',
  'CREATE TABLE', 'CREATE KEYSPACE', 'CREATE INDEX', 'CREATE CUSTOM INDEX', 'CREATE TYPE', 'CREATE FUNCTION',
  'CREATE AGGREGATE', 'CREATE MATERIALIZED VIEW', 'CREATE ROLE', 'ALTER TABLE', 'ALTER KEYSPACE', 'ALTER TYPE',
  'ALTER ROLE', 'DROP TABLE', 'DROP KEYSPACE', 'DROP INDEX', 'DROP TYPE', 'DROP FUNCTION', 'DROP AGGREGATE',
  'DROP MATERIALIZED VIEW', 'DROP ROLE', 'GRANT', 'REVOKE', 'LIST ROLES', 'LIST PERMISSIONS',
  // cqlsh shell commands the notebook understands
  'DESCRIBE', 'CONSISTENCY', 'SERIAL CONSISTENCY', 'PAGING', 'TRACING', 'EXPAND', 'COPY',
];

/** Keywords that may continue a statement, by statement kind (first word). */
export const CLAUSE_KEYWORDS: Record<string, string[]> = {
  SELECT: ['FROM', 'WHERE', 'AND', 'IN', 'CONTAINS', 'CONTAINS KEY', 'ORDER BY', 'GROUP BY', 'PER PARTITION LIMIT', 'LIMIT', 'ALLOW FILTERING', 'ASC', 'DESC', 'ANN OF', 'AS', 'DISTINCT', 'JSON'],
  INSERT: ['INTO', 'VALUES', 'JSON', 'DEFAULT UNSET', 'DEFAULT NULL', 'IF NOT EXISTS', 'USING TTL', 'USING TIMESTAMP', 'AND'],
  UPDATE: ['USING TTL', 'USING TIMESTAMP', 'SET', 'WHERE', 'AND', 'IN', 'IF', 'IF EXISTS'],
  DELETE: ['FROM', 'USING TIMESTAMP', 'WHERE', 'AND', 'IN', 'IF', 'IF EXISTS'],
  CREATE: ['TABLE', 'KEYSPACE', 'INDEX', 'CUSTOM INDEX', 'TYPE', 'FUNCTION', 'AGGREGATE', 'MATERIALIZED VIEW', 'ROLE', 'IF NOT EXISTS', 'OR REPLACE', 'PRIMARY KEY', 'STATIC', 'WITH', 'AND', 'CLUSTERING ORDER BY', 'ON', 'USING', "USING 'StorageAttachedIndex'", 'OPTIONS', 'REPLICATION', 'DURABLE_WRITES'],
  ALTER: ['TABLE', 'KEYSPACE', 'TYPE', 'ROLE', 'ADD', 'DROP', 'RENAME', 'TO', 'WITH', 'ALTER'],
  DROP: ['TABLE', 'KEYSPACE', 'INDEX', 'TYPE', 'FUNCTION', 'AGGREGATE', 'MATERIALIZED VIEW', 'ROLE', 'IF EXISTS'],
  DESCRIBE: ['KEYSPACES', 'KEYSPACE', 'TABLES', 'TABLE', 'TYPES', 'TYPE', 'FUNCTIONS', 'FUNCTION', 'AGGREGATES', 'AGGREGATE', 'MATERIALIZED VIEW', 'INDEX', 'SCHEMA', 'FULL SCHEMA', 'CLUSTER'],
  BEGIN: ['BATCH', 'UNLOGGED BATCH', 'COUNTER BATCH', 'INSERT INTO', 'UPDATE', 'DELETE', 'APPLY BATCH'],
  PAGING: ['ON', 'OFF'],
  TRACING: ['ON', 'OFF'],
  EXPAND: ['ON', 'OFF'],
};
CLAUSE_KEYWORDS['DESC'] = CLAUSE_KEYWORDS['DESCRIBE']!;

export const NATIVE_TYPES = [
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varchar', 'varint',
];

/** Parameterized types: the snippet puts the cursor inside the angle brackets. */
export const COLLECTION_TYPES: { label: string; snippet: string }[] = [
  { label: 'list', snippet: 'list<${1:text}>' },
  { label: 'set', snippet: 'set<${1:text}>' },
  { label: 'map', snippet: 'map<${1:text}, ${2:text}>' },
  { label: 'frozen', snippet: 'frozen<${1}>' },
  { label: 'tuple', snippet: 'tuple<${1:int}, ${2:text}>' },
  { label: 'vector', snippet: 'vector<float, ${1:1536}>' },
];

export interface FunctionInfo {
  name: string;
  signature: string;
  doc: string;
}

export const FUNCTIONS: FunctionInfo[] = [
  { name: 'now', signature: 'now() → timeuuid', doc: 'A new unique timeuuid.' },
  { name: 'uuid', signature: 'uuid() → uuid', doc: 'A random type 4 uuid.' },
  { name: 'token', signature: 'token(partition key…) → bigint', doc: 'The token of a partition key.' },
  { name: 'writetime', signature: 'writetime(column) → bigint', doc: 'Write timestamp (microseconds) of a cell.' },
  { name: 'ttl', signature: 'ttl(column) → int', doc: 'Remaining time to live of a cell, in seconds.' },
  { name: 'toJson', signature: 'toJson(value) → text', doc: 'The value as JSON.' },
  { name: 'fromJson', signature: 'fromJson(text) → value', doc: 'A value parsed from JSON.' },
  { name: 'count', signature: 'count(* | column) → bigint', doc: 'Number of rows (or non-null values).' },
  { name: 'min', signature: 'min(column)', doc: 'Smallest value.' },
  { name: 'max', signature: 'max(column)', doc: 'Largest value.' },
  { name: 'sum', signature: 'sum(column)', doc: 'Sum of the values.' },
  { name: 'avg', signature: 'avg(column)', doc: 'Average of the values.' },
  { name: 'cast', signature: 'cast(column AS type)', doc: 'Converts a value to another native type.' },
  { name: 'toDate', signature: 'toDate(timeuuid | timestamp) → date', doc: 'Date part of the value.' },
  { name: 'toTimestamp', signature: 'toTimestamp(timeuuid | date) → timestamp', doc: 'Timestamp of the value.' },
  { name: 'toUnixTimestamp', signature: 'toUnixTimestamp(value) → bigint', doc: 'Milliseconds since the epoch.' },
  { name: 'minTimeuuid', signature: 'minTimeuuid(timestamp) → timeuuid', doc: 'Smallest timeuuid for the timestamp.' },
  { name: 'maxTimeuuid', signature: 'maxTimeuuid(timestamp) → timeuuid', doc: 'Largest timeuuid for the timestamp.' },
  { name: 'currentTimestamp', signature: 'currentTimestamp() → timestamp', doc: 'The current time.' },
  { name: 'currentDate', signature: 'currentDate() → date', doc: 'The current date.' },
  { name: 'currentTime', signature: 'currentTime() → time', doc: 'The current time of day.' },
  { name: 'currentTimeUUID', signature: 'currentTimeUUID() → timeuuid', doc: 'Like now().' },
  { name: 'similarity_cosine', signature: 'similarity_cosine(vector, vector) → float', doc: 'Cosine similarity (0…1) of two vectors.' },
  { name: 'similarity_euclidean', signature: 'similarity_euclidean(vector, vector) → float', doc: 'Euclidean similarity of two vectors.' },
  { name: 'similarity_dot_product', signature: 'similarity_dot_product(vector, vector) → float', doc: 'Dot-product similarity of two normalized vectors.' },
];

/** Every keyword-ish word, upper case: never reported as an unknown column. */
export const ALL_KEYWORDS = new Set<string>([
  ...STATEMENT_STARTERS.flatMap((s) => s.split(' ')),
  ...Object.values(CLAUSE_KEYWORDS).flatMap((l) => l.flatMap((s) => s.split(' '))),
  'NOT', 'OR', 'IS', 'NULL', 'TRUE', 'FALSE', 'NAN', 'INFINITY', 'LIKE', 'KEY', 'ALL', 'OF', 'BY', 'TOKEN', 'WRITETIME',
  'TTL', 'TIMESTAMP', 'EXISTS', 'USING', 'UNSET', 'CAST', 'FILTERING', 'ALLOW', 'PER', 'PARTITION', 'LIMIT', 'ENTRIES',
  'KEYS', 'VALUES', 'FULL', 'COUNTER',
]);
