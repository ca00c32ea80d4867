// Later changes (additive only): Term kind 'cast' (CAST(x AS type) inside a term).
//
// The typed syntax tree the CQL parser (./parser.ts) produces and the executor consumes.
// Conventions:
//  - Every name (keyspace, table, column, field, function, index, role) is already NORMALIZED: unquoted
//    identifiers are lower-cased, "Quoted" ones keep their case with `""` unescaped. The executor never
//    lower-cases again. Keywords used as names (e.g. a column called `key`) arrive as plain names too.
//  - Types are kept as canonical CQL type TEXT (`TypeText`, e.g. `map<text, frozen<list<int>>>`, `ks.addr`,
//    `frozen<"MyUdt">`) because resolving a UDT needs the catalog; feed it to parseCqlType(text, resolveUdt)
//    from ../types/cqltype-text.ts.
//  - Literal numbers keep their source text so values stay exact (varint, decimal, bigint beyond 2^53).
//  - Bind markers are numbered 0, 1, 2… in source order across the whole parsed text (a text BEGIN BATCH shares
//    one numbering); ParsedCql.bindMarkers lists them all.

/** Entry point signature: `parseCql(cql: string): ParsedCql` in ./parser.ts (throws CqlError SYNTAX). */
export interface ParsedCql {
  statement: Statement;
  bindMarkers: BindMarker[]; // in index order; bindMarkers[i].index === i
}

/** `ks.name` or bare `name` (keyspace omitted → the connection's current keyspace). */
export interface QualifiedName {
  keyspace?: string;
  name: string;
}

/** CQL type source text, normalized: keywords lower-case, single spaces after commas, quoted names kept quoted. */
export type TypeText = string;

// ---------------------------------------------------------------------------------------------- terms

/** `?` (name undefined) or `:name` (name normalized like an identifier). */
export interface BindMarker {
  kind: 'bind';
  index: number;
  name?: string;
}

/**
 * A value expression: what may appear on the right of `=`, in VALUES (...), in collection literals, in
 * USING TTL/TIMESTAMP, LIMIT, and as literal arguments of functions.
 */
export type Term =
  | { kind: 'string'; value: string } // '…' with '' unescaped, or $$…$$ verbatim
  | { kind: 'integer'; text: string } // optional leading '-' then digits, e.g. '-42'
  | { kind: 'float'; text: string } // '1.5', '-2e10', 'NaN', 'Infinity', '-Infinity'
  | { kind: 'boolean'; value: boolean }
  | { kind: 'uuid'; value: string } // unquoted uuid constant, lower-cased
  | { kind: 'blob'; hex: string } // `0xCAFE` → hex 'cafe' (no prefix, lower-case, may be empty)
  | { kind: 'duration'; text: string } // '1h30m', '-2d', 'P1DT2H', 'P0001-00-02T00:00:00' as written (upper-cased P/T forms kept)
  | { kind: 'null' }
  | BindMarker
  | { kind: 'list'; elements: Term[] } // [a, b] — also vector literals
  | { kind: 'set'; elements: Term[] } // {a, b}
  | { kind: 'map'; entries: [Term, Term][] } // {k: v, …}; NOTE `{}` parses as an empty map: accept it for sets too
  | { kind: 'udt'; fields: { name: string; value: Term }[] } // {field: v, …} — keys are identifiers
  | { kind: 'tuple'; elements: Term[] } // (a, b); `(x)` is a 1-tuple, `(int) x` a typeHint
  | { kind: 'function'; name: QualifiedName; args: Term[] } // now(), uuid(), toTimestamp(now()), token(?, ?), ks.f(1)
  | { kind: 'typeHint'; type: TypeText; term: Term } // (int) ?  /  (bigint) 3
  | { kind: 'cast'; term: Term; type: TypeText } // CAST(1 AS text): type is a native type name
  | { kind: 'arithmetic'; op: '+' | '-' | '*' | '/' | '%'; left: Term; right: Term } // Cassandra 4 term arithmetic
  | { kind: 'negate'; term: Term }; // -x where x is not a numeric literal (e.g. -?)

// ------------------------------------------------------------------------------------------ selectors

