// The "Query History" tree in the Astra DB side bar: connections, then their statements, newest first.

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import type { HistoryEntry, HistoryStore } from './historyStore.js';

export type HistoryNode = { kind: 'profile'; profileId: string } | { kind: 'entry'; entry: HistoryEntry };

export const HISTORY_VIEW = 'astraDb.history';

export class HistoryTree implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: { dispose(): void };
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: HistoryStore,
    private readonly connections: ConnectionService,
  ) {
    // A notebook running many statements refreshes the tree once, not once per statement.
    this.sub = store.onDidChange(() => {
      this.pending ??= setTimeout(() => {
        this.pending = undefined;
        this.emitter.fire(undefined);
      }, 150);
    });
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    if (!node) return this.store.profiles().map((profileId) => ({ kind: 'profile', profileId }));
    if (node.kind === 'profile') return this.store.list({ profileId: node.profileId }).map((entry) => ({ kind: 'entry', entry }));
    return [];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'profile') {
      const item = new vscode.TreeItem(profileName(this.connections, node.profileId), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `history:${node.profileId}`;
      item.description = `${this.store.size(node.profileId)} statements`;
      item.contextValue = 'historyProfile';
      item.iconPath = new vscode.ThemeIcon('database');
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(firstLine(e.text), vscode.TreeItemCollapsibleState.None);
    item.id = `history:${e.id}`;
    item.description = entryFacts(e);
    item.tooltip = new vscode.MarkdownString().appendCodeblock(e.text, 'cql').appendText(`${entryFacts(e)} · ${new Date(e.at).toLocaleString()}`);
    item.contextValue = e.starred ? 'historyEntryStarred' : 'historyEntry';
    item.iconPath = new vscode.ThemeIcon(e.starred ? 'star-full' : e.status === 'ok' ? 'pass' : e.status === 'error' ? 'error' : 'circle-slash');
    return item;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export function profileName(connections: ConnectionService, profileId: string): string {
  return connections.profile(profileId)?.name ?? 'Removed connection';
}

export function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** `ok · 3 rows · 12 ms · LOCAL_QUORUM · ks` / `error invalid · 5 ms`. */
export function entryFacts(e: HistoryEntry): string {
  return [
    e.status === 'error' ? `error${e.errorClass ? ` ${e.errorClass}` : ''}` : e.status,
    e.rows !== undefined ? `${e.rows} row${e.rows === 1 ? '' : 's'}` : undefined,
    `${e.durationMs} ms`,
    e.consistency,
    e.keyspace,
  ].filter(Boolean).join(' · ');
}
