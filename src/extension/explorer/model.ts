// The explorer's tree as plain data: node kinds, how each node looks (label, icon, contextValue), and how
// fetched schema turns into child nodes. No vscode and no driver here, so the tree logic is unit-tested.

import type { ConnectionState } from '../connections/types.js';
import {
  collectionItemLook, collectionNodeId, COLLECTION_CONTEXT_VALUES, type CollectionTreeNode,
} from '../dataApi/core/collectionNodes.js';
import {
  cqlTypeText, isSystemKeyspace, type ColumnMeta, type FolderKind, type IndexMeta, type KeyspaceListing, type KeyspaceMeta, type TableMeta, type UdtMeta,
} from '../schema/schemaTypes.js';

export type ColumnRole = 'partition' | 'clustering' | 'static' | 'regular';
export type IndexFlavor = 'secondary' | 'sai' | 'vector' | 'custom';

interface Base {
  profileId: string;
}
export type ExplorerNode =
  | (Base & {
      kind: 'connection'; name: string; state: ConnectionState; error?: string; astra: boolean;
      astraDatabase?: boolean; // linked to an Astra database id: DevOps API actions (create keyspace, refresh bundle) apply
    })
  | (Base & { kind: 'systemKeyspaces' })
  | (Base & { kind: 'keyspace'; keyspace: string; system: boolean; virtual: boolean; replication?: string })
  | (Base & { kind: 'folder'; keyspace: string; folder: FolderKind; count: number; system: boolean })
  | (Base & { kind: 'table'; keyspace: string; name: string; system: boolean })
  | (Base & { kind: 'view'; keyspace: string; name: string; baseTable: string })
  | (Base & { kind: 'column'; keyspace: string; table: string; name: string; type: string; role: ColumnRole; order?: 'ASC' | 'DESC'; position: number })
  | (Base & { kind: 'index'; keyspace: string; table: string; name: string; target: string; flavor: IndexFlavor })
  | (Base & { kind: 'type'; keyspace: string; name: string })
  | (Base & { kind: 'field'; keyspace: string; udt: string; name: string; type: string })
  | (Base & { kind: 'function'; keyspace: string; name: string; argTypes: string[] })
  | (Base & { kind: 'aggregate'; keyspace: string; name: string; argTypes: string[] })
  | (Base & { kind: 'error'; parent: string; message: string })
  | CollectionTreeNode; // Data API collections under an Astra keyspace (nodes and look owned by dataApi/)

/** Every contextValue the tree can produce; package.json menus refer to these (checked by a test). */
export const CONTEXT_VALUES = [
  'connection-connected', 'connection-connecting', 'connection-disconnected', 'connection-error',
  'connection-connected-astradb', 'connection-connecting-astradb', 'connection-disconnected-astradb',
  'connection-error-astradb',
  'systemKeyspaces', 'keyspace', 'keyspace-system', 'folder', 'table', 'table-system', 'view', 'column', 'index',
  'type', 'field', 'function', 'aggregate', 'error',
  ...COLLECTION_CONTEXT_VALUES,
] as const;
export type ContextValue = (typeof CONTEXT_VALUES)[number];

export interface ItemSpec {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string; // codicon id
  iconColor?: string; // theme color id
  contextValue: ContextValue;
  collapsible: 'none' | 'collapsed' | 'expanded';
}

const FOLDER_LABELS: Record<FolderKind, string> = {
  tables: 'Tables', views: 'Views', types: 'User types', functions: 'Functions', aggregates: 'Aggregates',
};
export const FOLDER_ORDER: FolderKind[] = ['tables', 'views', 'types', 'functions', 'aggregates'];

