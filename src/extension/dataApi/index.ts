// Entry point of the Data API feature: collections in both trees, the document browser, document edit tabs.
// Returns the tree hook the Connections and Astra Account views use to show Collections under keyspaces.

import * as vscode from 'vscode';
import type { Services } from '../services.js';
import { DataApiClients } from './dataApiClients.js';
import { DatabaseResolver } from './databaseRef.js';
import { CollectionsApi, type CollectionTarget } from './collections.js';
import { CollectionTreeSource } from './collectionTree.js';
import { registerCollectionCommands, targetOf } from './collectionCommands.js';
import { browserKey, collectionFacts, DocumentBrowser } from './documentBrowser.js';
import { DOCUMENT_SCHEME, DocumentEdits } from './documentEdits.js';
import type { CollectionTreeNode } from './core/collectionNodes.js';

export { CollectionTreeSource } from './collectionTree.js';
export { isCollectionNode, type CollectionTreeNode, type DatabaseRef } from './core/collectionNodes.js';

export function registerDataApi(services: Services): CollectionTreeSource {
  const log = services.logger('dataApi');
  const clients = new DataApiClients(log);
  const resolver = new DatabaseResolver(services.context.secrets, services.connections);
  const api = new CollectionsApi(resolver, clients, log);
  const tree = new CollectionTreeSource(api, resolver);
  const edits = new DocumentEdits(api);
  const browsers = new Map<string, DocumentBrowser>();

  const open = async (node: Extract<CollectionTreeNode, { kind: 'collection' }>) => {
    const target = targetOf(node);
    const key = browserKey(target);
    const existing = browsers.get(key);
    if (existing) return existing.reveal();
    const database = node.db.source === 'account' ? node.db.name : (services.connections.profile(node.db.profileId)?.name ?? 'database');
    const browser = new DocumentBrowser(services.context.extensionUri, target, collectionFacts(target, node.summary, database), api, edits, log, () =>
      browsers.delete(key),
    );
    browsers.set(key, browser);
  };
  const sameCollection = (t: CollectionTarget) => [...browsers.values()].filter((b) => browserKey(b.target) === browserKey(t));

  services.context.subscriptions.push(
    tree,
    edits,
    vscode.workspace.registerFileSystemProvider(DOCUMENT_SCHEME, edits, { isCaseSensitive: true }),
    // Another endpoint means other collections: list again.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('astra.dataApiUrl')) tree.refresh();
    }),
    edits.onDidWrite((t) => {
      for (const b of sameCollection(t)) void b.rerun();
      tree.refresh(t.db, t.keyspace);
    }),
    ...registerCollectionCommands(api, tree, open, (t) => edits.insert(t), (t) => sameCollection(t).forEach((b) => b.dispose())),
    { dispose: () => browsers.forEach((b) => b.dispose()) },
    { dispose: () => void clients.dispose() },
  );
  return tree;
}
