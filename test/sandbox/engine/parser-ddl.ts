// Schema statements on keyspaces, tables, types and indexes (Parser.g create/alter/drop …Statement).

import { invalid } from '../errors.js';
import { formatTypeSyntax } from '../types/cqltype-text.js';
import type {
  AlterTable, AlterTableOp, AlterType, ClusteringOrder, ColumnDef, CreateIndex, CreateTable, CreateType, IndexTarget,
  Options, Statement,
} from './ast.js';
import type { Cursor } from './parser-core.js';
import { parseProperties, parseProperty, parseQualifiedName } from './parser-clauses.js';
import { parseTypeSyntax } from './parser-types.js';

export const parseTypeText = (c: Cursor) => formatTypeSyntax(parseTypeSyntax(c));

/** `IF NOT EXISTS` when present. */
export function ifNotExists(c: Cursor): boolean {
  if (!c.is('K_IF')) return false;
  c.next();
  c.expect('K_NOT');
  c.expect('K_EXISTS');
  return true;
}
export function ifExists(c: Cursor): boolean {
  if (!c.accept('K_IF')) return false;
  c.expect('K_EXISTS');
  return true;
}

const keyspaceName = (c: Cursor) => c.ident('keyspace');
const isKeyspaceKeyword = (c: Cursor) => c.is('K_KEYSPACE', 'K_SCHEMA');

export function parseCreateKeyspace(c: Cursor): Statement {
  c.next(); // KEYSPACE / SCHEMA
  const ine = ifNotExists(c);
  const keyspace = keyspaceName(c);
  c.expect('K_WITH');
  return { kind: 'createKeyspace', keyspace, ifNotExists: ine, options: parseProperties(c) };
}

export function parseCreateTable(c: Cursor): CreateTable {
  c.expect('K_COLUMNFAMILY');
  const ine = ifNotExists(c);
  const table = parseQualifiedName(c);
  const stmt: CreateTable = {
    kind: 'createTable', table, ifNotExists: ine, columns: [], partitionKey: [], clusteringColumns: [],
    clusteringOrder: [], compactStorage: false, options: [],
  };
  let keyGiven = false;
  const setKey = (partition: string[], clustering: string[]) => {
    if (keyGiven) throw invalid('Multiple PRIMARY KEYs specified (exactly one required)');
    keyGiven = true;
    stmt.partitionKey = partition;
    stmt.clusteringColumns = clustering;
  };
  c.expect("'('");
  let first = true;
  do {
    if (!first && c.is("')'")) break; // a trailing comma is allowed
    first = false;
    if (c.is('K_PRIMARY')) {
      c.next();
      c.expect('K_KEY');
      c.expect("'('");
      const partition = parsePartitionKey(c);
      const clustering: string[] = [];
      while (c.accept("','")) clustering.push(c.ident());
      c.expect("')'");
      setKey(partition, clustering);
      continue;
    }
    const name = c.ident();
    const type = parseTypeText(c);
    const isStatic = !!c.accept('K_STATIC');
    stmt.columns.push({ name, type, static: isStatic });
    if (c.is('K_PRIMARY')) {
      c.next();
      c.expect('K_KEY');
      setKey([name], []);
    }
  } while (c.accept("','"));
  c.expect("')'");
  if (c.accept('K_WITH')) parseTableProperties(c, stmt, false);
  return stmt;
}

function parsePartitionKey(c: Cursor): string[] {
  if (!c.accept("'('")) return [c.ident()];
  const keys = [c.ident()];
  while (c.accept("','")) keys.push(c.ident());
  c.expect("')'");
  return keys;
}

