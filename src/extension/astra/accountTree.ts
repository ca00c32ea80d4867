// The "Astra Account" view: every database of the signed-in account (non-ACTIVE ones with their status) and its
// keyspaces. Clicking a database runs the add flow for it. Empty without a token, so the welcome view shows instead.

import * as vscode from 'vscode';
import {
  describeDatabase,
  isActive,
  sortDatabases,
  statusExplanation,
  statusIconId,
  type AstraDatabase,
} from './core/databases.js';
import { DevopsError } from './core/devopsErrors.js';
import { redact } from '../secrets/redact.js';
import type { AstraDeps } from './addFromAccount.js';
import { isCollectionNode, type CollectionTreeNode, type CollectionTreeSource } from '../dataApi/index.js';

export const ACCOUNT_VIEW = 'astraDb.account';
export const SIGNED_IN_CONTEXT = 'astra.account.signedIn';

export type AccountNode =
  | { kind: 'database'; db: AstraDatabase }
  | { kind: 'keyspace'; name: string; databaseId: string; db?: AstraDatabase }
  | { kind: 'message'; text: string; tooltip?: string; command?: vscode.Command; icon: string }
  | CollectionTreeNode;

export class AstraAccountTree implements vscode.TreeDataProvider<AccountNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AccountNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<AccountNode[]> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly deps: AstraDeps,
    private readonly collections?: CollectionTreeSource,
  ) {
    this.subscriptions = [
      ...(collections ? [collections.onDidChange(() => this.changed.fire(undefined))] : []),
      deps.account.onDidChange(() => this.refresh()),
      // Only the "added" marks depend on the profiles: redraw from the cache, no API call.
      deps.connections.onDidChange(() => this.changed.fire(undefined)),
    ];
  }

  refresh(): void {
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: AccountNode): Promise<AccountNode[]> | AccountNode[] {
    if (node?.kind === 'database') return node.db.keyspaces.map((name) => ({ kind: 'keyspace', name, databaseId: node.db.id, db: node.db }));
    if (node && isCollectionNode(node)) return this.collections?.children(node) ?? [];
    if (node?.kind === 'keyspace' && node.db && this.collections && isActive(node.db)) {
      const { id, name, region, datacenters } = node.db;
      const ref = { source: 'account' as const, databaseId: id, region: region || datacenters[0]?.region || '', name };
      return [this.collections.group(`astra-account/${id}`, ref, node.name)];
    }
    if (node) return [];
    this.loading ??= this.load();
    return this.loading;
  }

  getTreeItem(node: AccountNode): vscode.TreeItem {
    if (isCollectionNode(node)) return this.collections!.treeItem(node);
    if (node.kind === 'keyspace') {
      const expandable = !!this.collections && !!node.db && isActive(node.db);
      const item = new vscode.TreeItem(node.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `astra-account/${node.databaseId}/${node.name}`;
      item.iconPath = new vscode.ThemeIcon('symbol-namespace');
      item.contextValue = 'astraAccountKeyspace';
      return item;
    }
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.tooltip;
      item.command = node.command;
      item.contextValue = 'astraAccountMessage';
      return item;
    }
    const { db } = node;
    const d = describeDatabase(db);
    const added = this.deps.connections.profiles().filter((p) => p.kind === 'bundle' && p.astraDatabaseId === db.id);
    const item = new vscode.TreeItem(d.label, db.keyspaces.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `astra-account/${db.id}`;
    item.description = added.length ? `${d.description} · added` : d.description;
    item.iconPath = new vscode.ThemeIcon(statusIconId(db));
    item.tooltip = [
      `${db.name} (${db.status})`,
      `id ${db.id}`,
      d.description,
      d.detail,
      statusExplanation(db) ?? (added.length ? `Saved as ${added.map((p) => `"${p.name}"`).join(', ')}` : 'Click to add it and connect.'),
    ].join('\n');
    item.contextValue = isActive(db) ? 'astraAccountDatabase-active' : 'astraAccountDatabase-inactive';
    item.command = { title: 'Add and connect', command: 'astra.addFromAstraAccount', arguments: [{ astraDatabaseId: db.id }] };
    return item;
  }

  private async load(): Promise<AccountNode[]> {
    const token = await this.deps.account.token();
    if (!token) return [];
    try {
      const dbs = await this.deps.account.client(token).listDatabases();
      if (dbs.length === 0) return [{ kind: 'message', text: 'No databases in this organization', icon: 'info' }];
      return sortDatabases(dbs).map((db) => ({ kind: 'database', db }));
    } catch (err) {
      this.deps.log.warn('the Astra Account view cannot list databases', err);
      const message = redact(err instanceof Error ? err.message : String(err));
      if (err instanceof DevopsError && err.reenterToken) {
        return [{
          kind: 'message', text: 'Astra refused the token — click to enter a new one', tooltip: message, icon: 'key',
          command: { title: 'Re-enter token', command: 'astra.addFromAstraAccount', arguments: [{ reenterToken: true }] },
        }];
      }
      return [{
        kind: 'message', text: 'Cannot list databases — click to retry', tooltip: message, icon: 'warning',
        command: { title: 'Retry', command: 'astra.refreshAstraAccount' },
      }];
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
