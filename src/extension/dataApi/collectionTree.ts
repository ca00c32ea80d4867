// What the two trees (Connections, Astra Account) call to show collections: the "Collections" group under a
// keyspace, its children (listed through the Data API, cached until refreshed), and the TreeItem of each node.
// Failures become one message node under the group, so the CQL side of the tree keeps working.

import * as vscode from 'vscode';
import { collectionChildren, collectionItemLook, refKey, type CollectionTreeNode, type DatabaseRef } from './core/collectionNodes.js';
import type { CollectionSummary } from './core/collectionText.js';
import type { CollectionsApi } from './collections.js';
import type { DatabaseResolver } from './databaseRef.js';

export const OPEN_COLLECTION_COMMAND = 'astra.collections.open';

type GroupNode = Extract<CollectionTreeNode, { kind: 'collections' }>;

export class CollectionTreeSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Collections were created, dropped or written to: trees showing them reload. */
  readonly onDidChange = this.changed.event;
  private readonly cache = new Map<string, Promise<CollectionSummary[]>>();

  constructor(
    private readonly api: CollectionsApi,
    private readonly resolver: DatabaseResolver,
  ) {}

  /** Whether a connection profile gets a Collections group (an Astra bundle with a known database id). */
  servesProfile(profileId: string): boolean {
    return this.resolver.canServe(profileId);
  }

  group(profileId: string, db: DatabaseRef, keyspace: string): GroupNode {
    return { kind: 'collections', profileId, db, keyspace };
  }

  async children(node: CollectionTreeNode): Promise<CollectionTreeNode[]> {
    if (node.kind !== 'collections') return [];
    const key = `${refKey(node.db)}\n${node.keyspace}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.api.list(node.db, node.keyspace);
      this.cache.set(key, pending);
      pending.catch(() => this.cache.delete(key));
    }
    try {
      return collectionChildren(node, await pending);
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      return [{ kind: 'collectionsMessage', profileId: node.profileId, db: node.db, keyspace: node.keyspace, text: 'Cannot list collections — refresh to retry', tooltip: text, icon: 'warning' }];
    }
  }

  /** Names already taken in a keyspace (from the cache when listed), for the Create Collection name check. */
  async names(db: DatabaseRef, keyspace: string): Promise<string[]> {
    const cached = this.cache.get(`${refKey(db)}\n${keyspace}`);
    const list = await (cached ?? this.api.list(db, keyspace)).catch(() => []);
    return list.map((c) => c.name);
  }

  treeItem(node: CollectionTreeNode): vscode.TreeItem {
    const look = collectionItemLook(node);
    const item = new vscode.TreeItem(
      look.label,
      look.collapsible === 'collapsed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = look.id;
    item.description = look.description;
    item.tooltip = look.tooltip;
    item.contextValue = look.contextValue;
    item.iconPath = new vscode.ThemeIcon(look.icon);
    if (node.kind === 'collection') item.command = { title: 'Open', command: OPEN_COLLECTION_COMMAND, arguments: [node] };
    return item;
  }

  /** Forget what was listed (all, or one database's keyspace) and tell the trees. */
  refresh(db?: DatabaseRef, keyspace?: string): void {
    if (!db) this.cache.clear();
    else this.cache.delete(`${refKey(db)}\n${keyspace ?? ''}`);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