/** tableProperty / viewProperty list: properties, COMPACT STORAGE, CLUSTERING ORDER BY (…). */
export function parseTableProperties(
  c: Cursor,
  target: { options: Options; clusteringOrder: ClusteringOrder[]; compactStorage?: boolean },
  isView: boolean,
): void {
  do {
    if (c.is('K_COMPACT') && c.type(1) === 'K_STORAGE') {
      if (isView) throw c.plain('COMPACT STORAGE tables are not allowed starting with version 4.0');
      c.next();
      c.next();
      target.compactStorage = true;
    } else if (c.is('K_CLUSTERING') && c.type(1) === 'K_ORDER') {
      c.next();
      c.next();
      c.expect('K_BY');
      c.expect("'('");
      do {
        const column = c.ident();
        let order: ClusteringOrder['order'];
        if (c.accept('K_ASC')) order = 'ASC';
        else if (c.accept('K_DESC')) order = 'DESC';
        else throw c.noViable();
        target.clusteringOrder.push({ column, order });
      } while (c.accept("','"));
      c.expect("')'");
    } else {
      parseProperty(c, target.options);
    }
  } while (c.accept('K_AND'));
}

export function parseAlterTable(c: Cursor): AlterTable {
  c.expect('K_COLUMNFAMILY');
  const ie = ifExists(c);
  const table = parseQualifiedName(c);
  let op: AlterTableOp;
  if (c.accept('K_ALTER')) {
    const column = c.cident();
    c.expect('K_TYPE');
    op = { kind: 'alterType', column, type: parseTypeText(c) };
  } else if (c.accept('K_ADD')) {
    const ine = ifNotExists(c);
    const columns: ColumnDef[] = [];
    const one = () => columns.push({ name: c.ident(), type: parseTypeText(c), static: !!c.accept('K_STATIC') });
    if (c.accept("'('")) {
      do one();
      while (c.accept("','"));
      c.expect("')'");
    } else {
      one();
    }
    op = { kind: 'add', columns, ifNotExists: ine };
  } else if (c.is('K_DROP') && c.type(1) === 'K_COMPACT') {
    c.next();
    c.next();
    c.expect('K_STORAGE');
    op = { kind: 'dropCompactStorage' };
  } else if (c.accept('K_DROP')) {
    const ie2 = ifExists(c);
    const columns: string[] = [];
    if (c.accept("'('")) {
      do columns.push(c.ident());
      while (c.accept("','"));
      c.expect("')'");
    } else {
      columns.push(c.ident());
    }
    op = { kind: 'drop', columns, ifExists: ie2 };
    if (c.accept('K_USING')) {
      c.expect('K_TIMESTAMP');
      op.timestamp = { kind: 'integer', text: c.expect('INTEGER').text };
    }
  } else if (c.accept('K_RENAME')) {
    ifExists(c);
    const renames: { from: string; to: string }[] = [];
    do {
      const from = c.cident();
      c.expect('K_TO');
      renames.push({ from, to: c.cident() });
    } while (c.accept('K_AND'));
    op = { kind: 'rename', renames };
  } else if (c.accept('K_WITH')) {
    const target = { options: [] as Options, clusteringOrder: [] as ClusteringOrder[], compactStorage: false };
    parseProperties(c, target.options);
    op = { kind: 'with', options: target.options, compactStorage: false };
  } else {
    throw c.noViable();
  }
  return { kind: 'alterTable', table, ifExists: ie, op };
}

export function parseCreateType(c: Cursor): CreateType {
  c.expect('K_TYPE');
  const ine = ifNotExists(c);
  const type = parseUserTypeName(c);
  c.expect("'('");
  const fields: CreateType['fields'] = [];
  do {
    if (c.is("')'") && fields.length > 0) break;
    fields.push({ name: c.ident(), type: parseTypeText(c) });
  } while (c.accept("','"));
  c.expect("')'");
  return { kind: 'createType', type, ifNotExists: ine, fields };
}

export function parseUserTypeName(c: Cursor) {
  if (c.type(1) === "'.'") {
    const keyspace = c.ident('keyspace');
    c.next();
    return { keyspace, name: c.typeNameIdent() };
  }
  return { name: c.typeNameIdent() };
}

