// Requests from result renderers (notebook outputs and the `.cql` results panel): status (is the result live?),
// Load more, Export (all pages, streamed to a file chosen in a save dialog) and copy. Live queries are found by id
// in the one registry all sessions share.

import { createWriteStream, type WriteStream } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionResponse, ExportFormat, RendererRequest } from '../../shared/messages.js';
import { csvHeader, csvRows, jsonClose, JSON_OPEN, jsonRows } from './exportFormat.js';
import type { CqlSession } from './session.js';

/**
 * Answers one renderer request; notebooks and the `.cql` results panel differ only in how they word a result that
 * is no longer live.
 */
export async function answerRendererRequest(
  msg: RendererRequest,
  findLive: (queryId: string) => CqlSession | undefined,
  notLive: string,
): Promise<ExtensionResponse> {
  switch (msg.type) {
    case 'status': {
      const live = !!findLive(msg.queryId);
      return { type: 'status', requestId: msg.requestId, queryId: msg.queryId, live, ...(live ? {} : { reason: notLive }) };
    }
    case 'loadMore': {
      const session = findLive(msg.queryId);
      if (!session) return { type: 'error', requestId: msg.requestId, message: notLive };
      const { rows, hasMore } = await session.loadMore(msg.queryId);
      return { type: 'rows', requestId: msg.requestId, queryId: msg.queryId, rows, hasMore };
    }
    case 'export': {
      const session = findLive(msg.queryId);
      if (!session) return { type: 'error', requestId: msg.requestId, message: notLive };
      const target = await vscode.window.showSaveDialog({
        title: `Export all rows as ${msg.format.toUpperCase()}`,
        filters: msg.format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        ...(vscode.workspace.workspaceFolders?.[0]
          ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `result.${msg.format}`) }
          : {}),
      });
      if (!target) return { type: 'cancelled', requestId: msg.requestId };
      const rowCount = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Exporting ${msg.format.toUpperCase()}`, cancellable: true },
        (progress, token) => exportTo(session, msg.queryId, msg.format, target, token, (n) => progress.report({ message: `${n} rows` })),
      );
      void vscode.window.showInformationMessage(`Exported ${rowCount} rows to ${target.fsPath || target.toString()}.`);
      return { type: 'exported', requestId: msg.requestId, queryId: msg.queryId, rowCount, path: target.toString() };
    }
    case 'copy':
      await vscode.env.clipboard.writeText(msg.text);
      return { type: 'copied', requestId: msg.requestId };
  }
}

/** Streams every page of the query into the file (local files stream; other file systems get one write). */
async function exportTo(
  session: CqlSession,
  queryId: string,
  format: ExportFormat,
  target: vscode.Uri,
  token: vscode.CancellationToken,
  onProgress: (rows: number) => void,
): Promise<number> {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  const chunks: string[] = [];
  let stream: WriteStream | undefined;
  if (target.scheme === 'file') stream = createWriteStream(target.fsPath, { encoding: 'utf8' });
  const write = (s: string) =>
    stream ? new Promise<void>((resolve, reject) => stream!.write(s, (e) => (e ? reject(e) : resolve()))) : (chunks.push(s), Promise.resolve());
  let written = 0;
  try {
    if (format === 'json') await write(JSON_OPEN);
    let headerDone = false;
    const count = await session.exportAll(
      queryId,
      async (columns, rows) => {
        if (format === 'csv') {
          await write((headerDone ? '' : csvHeader(columns)) + csvRows(rows));
        } else {
          await write(jsonRows(columns, rows, written === 0));
        }
        headerDone = true;
        written += rows.length;
        onProgress(written);
      },
      abort.signal,
    );
    if (format === 'json') await write(jsonClose(count === 0));
    if (!stream) await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(chunks.join('')));
    return count;
  } finally {
    sub.dispose();
    if (stream) await new Promise<void>((resolve) => stream!.end(resolve));
  }
}
