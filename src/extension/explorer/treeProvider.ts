// The Connections tree: connection nodes from the ConnectionService, everything below from SchemaTreeLoader.

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import type { Logger } from '../logging.js';
import { errorNode, itemSpec, type ExplorerNode } from './model.js';
import { SchemaTreeLoader } from './treeLoader.js';
import { astraDatabaseId } from '../astra/core/databases.js';
import { connectWithProgress } from '../connections/connectProgress.js';
import { isCollectionNode, type CollectionTreeSource } from '../dataApi/index.js';

type ConnectionNode = Extract<ExplorerNode, { kind: 'connection' }>;

export class SchemaTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly loader = new SchemaTreeLoader();
  // VS Code refreshes a subtree by element identity, so keep the connection nodes it was last given.
  private roots = new Map<string, ConnectionNode>();

  constructor(
    private readonly connections: ConnectionService,
    private readonly log: Logger,
    private readonly collections?: CollectionTreeSource,
  ) {}

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (this.collections && isCollectionNode(node)) return this.collections.treeItem(node);
    const spec = itemSpec(node);
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
    }[spec.collapsible];
    const item = new vscode.TreeItem(spec.label, collapsible);
    item.id = spec.id;
    item.description = spec.description;
    item.tooltip = spec.tooltip;
    item.contextValue = spec.contextValue;
    item.iconPath = new vscode.ThemeIcon(spec.icon, spec.iconColor ? new vscode.ThemeColor(spec.iconColor) : undefined);
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.connectionNodes();
    if (isCollectionNode(node)) return this.collections ? this.collections.children(node) : [];
    if (node.kind === 'connection') {
      const client = await this.clientForExpand(node);
      if (!client) {
        const error = this.connections.lastError(node.profileId);
        return node.state === 'error' && error ? [errorNode(node, error)] : [];
      }
      return this.loader.children(node, client);
    }
    const client = this.connections.connectedClient(node.profileId);
    if (!client) return [];
    const started = Date.now();
    const kids = await this.loader.children(node, client);
    this.log.debug(`${node.kind} expanded: ${kids.length} children in ${Date.now() - started} ms`);
    if (node.kind === 'keyspace' && !node.system && this.collections?.servesProfile(node.profileId)) {
      kids.push(this.collections.group(node.profileId, { source: 'profile', profileId: node.profileId }, node.keyspace));
    }
    return kids;
  }

  /**
   * A connected client, or — while a connect the user asked for is in flight — that connect's result.
   * Never starts a connection itself: refreshes after a disconnect or a failure must not reconnect.
   */
  private async clientForExpand(node: ConnectionNode) {
    const connected = this.connections.connectedClient(node.profileId);
    if (connected || this.connections.state(node.profileId) !== 'connecting') return connected;
    try {
      return await connectWithProgress(this.connections, node.profileId);
    } catch {
      return undefined; // the failure shows as the node's error state after onDidChange
    }
  }

  private connectionNodes(): ExplorerNode[] {
    const roots = new Map<string, ConnectionNode>();
    for (const p of this.connections.profiles()) {
      roots.set(p.id, {
        kind: 'connection',
        profileId: p.id,
        name: p.name,
        state: this.connections.state(p.id),
        error: this.connections.lastError(p.id),
        astra: p.kind === 'bundle',
        astraDatabase: p.kind === 'bundle' && !!astraDatabaseId(p),
      });
    }
    this.roots = roots;
    return [...roots.values()];
  }

  /** Reload a node's subtree (or everything), also dropping the driver's cached metadata for it. */
  async refresh(node?: ExplorerNode): Promise<void> {
    if (!node) {
      this.loader.invalidate();
      this.collections?.refresh();
      await Promise.all(this.connections.profiles().map((p) => this.refreshDriver(p.id)));
      this.changed.fire(undefined);
      return;
    }
    const keyspace = 'keyspace' in node ? node.keyspace : undefined;
    this.loader.invalidate(node.profileId, keyspace);
    await this.refreshDriver(node.profileId, keyspace);
    this.changed.fire(node.kind === 'error' ? undefined : node);
  }

  private async refreshDriver(profileId: string, keyspace?: string): Promise<void> {
    const client = this.connections.connectedClient(profileId);
    if (!client) return;
    try {
      if (keyspace === undefined) await client.metadata.refreshKeyspaces();
      else await client.metadata.refreshKeyspace(keyspace);
    } catch (err) {
      this.log.warn(`metadata refresh failed for ${profileId}`, err);
    }
  }

  /** Schema of one connection changed (driver event or DDL we ran): reload its subtree. */
  schemaChanged(profileId: string): void {
    this.loader.invalidate(profileId);
    this.changed.fire(this.roots.get(profileId));
  }

  /** Profiles or connection states changed: the connection nodes themselves must be rebuilt. */
  connectionsChanged(): void {
    const connected = new Set(this.connections.profiles().map((p) => p.id).filter((id) => this.connections.connectedClient(id)));
    for (const id of this.roots.keys()) if (!connected.has(id)) this.loader.invalidate(id);
    this.changed.fire(undefined);
  }

  /** Collections were listed again (created, dropped, written): redraw, the CQL listing cache stays. */
  collectionsChanged(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