/** One item of a SELECT clause (also used as function arguments inside selectors). */
export type Selector =
  | { kind: 'column'; name: string }
  | { kind: 'countStar' } // count(*) (and COUNT(*)); `count(1)` is a function with an integer arg
  | { kind: 'function'; name: QualifiedName; args: Selector[] } // ttl(c), writetime(c), token(a, b), max(x), similarity_cosine(v, [..])
  | { kind: 'cast'; arg: Selector; type: TypeText } // CAST(x AS text): type is a native type name
  | { kind: 'field'; arg: Selector; field: string } // addr.city
  | { kind: 'element'; arg: Selector; key: Term } // m['k'] (Cassandra 4 element selection)
  | { kind: 'slice'; arg: Selector; from?: Term; to?: Term } // s[a..b], s[..b], s[a..]
  | { kind: 'term'; term: Term }; // literal / bind marker / literal arithmetic used as a selector or function argument

export interface SelectItem {
  selector: Selector;
  alias?: string; // AS name
  /** The selector's source text with comments removed and whitespace collapsed, e.g. 'ttl(c)', 'count(*)'. */
  text: string;
}

// ------------------------------------------------------------------------------------------ WHERE / IF

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ColumnOp = CompareOp | 'CONTAINS' | 'CONTAINS KEY' | 'LIKE';

/** One WHERE relation (relations are ANDed; CQL has no OR). */
export type Relation =
  | { kind: 'column'; column: string; op: ColumnOp; value: Term } // c = ?, v CONTAINS 3, name LIKE 'a%'
  | { kind: 'mapEntry'; column: string; key: Term; op: CompareOp; value: Term } // m['k'] = 'v'
  | { kind: 'in'; column: string; values: Term[] | BindMarker } // c IN (1, 2) / c IN ?  (() → [])
  | { kind: 'token'; columns: string[]; op: CompareOp; value: Term } // token(a, b) > token(?, ?) / > -123
  | { kind: 'multiColumn'; columns: string[]; op: CompareOp; value: Term } // (c1, c2) > (1, 2) / > ?
  | { kind: 'multiColumnIn'; columns: string[]; values: Term[] | BindMarker } // (c1, c2) IN ((1, 2), (3, 4)) / IN ?
  | { kind: 'isNotNull'; column: string }; // materialized views only

/** One IF condition of a conditional UPDATE/DELETE. `element`: m[k] / l[i]; `field`: udt.f. */
export type Condition =
  | { kind: 'compare'; column: string; element?: Term; field?: string; op: CompareOp | 'CONTAINS' | 'CONTAINS KEY'; value: Term }
  | { kind: 'in'; column: string; element?: Term; field?: string; values: Term[] | BindMarker };

/** IF NOT EXISTS / IF EXISTS / IF cond AND … on a modification. */
export type IfClause = { kind: 'notExists' } | { kind: 'exists' } | { kind: 'conditions'; conditions: Condition[] };

/** USING TTL t AND TIMESTAMP ts (either, both, any order). */
export interface Using {
  ttl?: Term;
  timestamp?: Term;
}

// ------------------------------------------------------------------------------------------ options

/** A property value in WITH … AND …: constants keep their text (Cassandra stores them as strings). */
export type OptionValue =
  | { kind: 'constant'; text: string; literal: 'string' | 'integer' | 'float' | 'boolean' | 'identifier' }
  | { kind: 'map'; entries: [string, string][] }; // {'class': 'SimpleStrategy', 'replication_factor': 1} → [['class','SimpleStrategy'],['replication_factor','1']]

/** Properties in source order; names lower-cased; duplicates are a SYNTAX error in the parser. */
export type Options = { name: string; value: OptionValue }[];

export interface ColumnDef {
  name: string;
  type: TypeText;
  static: boolean;
}

export interface ClusteringOrder {
  column: string;
  order: 'ASC' | 'DESC';
}

// ------------------------------------------------------------------------------------------ statements

export interface UseStatement { kind: 'use'; keyspace: string }

export interface CreateKeyspace { kind: 'createKeyspace'; keyspace: string; ifNotExists: boolean; options: Options }
export interface AlterKeyspace { kind: 'alterKeyspace'; keyspace: string; ifExists: boolean; options: Options }
export interface DropKeyspace { kind: 'dropKeyspace'; keyspace: string; ifExists: boolean }

