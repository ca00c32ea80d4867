// Query history actions: search (a QuickPick over every connection), re-run in a notebook, copy, open in a `.cql`
// file, star / unstar, clear (after a confirmation).

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import type { HistoryEntry, HistoryStore } from './historyStore.js';
import { entryFacts, firstLine, profileName, type HistoryNode } from './historyView.js';

export const HISTORY_COMMANDS = {
  search: 'astra.history.search',
  rerun: 'astra.history.rerun',
  copy: 'astra.history.copy',
  openInEditor: 'astra.history.openInEditor',
  star: 'astra.history.star',
  unstar: 'astra.history.unstar',
  clear: 'astra.history.clear',
} as const;

type Target = HistoryNode | HistoryEntry | undefined;

const entryOf = (t: Target): HistoryEntry | undefined => (!t ? undefined : 'kind' in t && t.kind === 'entry' ? t.entry : 'text' in t ? t : undefined);

export class HistoryCommands {
  constructor(
    private readonly store: HistoryStore,
    private readonly connections: ConnectionService,
  ) {}

  register(): vscode.Disposable[] {
    const withEntry = (fn: (e: HistoryEntry) => unknown) => async (t: Target) => {
      const e = entryOf(t) ?? (await this.pick());
      if (e) await fn(e);
    };
    return [
      vscode.commands.registerCommand(HISTORY_COMMANDS.search, async () => {
        const e = await this.pick();
        if (e) await this.act(e);
      }),
      vscode.commands.registerCommand(HISTORY_COMMANDS.rerun, withEntry((e) => rerun(e))),
      vscode.commands.registerCommand(HISTORY_COMMANDS.copy, withEntry((e) => vscode.env.clipboard.writeText(e.text))),
      vscode.commands.registerCommand(HISTORY_COMMANDS.openInEditor, withEntry((e) => openInEditor(e))),
      vscode.commands.registerCommand(HISTORY_COMMANDS.star, withEntry((e) => this.store.setStarred(e.id, true))),
      vscode.commands.registerCommand(HISTORY_COMMANDS.unstar, withEntry((e) => this.store.setStarred(e.id, false))),
      vscode.commands.registerCommand(HISTORY_COMMANDS.clear, (t?: HistoryNode) => this.clear(t?.kind === 'profile' ? t.profileId : undefined)),
    ];
  }

  /** A searchable list of every statement: type to filter by text, connection or status (`error`, `ok`). */
  async pick(): Promise<HistoryEntry | undefined> {
    const entries = this.store.list();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage('The query history is empty: statements you run are listed here.');
      return undefined;
    }
    const items = historyItems(entries, (id) => profileName(this.connections, id));
    const picked = await vscode.window.showQuickPick(items, {
      title: `Query History (${entries.length})`,
      placeHolder: 'Filter by statement text, connection, keyspace or status (ok, error, starred)',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.entry;
  }

  private async act(e: HistoryEntry): Promise<void> {
    const actions = [
      { label: '$(play) Re-run in a Notebook', run: () => rerun(e) },
      { label: '$(go-to-file) Open in a CQL File', run: () => openInEditor(e) },
      { label: '$(copy) Copy', run: () => vscode.env.clipboard.writeText(e.text) },
      e.starred
        ? { label: '$(star-empty) Unstar', run: () => this.store.setStarred(e.id, false) }
        : { label: '$(star-full) Star (never dropped from the history)', run: () => this.store.setStarred(e.id, true) },
    ];
    const a = await vscode.window.showQuickPick(actions, { title: firstLine(e.text) });
    await a?.run();
  }

  private async clear(profileId: string | undefined): Promise<void> {
    const scope = profileId ? `of ${profileName(this.connections, profileId)}` : 'of every connection';
    const n = this.store.list(profileId ? { profileId } : {}).filter((e) => !e.starred).length;
    const choice = await vscode.window.showWarningMessage(`Clear the query history ${scope}?`, { modal: true, detail: `${n} statements will be removed. Starred statements are kept.` }, 'Clear');
    if (choice === 'Clear') this.store.clear(profileId);
  }
}

export interface HistoryItem extends vscode.QuickPickItem {
  entry: HistoryEntry;
}

/** QuickPick rows: the statement, then connection · facts, then the time (all matched by the filter). */
export function historyItems(entries: readonly HistoryEntry[], name: (profileId: string) => string): HistoryItem[] {
  return entries.map((entry) => ({
    label: `${entry.starred ? '$(star-full) ' : ''}${firstLine(entry.text)}`,
    description: `${name(entry.profileId)} · ${entryFacts(entry)}${entry.starred ? ' · starred' : ''}`,
    detail: new Date(entry.at).toLocaleString(),
    entry,
  }));
}

/** A new notebook on the entry's connection and keyspace, with the statement in a cell, run at once. */
function rerun(e: HistoryEntry): Thenable<unknown> {
  return vscode.commands.executeCommand('astra.newNotebook', { profileId: e.profileId, ...(e.keyspace ? { keyspace: e.keyspace } : {}), cells: [e.text], run: true });
}

async function openInEditor(e: HistoryEntry): Promise<void> {
  const header = e.keyspace ? `USE ${e.keyspace.includes('"') || /[^a-z0-9_]/.test(e.keyspace) ? `"${e.keyspace.replace(/"/g, '""')}"` : e.keyspace};\n\n` : '';
  const doc = await vscode.workspace.openTextDocument({ language: 'cql', content: `${header}${e.text.trim()};\n` });
  await vscode.window.showTextDocument(doc);
}
