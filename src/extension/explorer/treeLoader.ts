// Loads a node's children from a connected client. vscode-free: the tree provider, the integration tests
// and the benchmark all expand nodes through this class.

import type { Client } from 'cassandra-driver';
import {
  connectionChildren,
  errorNode,
  folderChildren,
  keyspaceChildren,
  keyspaceNodes,
  tableChildren,
  typeChildren,
  type ExplorerNode,
} from './model.js';
import type { KeyspaceListing } from '../schema/schemaTypes.js';
import { keyspaceMeta, listKeyspace, listKeyspaces, readTable, readType, readView } from '../schema/schemaReader.js';

export class SchemaTreeLoader {
  // A keyspace's listing serves both the keyspace (folder counts) and each folder, so it is read once.
  private readonly listings = new Map<string, Promise<KeyspaceListing>>();

  /** Children of `node`; a failure becomes a single error node so siblings keep working. */
  async children(node: ExplorerNode, client: Client): Promise<ExplorerNode[]> {
    try {
      return await this.load(node, client);
    } catch (err) {
      return [errorNode(node, err)];
    }
  }

  private async load(node: ExplorerNode, client: Client): Promise<ExplorerNode[]> {
    switch (node.kind) {
      case 'connection':
        return connectionChildren(node.profileId, await listKeyspaces(client));
      case 'systemKeyspaces':
        return keyspaceNodes(node.profileId, await listKeyspaces(client), true);
      case 'keyspace':
        return keyspaceChildren(node, await this.listing(client, node.profileId, node.keyspace));
      case 'folder':
        return folderChildren(node, await this.listing(client, node.profileId, node.keyspace));
      case 'table':
        return tableChildren(node, await readTable(client, node.keyspace, node.name));
      case 'view':
        return tableChildren(node, await readView(client, node.keyspace, node.name));
      case 'type':
        return typeChildren(node, await readType(client, node.keyspace, node.name));
      default:
        return [];
    }
  }

  listing(client: Client, profileId: string, keyspace: string): Promise<KeyspaceListing> {
    const key = `${profileId}\u0000${keyspace}`;
    let p = this.listings.get(key);
    if (!p) {
      p = listKeyspace(client, keyspace, !!keyspaceMeta(client, keyspace)?.virtual);
      this.listings.set(key, p);
      p.catch(() => this.listings.delete(key));
    }
    return p;
  }

  /** Forget cached listings of one keyspace, one connection, or everything. */
  invalidate(profileId?: string, keyspace?: string): void {
    if (profileId === undefined) {
      this.listings.clear();
      return;
    }
    const prefix = keyspace === undefined ? `${profileId}\u0000` : `${profileId}\u0000${keyspace}`;
    for (const key of [...this.listings.keys()]) {
      if (keyspace === undefined ? key.startsWith(prefix) : key === prefix) this.listings.delete(key);
    }
  }
}