export interface CreateTable {
  kind: 'createTable';
  table: QualifiedName;
  ifNotExists: boolean;
  columns: ColumnDef[]; // in source order
  partitionKey: string[]; // from inline `PRIMARY KEY` or the PRIMARY KEY (...) clause; [] if none given
  clusteringColumns: string[];
  clusteringOrder: ClusteringOrder[]; // WITH CLUSTERING ORDER BY (…), as written
  compactStorage: boolean; // WITH COMPACT STORAGE (engine refuses)
  options: Options; // every other WITH property
}

export type AlterTableOp =
  | { kind: 'add'; columns: ColumnDef[]; ifNotExists: boolean } // ADD c int / ADD (a int, b text)
  | { kind: 'drop'; columns: string[]; ifExists: boolean; timestamp?: Term } // DROP c / DROP (a, b) [USING TIMESTAMP t]
  | { kind: 'rename'; renames: { from: string; to: string }[] } // RENAME a TO b AND c TO d
  | { kind: 'alterType'; column: string; type: TypeText } // ALTER c TYPE t (removed in Cassandra 4: engine refuses)
  | { kind: 'with'; options: Options; compactStorage: boolean } // WITH … (DROP COMPACT STORAGE → kind 'dropCompactStorage')
  | { kind: 'dropCompactStorage' };

export interface AlterTable { kind: 'alterTable'; table: QualifiedName; ifExists: boolean; op: AlterTableOp }
export interface DropTable { kind: 'dropTable'; table: QualifiedName; ifExists: boolean }
export interface Truncate { kind: 'truncate'; table: QualifiedName }

export interface CreateType {
  kind: 'createType';
  type: QualifiedName;
  ifNotExists: boolean;
  fields: { name: string; type: TypeText }[];
}
export type AlterTypeOp =
  | { kind: 'add'; field: string; type: TypeText; ifNotExists: boolean }
  | { kind: 'rename'; renames: { from: string; to: string }[]; ifExists: boolean }
  | { kind: 'alterType'; field: string; type: TypeText }; // refused in Cassandra 4
export interface AlterType { kind: 'alterType'; type: QualifiedName; ifExists: boolean; op: AlterTypeOp }
export interface DropType { kind: 'dropType'; type: QualifiedName; ifExists: boolean }

/** `simple` = plain `(col)`; the others are keys(col) / values(col) / entries(col) / full(col). */
export interface IndexTarget {
  column: string;
  mode: 'simple' | 'keys' | 'values' | 'entries' | 'full';
}
export interface CreateIndex {
  kind: 'createIndex';
  name?: string; // index name (no keyspace: an index lives in its table's keyspace)
  table: QualifiedName;
  ifNotExists: boolean;
  custom: boolean; // CREATE CUSTOM INDEX
  targets: IndexTarget[]; // usually one
  using?: string; // USING 'StorageAttachedIndex'
  options?: [string, string][]; // WITH OPTIONS = {...}
}
export interface DropIndex { kind: 'dropIndex'; index: QualifiedName; ifExists: boolean }

export interface CreateFunction {
  kind: 'createFunction';
  fn: QualifiedName;
  orReplace: boolean;
  ifNotExists: boolean;
  args: { name: string; type: TypeText }[];
  calledOnNullInput: boolean; // CALLED ON NULL INPUT (true) vs RETURNS NULL ON NULL INPUT (false)
  returns: TypeText;
  language: string; // lower-cased, e.g. 'java'
  body: string; // $$…$$ or '…' content
}
export interface DropFunction { kind: 'dropFunction'; fn: QualifiedName; ifExists: boolean; argTypes?: TypeText[] }

export interface CreateAggregate {
  kind: 'createAggregate';
  aggregate: QualifiedName;
  orReplace: boolean;
  ifNotExists: boolean;
  argTypes: TypeText[];
  sfunc: QualifiedName;
  stype: TypeText;
  finalfunc?: QualifiedName;
  initcond?: Term;
}
export interface DropAggregate { kind: 'dropAggregate'; aggregate: QualifiedName; ifExists: boolean; argTypes?: TypeText[] }

