// Query history wiring: every statement the CQL sessions finish (notebooks, `.cql` files, explorer actions that
// open notebooks, row edits) is recorded per connection, saved in the global storage folder, and shown in the
// "Query History" view and a searchable QuickPick.

import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CqlSessions } from '../cql/sessions.js';
import type { Services } from '../services.js';
import { HistoryCommands } from './historyCommands.js';
import { HistoryFile } from './historyFile.js';
import { HistoryStore } from './historyStore.js';
import { recordableText } from './recordableText.js';
import { HISTORY_VIEW, HistoryTree } from './historyView.js';

export function registerHistory(services: Services, cql: CqlSessions): HistoryStore {
  const log = services.logger('history');
  const store = new HistoryStore();
  const file = new HistoryFile(join(services.context.globalStorageUri.fsPath, 'query-history.json'), store);
  // Statements run before the saved history is read are merged after it.
  const early: Parameters<HistoryStore['add']>[0][] = [];
  let loaded = false;
  void file.load().then(
    (n) => {
      loaded = true;
      for (const s of early.splice(0)) store.add(s);
      if (n) log.debug(`loaded ${n} history entries`);
    },
    () => (loaded = true),
  );
  const tree = new HistoryTree(store, services.connections);
  services.context.subscriptions.push(
    cql.onDidFinishStatement((finished) => {
      const s = { ...finished, text: recordableText(finished.text) };
      if (loaded) store.add(s);
      else early.push(s);
    }),
    toDisposable(store.onDidChange(() => file.scheduleSave())),
    tree,
    vscode.window.createTreeView(HISTORY_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    ...new HistoryCommands(store, services.connections).register(),
    { dispose: () => void file.save().catch((e: unknown) => log.warn(`could not save the query history: ${String(e)}`)) },
  );
  return store;
}

const toDisposable = (d: { dispose(): void }): vscode.Disposable => new vscode.Disposable(() => d.dispose());