/** Stable id: VS Code keeps expansion state across refreshes by it. */
export function nodeId(n: ExplorerNode): string {
  const p = encodeURIComponent(n.profileId);
  switch (n.kind) {
    case 'connection': return p;
    case 'systemKeyspaces': return `${p}/#system`;
    case 'keyspace': return `${p}/${n.keyspace}`;
    case 'folder': return `${p}/${n.keyspace}/#${n.folder}`;
    case 'table': return `${p}/${n.keyspace}/#tables/${n.name}`;
    case 'view': return `${p}/${n.keyspace}/#views/${n.name}`;
    case 'column': return `${p}/${n.keyspace}/#tables/${n.table}/${n.name}`;
    case 'index': return `${p}/${n.keyspace}/#tables/${n.table}/#index/${n.name}`;
    case 'type': return `${p}/${n.keyspace}/#types/${n.name}`;
    case 'field': return `${p}/${n.keyspace}/#types/${n.udt}/${n.name}`;
    case 'function': return `${p}/${n.keyspace}/#functions/${n.name}(${n.argTypes.join(',')})`;
    case 'aggregate': return `${p}/${n.keyspace}/#aggregates/${n.name}(${n.argTypes.join(',')})`;
    case 'error': return `${n.parent}/#error`;
    case 'collections': case 'collection': case 'collectionsMessage': return collectionNodeId(n);
  }
}

const STATE_LOOK: Record<ConnectionState, { icon: string; color?: string; text: string }> = {
  connected: { icon: 'database', color: 'testing.iconPassed', text: 'Connected' },
  connecting: { icon: 'loading~spin', text: 'Connecting…' },
  disconnected: { icon: 'database', text: 'Disconnected' },
  error: { icon: 'error', color: 'errorForeground', text: 'Connection failed' },
};

const ROLE_LOOK: Record<ColumnRole, { icon: string; text: string }> = {
  partition: { icon: 'key', text: 'Partition key' },
  clustering: { icon: 'list-ordered', text: 'Clustering column' },
  static: { icon: 'pin', text: 'Static column' },
  regular: { icon: 'symbol-field', text: 'Column' },
};

const INDEX_LOOK: Record<IndexFlavor, { icon: string; text: string }> = {
  secondary: { icon: 'search', text: 'Secondary index' },
  sai: { icon: 'search-fuzzy', text: 'Storage-attached index (SAI)' },
  vector: { icon: 'sparkle', text: 'Vector index (SAI)' },
  custom: { icon: 'extensions', text: 'Custom index' },
};

export function itemSpec(n: ExplorerNode): ItemSpec {
  const id = nodeId(n);
  switch (n.kind) {
    case 'connection': {
      const look = STATE_LOOK[n.state];
      const tooltip = [n.name, look.text, n.astra ? 'Astra DB (secure connect bundle)' : 'Cassandra (contact points)', n.error]
        .filter(Boolean)
        .join('\n');
      return {
        id, label: n.name, description: n.state === 'connected' ? undefined : look.text, tooltip, icon: look.icon,
        iconColor: look.color, contextValue: `connection-${n.state}${n.astraDatabase ? '-astradb' : ''}`, collapsible: 'collapsed',
      };
    }
    case 'systemKeyspaces':
      return { id, label: 'System keyspaces', icon: 'folder-library', contextValue: 'systemKeyspaces', collapsible: 'collapsed' };
    case 'keyspace':
      return {
        id, label: n.keyspace, description: n.virtual ? 'virtual' : undefined, icon: 'symbol-namespace',
        tooltip: [n.keyspace, n.virtual ? 'Virtual keyspace' : n.replication].filter(Boolean).join('\n'),
        contextValue: n.system ? 'keyspace-system' : 'keyspace', collapsible: 'collapsed',
      };
    case 'folder':
      return { id, label: FOLDER_LABELS[n.folder], description: String(n.count), icon: 'folder', contextValue: 'folder', collapsible: 'collapsed' };
    case 'table':
      return { id, label: n.name, icon: 'table', contextValue: n.system ? 'table-system' : 'table', collapsible: 'collapsed' };
    case 'view':
      return { id, label: n.name, description: `on ${n.baseTable}`, icon: 'eye', contextValue: 'view', collapsible: 'collapsed' };
    case 'column': {
      const look = ROLE_LOOK[n.role];
      const description = n.role === 'clustering' ? `${n.type} ${n.order}` : n.role === 'static' ? `${n.type} static` : n.type;
      const tooltip = `${look.text}${n.role === 'clustering' ? ` (${n.order})` : ''}: ${n.name} ${n.type}`;
      const icon = n.role === 'clustering' ? (n.order === 'DESC' ? 'arrow-down' : 'arrow-up') : look.icon;
      return { id, label: n.name, description, tooltip, icon, contextValue: 'column', collapsible: 'none' };
    }
    case 'index': {
      const look = INDEX_LOOK[n.flavor];
      return { id, label: n.name, description: n.target, tooltip: `${look.text} on ${n.target}`, icon: look.icon, contextValue: 'index', collapsible: 'none' };
    }
    case 'type':
      return { id, label: n.name, icon: 'symbol-structure', contextValue: 'type', collapsible: 'collapsed' };
    case 'field':
      return { id, label: n.name, description: n.type, icon: 'symbol-field', contextValue: 'field', collapsible: 'none' };
    case 'function':
      return { id, label: n.name, description: `(${n.argTypes.join(', ')})`, icon: 'symbol-function', contextValue: 'function', collapsible: 'none' };
    case 'aggregate':
      return { id, label: n.name, description: `(${n.argTypes.join(', ')})`, icon: 'symbol-operator', contextValue: 'aggregate', collapsible: 'none' };
    case 'collections': case 'collection': case 'collectionsMessage':
      return collectionItemLook(n);
    case 'error':
      return { id, label: n.message, tooltip: n.message, icon: 'warning', iconColor: 'problemsWarningIcon.foreground', contextValue: 'error', collapsible: 'none' };
  }
}