export interface CreateMaterializedView {
  kind: 'createMaterializedView';
  view: QualifiedName;
  ifNotExists: boolean;
  select: Select; // the AS SELECT … (where holds IS NOT NULL relations)
  partitionKey: string[];
  clusteringColumns: string[];
  clusteringOrder: ClusteringOrder[];
  options: Options;
}
export interface AlterMaterializedView { kind: 'alterMaterializedView'; view: QualifiedName; ifExists: boolean; options: Options }
export interface DropMaterializedView { kind: 'dropMaterializedView'; view: QualifiedName; ifExists: boolean }

/** INSERT … VALUES: columns/values aligned. INSERT JSON: columns/values empty and `json` set. */
export interface Insert {
  kind: 'insert';
  table: QualifiedName;
  columns: string[];
  values: Term[];
  json?: { value: Term; defaultUnset: boolean }; // DEFAULT UNSET → true; DEFAULT NULL / omitted → false
  ifNotExists: boolean;
  using: Using;
}

export type Assignment =
  | { kind: 'set'; column: string; value: Term } // c = v
  | { kind: 'setElement'; column: string; key: Term; value: Term } // m[k] = v, l[i] = v
  | { kind: 'setField'; column: string; field: string; value: Term } // udt.f = v
  | { kind: 'add'; column: string; value: Term } // c = c + v, c += v (append, set/map add, counter increment)
  | { kind: 'prepend'; column: string; value: Term } // c = v + c (lists)
  | { kind: 'subtract'; column: string; value: Term }; // c = c - v, c -= v (remove, counter decrement)

export interface Update {
  kind: 'update';
  table: QualifiedName;
  using: Using;
  assignments: Assignment[];
  where: Relation[];
  if?: IfClause; // IF EXISTS / IF cond AND … (never notExists)
}

/** DELETE target: whole column, an element m[k] / l[i], or a udt field. */
export interface DeleteTarget {
  column: string;
  element?: Term;
  field?: string;
}
export interface Delete {
  kind: 'delete';
  table: QualifiedName;
  targets: DeleteTarget[]; // [] → the whole row / partition
  using: Using; // only timestamp is valid; the parser refuses TTL
  where: Relation[];
  if?: IfClause;
}

export type Modification = Insert | Update | Delete;

export interface Batch {
  kind: 'batch';
  type: 'LOGGED' | 'UNLOGGED' | 'COUNTER';
  using: Using; // USING TIMESTAMP for the whole batch
  statements: Modification[];
}

export interface OrderBy {
  column: string;
  order: 'ASC' | 'DESC';
}

export interface Select {
  kind: 'select';
  table: QualifiedName;
  json: boolean;
  distinct: boolean;
  selectors: SelectItem[] | '*';
  where: Relation[];
  groupBy: string[];
  orderBy: OrderBy[]; // empty when ann is set
  ann?: { column: string; value: Term }; // ORDER BY v ANN OF [..] / ANN OF ?
  perPartitionLimit?: Term;
  limit?: Term;
  allowFiltering: boolean;
}

/**
 * Role / user / permission statements are only recognized, not modelled: `command` is the leading words,
 * upper-case, e.g. 'CREATE ROLE', 'LIST ROLES', 'GRANT', 'LIST PERMISSIONS', 'CREATE USER'.
 */
export interface AuthStatement { kind: 'auth'; command: string }

/**
 * Server-side DESCRIBE (Cassandra 4). `what` is one of: CLUSTER, SCHEMA, FULL SCHEMA, KEYSPACES, KEYSPACE,
 * ONLY KEYSPACE, TABLES, TABLE, INDEX, MATERIALIZED VIEW, TYPES, TYPE, FUNCTIONS, FUNCTION, AGGREGATES, AGGREGATE,
 * GENERIC (`DESCRIBE x` / `DESCRIBE ks.x`). For (ONLY) KEYSPACE the keyspace, if given, is `name.name`.
 */
export interface Describe { kind: 'describe'; what: string; name?: QualifiedName; withInternals: boolean }

export type Statement =
  | UseStatement
  | CreateKeyspace | AlterKeyspace | DropKeyspace
  | CreateTable | AlterTable | DropTable | Truncate
  | CreateType | AlterType | DropType
  | CreateIndex | DropIndex
  | CreateFunction | DropFunction | CreateAggregate | DropAggregate
  | CreateMaterializedView | AlterMaterializedView | DropMaterializedView
  | Insert | Update | Delete | Batch
  | Select
  | AuthStatement
  | Describe;
