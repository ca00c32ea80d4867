// Collection nodes as plain data, shared by both trees that show collections: the account view (database →
// keyspace → Collections) and the Connections view (bundle connection → keyspace → Collections). How each looks
// (label, icon, contextValue) is decided here, vscode-free, so it is unit-tested.

import { collectionDescription, collectionTooltip, isVectorCollection, type CollectionSummary } from './collectionText.js';

export type DatabaseRef =
  | { source: 'account'; databaseId: string; region: string; name: string }
  | { source: 'profile'; profileId: string };

interface Base {
  /** The tree's owner key: the connection profile id, or `astra-account/<db id>` in the account view. */
  profileId: string;
  db: DatabaseRef;
  keyspace: string;
}

export type CollectionTreeNode =
  | (Base & { kind: 'collections' })
  | (Base & { kind: 'collection'; summary: CollectionSummary })
  | (Base & { kind: 'collectionsMessage'; text: string; tooltip?: string; icon: string });

export const COLLECTION_CONTEXT_VALUES = ['collections', 'collection', 'collection-vector', 'collectionsMessage'] as const;
export type CollectionContextValue = (typeof COLLECTION_CONTEXT_VALUES)[number];

export const COLLECTION_KINDS: ReadonlySet<string> = new Set(['collections', 'collection', 'collectionsMessage']);

export function isCollectionNode(n: { kind: string }): n is CollectionTreeNode {
  return COLLECTION_KINDS.has(n.kind);
}

export function refKey(ref: DatabaseRef): string {
  return ref.source === 'account' ? `account/${ref.databaseId}` : `profile/${ref.profileId}`;
}

export function collectionNodeId(n: CollectionTreeNode): string {
  const base = `${encodeURIComponent(n.profileId)}/${n.keyspace}/#collections`;
  switch (n.kind) {
    case 'collections': return base;
    case 'collection': return `${base}/${n.summary.name}`;
    case 'collectionsMessage': return `${base}/#message`;
  }
}

export interface CollectionItemLook {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  contextValue: CollectionContextValue;
  collapsible: 'none' | 'collapsed';
}

export function collectionItemLook(n: CollectionTreeNode): CollectionItemLook {
  const id = collectionNodeId(n);
  switch (n.kind) {
    case 'collections':
      return { id, label: 'Collections', tooltip: `Data API collections of ${n.keyspace}`, icon: 'json', contextValue: 'collections', collapsible: 'collapsed' };
    case 'collection': {
      const vector = isVectorCollection(n.summary.definition);
      return {
        id, label: n.summary.name, description: collectionDescription(n.summary) || undefined,
        tooltip: collectionTooltip(n.summary, n.keyspace), icon: vector ? 'sparkle' : 'json',
        contextValue: vector ? 'collection-vector' : 'collection', collapsible: 'none',
      };
    }
    case 'collectionsMessage':
      return { id, label: n.text, tooltip: n.tooltip ?? n.text, icon: n.icon, contextValue: 'collectionsMessage', collapsible: 'none' };
  }
}

export function collectionChildren(group: Extract<CollectionTreeNode, { kind: 'collections' }>, list: CollectionSummary[]): CollectionTreeNode[] {
  const base = { profileId: group.profileId, db: group.db, keyspace: group.keyspace };
  if (list.length === 0) return [{ ...base, kind: 'collectionsMessage', text: 'No collections', icon: 'info' }];
  return list.map((summary) => ({ ...base, kind: 'collection', summary }));
}
