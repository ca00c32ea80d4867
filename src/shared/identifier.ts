// CQL identifier quoting, shared by the explorer (Copy Name, DESCRIBE) and notebooks.
// Unquoted CQL identifiers are case-folded to lower case, so anything that is not already
// a plain lower-case word (or that collides with a reserved keyword) must be double-quoted.

// Cassandra's reserved_keywords.txt (4.0 through 5.x, union). Unreserved keywords such as
// `key`, `type` or `count` are valid bare identifiers and deliberately absent.
const RESERVED = new Set([
  'ADD', 'ALLOW', 'ALTER', 'AND', 'APPLY', 'ASC', 'AUTHORIZE', 'BATCH', 'BEGIN', 'BY', 'CHECK', 'COLUMNFAMILY',
  'CONSTRAINT', 'CREATE', 'DEFAULT', 'DELETE', 'DESC', 'DESCRIBE', 'DROP', 'ENTRIES', 'EXECUTE', 'FROM', 'FULL',
  'GRANT', 'IF', 'IN', 'INDEX', 'INFINITY', 'INSERT', 'INTO', 'IS', 'KEYSPACE', 'LENGTH', 'LIMIT', 'MATERIALIZED',
  'MBEAN', 'MBEANS', 'MODIFY', 'NAN', 'NORECURSIVE', 'NOT', 'NULL', 'OF', 'ON', 'OR', 'ORDER', 'PRIMARY', 'RENAME',
  'REPLACE', 'REVOKE', 'SCHEMA', 'SELECT', 'SET', 'TABLE', 'TO', 'TOKEN', 'TRUNCATE', 'UNLOGGED', 'UNSET', 'UPDATE',
  'USE', 'USING', 'VIEW', 'WHERE', 'WITH',
]);

const PLAIN = /^[a-z][a-z0-9_]*$/;

/** The identifier as CQL must spell it to mean exactly `name` (case and all). */
export function quoteIdentifier(name: string): string {
  if (PLAIN.test(name) && !RESERVED.has(name.toUpperCase())) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `keyspace.name`, each part quoted as needed. */
export function qualifiedName(keyspace: string, name: string): string {
  return `${quoteIdentifier(keyspace)}.${quoteIdentifier(name)}`;
}

/** Single-quoted CQL string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