export function parseAlterType(c: Cursor): AlterType {
  c.expect('K_TYPE');
  const ie = ifExists(c);
  const type = parseUserTypeName(c);
  let op: AlterType['op'];
  if (c.accept('K_ALTER')) {
    const field = c.ident();
    c.expect('K_TYPE');
    op = { kind: 'alterType', field, type: parseTypeText(c) };
  } else if (c.accept('K_ADD')) {
    const ine = ifNotExists(c);
    op = { kind: 'add', field: c.ident(), type: parseTypeText(c), ifNotExists: ine };
  } else if (c.accept('K_RENAME')) {
    const ie2 = ifExists(c);
    const renames: { from: string; to: string }[] = [];
    do {
      const from = c.ident();
      c.expect('K_TO');
      renames.push({ from, to: c.ident() });
    } while (c.accept('K_AND'));
    op = { kind: 'rename', renames, ifExists: ie2 };
  } else {
    throw c.noViable();
  }
  return { kind: 'alterType', type, ifExists: ie, op };
}

export function parseCreateIndex(c: Cursor): CreateIndex {
  const custom = !!c.accept('K_CUSTOM');
  c.expect('K_INDEX');
  const ine = ifNotExists(c);
  const name = c.is('K_ON') ? undefined : c.ident('index');
  c.expect('K_ON');
  const table = parseQualifiedName(c);
  const stmt: CreateIndex = { kind: 'createIndex', table, ifNotExists: ine, custom, targets: [] };
  if (name !== undefined) stmt.name = name;
  c.expect("'('");
  if (!c.is("')'")) {
    do stmt.targets.push(parseIndexTarget(c));
    while (c.accept("','"));
  }
  c.expect("')'");
  if (c.accept('K_USING')) stmt.using = c.expect('STRING_LITERAL').text;
  if (c.accept('K_WITH')) {
    for (const p of parseProperties(c)) {
      if (p.name !== 'options') throw invalid(`Unknown property '${p.name}'`);
      stmt.options = p.value.kind === 'map' ? p.value.entries : [];
    }
  }
  return stmt;
}

const INDEX_MODES: Record<string, IndexTarget['mode']> = {
  K_VALUES: 'values', K_KEYS: 'keys', K_ENTRIES: 'entries', K_FULL: 'full',
};

function parseIndexTarget(c: Cursor): IndexTarget {
  const mode = INDEX_MODES[c.type()];
  if (mode && c.type(1) === "'('") {
    c.next();
    c.next();
    const column = c.cident();
    c.expect("')'");
    return { column, mode };
  }
  return { column: c.cident(), mode: 'simple' };
}

/** DROP KEYSPACE / TABLE / TYPE / INDEX (after K_DROP); undefined for other DROP targets. */
export function parseDropSchemaObject(c: Cursor): Statement | undefined {
  if (isKeyspaceKeyword(c)) {
    c.next();
    const ie = ifExists(c);
    return { kind: 'dropKeyspace', ifExists: ie, keyspace: keyspaceName(c) };
  }
  if (c.accept('K_COLUMNFAMILY')) {
    const ie = ifExists(c);
    return { kind: 'dropTable', ifExists: ie, table: parseQualifiedName(c) };
  }
  if (c.accept('K_TYPE')) {
    const ie = ifExists(c);
    return { kind: 'dropType', ifExists: ie, type: parseUserTypeName(c) };
  }
  if (c.accept('K_INDEX')) {
    const ie = ifExists(c);
    return { kind: 'dropIndex', ifExists: ie, index: parseQualifiedName(c, 'index') };
  }
  return undefined;
}

export function parseAlterKeyspace(c: Cursor): Statement {
  c.next(); // KEYSPACE / SCHEMA
  const ie = ifExists(c);
  const keyspace = keyspaceName(c);
  c.expect('K_WITH');
  return { kind: 'alterKeyspace', keyspace, ifExists: ie, options: parseProperties(c) };
}

export { isKeyspaceKeyword };
