// COPY in notebook cells and .cql files: the session hands the statement here (StatementHandler); relative paths
// resolve against the document's folder, and the run shows a progress notification. The cell gets the counts.

import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { Outcome, StatementHandler } from '../cql/session.js';
import { parseCopyCommand, tableName } from './copyCommand.js';
import { withCopyProgress } from './copyProgress.js';
import { resultText } from './copyResult.js';
import { copyKeyspace, runCopy } from './copyStatement.js';

/** The folder of the document a session belongs to (its uri string), when it is a file on disk. */
export function documentFolder(key: string): string | undefined {
  const uri = vscode.Uri.parse(key);
  if (uri.scheme === 'file') return dirname(uri.fsPath);
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
}

export function copyStatementHandler(key: string): StatementHandler {
  return (text, ctx) => {
    const parsed = parseCopyCommand(text);
    if (!parsed) return undefined;
    return (async (): Promise<Outcome> => {
      if (!parsed.ok) return { kind: 'error', failure: { errorClass: 'shell', name: 'CopyCommandError', message: parsed.error, statement: text } };
      const spec = parsed.spec;
      const client = await ctx.client();
      const table = tableName({ keyspace: copyKeyspace(spec, ctx.keyspace), table: spec.table }, undefined);
      const title = spec.direction === 'to' ? `COPY ${table} TO ${spec.file}` : `COPY ${table} FROM ${spec.file}`;
      const result = await withCopyProgress(title, ctx.signal, (run) =>
        runCopy(spec, { client, keyspace: ctx.keyspace, baseDir: documentFolder(key) }, { ...run, ...(ctx.consistency !== undefined ? { consistency: ctx.consistency } : {}) }));
      return { kind: 'text', text: resultText(result, table) };
    })();
  };
}