export function errorNode(parent: ExplorerNode, err: unknown): ExplorerNode {
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'error', profileId: parent.profileId, parent: nodeId(parent), message };
}

/** Connection children: user keyspaces by name, then the collapsed "System keyspaces" folder. */
type KeyspaceInfo = Pick<KeyspaceMeta, 'name' | 'virtual'> & Partial<Pick<KeyspaceMeta, 'strategy' | 'strategyOptions'>>;

/** `NetworkTopologyStrategy {dc-1: 3}`, for the keyspace tooltip. */
function replicationText(k: KeyspaceInfo): string | undefined {
  if (!k.strategy) return undefined;
  const opts = Object.entries(k.strategyOptions ?? {}).map(([key, v]) => `${key}: ${String(v)}`);
  return `${k.strategy.replace(/^org\.apache\.cassandra\.locator\./, '')}${opts.length ? ` {${opts.join(', ')}}` : ''}`;
}

export function keyspaceNodes(profileId: string, keyspaces: KeyspaceInfo[], system: boolean): ExplorerNode[] {
  return keyspaces
    .filter((k) => isSystemKeyspace(k.name) === system)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((k) => ({ kind: 'keyspace', profileId, keyspace: k.name, system, virtual: !!k.virtual, replication: replicationText(k) }));
}

export function connectionChildren(profileId: string, keyspaces: KeyspaceInfo[]): ExplorerNode[] {
  const user = keyspaceNodes(profileId, keyspaces, false);
  const hasSystem = keyspaces.some((k) => isSystemKeyspace(k.name));
  return hasSystem ? [...user, { kind: 'systemKeyspaces', profileId }] : user;
}


const byText = (a: string, b: string) => a.localeCompare(b);

function folderCount(l: KeyspaceListing, f: FolderKind): number {
  return l[f].length;
}

/** Folders that have something (or failed to load, so the error stays visible). */
export function keyspaceChildren(ks: Extract<ExplorerNode, { kind: 'keyspace' }>, l: KeyspaceListing): ExplorerNode[] {
  return FOLDER_ORDER.filter((f) => folderCount(l, f) > 0 || l.errors[f]).map((folder) => ({
    kind: 'folder', profileId: ks.profileId, keyspace: ks.keyspace, folder, count: folderCount(l, folder), system: ks.system,
  }));
}

