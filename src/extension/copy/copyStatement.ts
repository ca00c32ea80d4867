// One COPY statement end to end, without VS Code: which keyspace and file it means, the table's columns, then the
// export or import. The notebook / .cql handler adds the progress notification around it.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Client } from 'cassandra-driver';
import type { CopySpec } from './copyCommand.js';
import type { CopyResult, CopyRunOptions } from './copyResult.js';
import { chooseColumns, copyTable } from './copyTable.js';
import { exportTable } from './exportTable.js';
import { importTable, WINDOW } from './importTable.js';
import { loadDriverTypes } from './driverTypes.js';

export interface CopyTarget {
  client: Client;
  /** The session's keyspace, for unqualified table names. */
  keyspace: string | undefined;
  /** Folder relative paths resolve against (the notebook's or .cql file's); undefined for unsaved documents. */
  baseDir: string | undefined;
}

export function copyPath(file: string, baseDir: string | undefined): string {
  if (file === '~' || file.startsWith('~/')) return join(homedir(), file.slice(1));
  if (isAbsolute(file)) return file;
  if (!baseDir) throw new Error(`'${file}' is a relative path, and this document has no folder: save it first or use an absolute path.`);
  return resolve(baseDir, file);
}

export function copyKeyspace(spec: CopySpec, keyspace: string | undefined): string {
  const ks = spec.keyspace ?? keyspace;
  if (!ks) throw new Error(`No keyspace for table ${spec.table}: write COPY keyspace.${spec.table} … or USE a keyspace first.`);
  return ks;
}

export async function runCopy(spec: CopySpec, t: CopyTarget, run: CopyRunOptions = {}): Promise<CopyResult> {
  await loadDriverTypes();
  const keyspace = copyKeyspace(spec, t.keyspace);
  const path = copyPath(spec.file, t.baseDir);
  if (spec.direction === 'from' && !existsSync(path)) throw new Error(`COPY FROM: no file ${path}`);
  const table = await copyTable(t.client, keyspace, spec.table);
  const columns = chooseColumns(table, spec.columns);
  const result = await (spec.direction === 'to'
    ? exportTable(t.client, table, columns, path, spec.options, run)
    : importTable(t.client, table, columns, spec.columns.length > 0, path, spec.options, run));
  if (spec.options.chunkSize !== undefined) {
    result.notes = [`CHUNKSIZE has no effect here: cqlsh hands chunks of rows to worker processes; this ${spec.direction === 'to' ? 'export reads pages of PAGESIZE rows' : `import streams the file into ${WINDOW} concurrent writes`}.`];
  }
  return result;
}
