// Schema explorer: the tree behind the `astraDb.connections` view, its actions and auto-refresh.

import * as vscode from 'vscode';
import type { Services } from '../services.js';
import { registerExplorerCommands } from './commands.js';
import type { ExplorerNode } from './model.js';
import { SchemaTreeProvider } from './treeProvider.js';
import type { CollectionTreeSource } from '../dataApi/index.js';

export const CONNECTIONS_VIEW_ID = 'astraDb.connections';

export function registerExplorer(services: Services, collections?: CollectionTreeSource): void {
  const log = services.logger('explorer');
  const tree = new SchemaTreeProvider(services.connections, log, collections);
  const view = vscode.window.createTreeView<ExplorerNode>(CONNECTIONS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  services.context.subscriptions.push(
    tree,
    view,
    // Expanding a connection that is not connected is the user asking to connect.
    view.onDidExpandElement(({ element }) => {
      if (element.kind !== 'connection' || services.connections.connectedClient(element.profileId)) return;
      if (services.connections.state(element.profileId) === 'connecting') return;
      void vscode.commands.executeCommand('astra.connect', element.profileId);
    }),
    services.connections.onDidChange(() => tree.connectionsChanged()),
    services.connections.onDidChangeSchema((profileId) => tree.schemaChanged(profileId)),
    ...(collections ? [collections.onDidChange(() => tree.collectionsChanged())] : []),
    ...registerExplorerCommands(services, tree, log),
  );
}