export function folderChildren(f: Extract<ExplorerNode, { kind: 'folder' }>, l: KeyspaceListing): ExplorerNode[] {
  const base = { profileId: f.profileId, keyspace: f.keyspace };
  const error = l.errors[f.folder];
  const errors: ExplorerNode[] = error ? [{ kind: 'error', profileId: f.profileId, parent: nodeId(f), message: error }] : [];
  const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => a.name.localeCompare(b.name));
  switch (f.folder) {
    case 'tables':
      return [...errors, ...[...l.tables].sort(byText).map((name): ExplorerNode => ({ kind: 'table', ...base, name, system: f.system }))];
    case 'views':
      return [...errors, ...byName(l.views).map((v): ExplorerNode => ({ kind: 'view', ...base, name: v.name, baseTable: v.baseTable }))];
    case 'types':
      return [...errors, ...[...l.types].sort(byText).map((name): ExplorerNode => ({ kind: 'type', ...base, name }))];
    case 'functions':
      return [...errors, ...byName(l.functions).map((fn): ExplorerNode => ({ kind: 'function', ...base, name: fn.name, argTypes: fn.argTypes }))];
    case 'aggregates':
      return [...errors, ...byName(l.aggregates).map((a): ExplorerNode => ({ kind: 'aggregate', ...base, name: a.name, argTypes: a.argTypes }))];
  }
}

/** SAI vs. vector vs. classic secondary index, from the class name and the indexed column's type. */
function indexFlavor(index: IndexMeta, columns: ColumnMeta[]): IndexFlavor {
  const custom = index.kind === 0 || index.kind === 'CUSTOM';
  if (!custom) return 'secondary';
  const cls = String(index.options?.class_name ?? '');
  if (!/StorageAttachedIndex$/.test(cls)) return 'custom';
  const column = columns.find((c) => c.name === unquoteTarget(index.target));
  return column && column.type.customTypeName === 'vector' ? 'vector' : 'sai';
}

/** `values(m)` → `m`, `"Name"` → `Name`. */
export function unquoteTarget(target: string): string {
  const inner = /^(?:keys|values|entries|full)\((.*)\)$/.exec(target)?.[1] ?? target;
  return inner.startsWith('"') ? inner.slice(1, -1).replace(/""/g, '"') : inner;
}

/** Columns in primary-key order (partition key, clustering, static, regular), then the table's indexes. */
export function tableChildren(t: Extract<ExplorerNode, { kind: 'table' | 'view' }>, meta: TableMeta): ExplorerNode[] {
  const base = { profileId: t.profileId, keyspace: t.keyspace, table: t.name };
  const column = (c: ColumnMeta, role: ColumnRole, position: number, order?: 'ASC' | 'DESC'): ExplorerNode => ({
    kind: 'column', ...base, name: c.name, type: cqlTypeText(c.type), role, position, ...(order ? { order } : {}),
  });
  const keyNames = new Set([...meta.partitionKeys, ...meta.clusteringKeys].map((c) => c.name));
  const others = meta.columns.filter((c) => !keyNames.has(c.name)).sort((a, b) => a.name.localeCompare(b.name));
  const indexes = [...(meta.indexes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return [
    ...meta.partitionKeys.map((c, i) => column(c, 'partition', i)),
    ...meta.clusteringKeys.map((c, i) => column(c, 'clustering', i, meta.clusteringOrder[i] === 'DESC' ? 'DESC' : 'ASC')),
    ...others.filter((c) => c.isStatic).map((c, i) => column(c, 'static', i)),
    ...others.filter((c) => !c.isStatic).map((c, i) => column(c, 'regular', i)),
    ...indexes.map((ix): ExplorerNode => ({
      kind: 'index', ...base, name: ix.name, target: ix.target, flavor: indexFlavor(ix, meta.columns),
    })),
  ];
}

export function typeChildren(t: Extract<ExplorerNode, { kind: 'type' }>, udt: UdtMeta): ExplorerNode[] {
  return udt.fields.map((f) => ({
    kind: 'field', profileId: t.profileId, keyspace: t.keyspace, udt: t.name, name: f.name, type: cqlTypeText(f.type),
  }));
}
