// "Export Table…" and "Import into Table…" on table nodes of the explorer: a file dialog, then the same COPY run
// a cell would do (CSV with a header, or JSON Lines by the file's extension), with progress and a summary.

import { openSync, readSync, closeSync } from 'node:fs';
import * as vscode from 'vscode';
import { connectWithProgress } from '../connections/connectProgress.js';
import { showCommandError } from '../connections/errorNotification.js';
import type { Logger } from '../logging.js';
import type { Services } from '../services.js';
import { copyOptions, tableName, type CopySpec } from './copyCommand.js';
import { withCopyProgress } from './copyProgress.js';
import { resultText } from './copyResult.js';
import { runCopy } from './copyStatement.js';

export const COPY_COMMANDS = { exportTable: 'astra.copy.exportTable', importTable: 'astra.copy.importTable' } as const;

/** The explorer's table node, as far as these commands need it. */
interface TableNode { kind: string; profileId: string; keyspace: string; name: string }

const FILTERS = { 'CSV': ['csv'], 'JSON Lines': ['jsonl', 'ndjson', 'json'] };

export function registerCopyCommands(services: Services, log: Logger): vscode.Disposable[] {
  const run = (id: string, fn: (node: TableNode) => Promise<void>) =>
    vscode.commands.registerCommand(id, async (node?: TableNode) => {
      try {
        if (node?.kind !== 'table') throw new Error('Run this command on a table in the Astra DB Connections view.');
        await fn(node);
      } catch (err) {
        await showCommandError(err, log, id);
      }
    });

  const copy = async (node: TableNode, direction: 'to' | 'from', file: vscode.Uri, header: boolean) => {
    const options = copyOptions(header ? { HEADER: 'true' } : {}, direction, file.fsPath);
    if (typeof options === 'string') throw new Error(options);
    const spec: CopySpec = { direction, keyspace: node.keyspace, table: node.name, columns: [], file: file.fsPath, options };
    const client = await connectWithProgress(services.connections, node.profileId);
    const table = tableName({ keyspace: node.keyspace, table: node.name }, undefined);
    const result = await withCopyProgress(`${direction === 'to' ? 'Exporting' : 'Importing into'} ${table}`, undefined, (r) =>
      runCopy(spec, { client, keyspace: node.keyspace, baseDir: undefined }, r));
    const text = resultText(result, table);
    log.info(text.replace(/\n/g, ' '));
    const actions = result.errorFile ? ['Open Error File'] : [];
    const pick = await vscode.window.showInformationMessage(text, ...actions);
    if (pick === 'Open Error File' && result.errorFile) await vscode.window.showTextDocument(vscode.Uri.file(result.errorFile));
  };

  return [
    run(COPY_COMMANDS.exportTable, async (node) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        title: `Export ${node.keyspace}.${node.name}`, filters: FILTERS,
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${node.name}.csv`) } : {}),
      });
      if (target) await copy(node, 'to', target, true);
    }),
    run(COPY_COMMANDS.importTable, async (node) => {
      const picked = await vscode.window.showOpenDialog({ title: `Import into ${node.keyspace}.${node.name}`, filters: FILTERS, canSelectMany: false });
      if (picked?.[0]) await copy(node, 'from', picked[0], startsWithHeader(picked[0].fsPath));
    }),
  ];
}

/** A CSV whose first line has no digits-only or quoted field is taken to start with a header (column names). */
function startsWithHeader(path: string): boolean {
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return false;
  const buf = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  let n = 0;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const first = buf.subarray(0, n).toString('utf8').split(/\r?\n/)[0] ?? '';
  return first.split(',').every((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f.trim()));
}
