// The vscode-free half of the tree actions: command ids and the text actions produce.

import { qualifiedName, quoteIdentifier } from '../../shared/identifier.js';
import type { ExplorerNode } from './model.js';

/** Command ids this module registers; all are declared in package.json (checked by test/unit/manifest.test.ts). */
export const EXPLORER_COMMANDS = {
  refresh: 'astra.explorer.refresh',
  refreshAll: 'astra.explorer.refreshAll',
  connect: 'astra.explorer.connect',
  disconnect: 'astra.explorer.disconnect',
  newNotebook: 'astra.explorer.newNotebook',
  selectRows: 'astra.explorer.selectRows',
  copyName: 'astra.explorer.copyName',
  describe: 'astra.explorer.describe',
  dropTable: 'astra.explorer.dropTable',
  copyConnectionCode: 'astra.explorer.copyConnectionCode',
} as const;

/** Commands owned by other modules that the explorer calls. */
export const EXTERNAL_COMMANDS = ['astra.connect', 'astra.disconnect', 'astra.newNotebook', 'astra.copyConnectionCode'] as const;

/** The CQL Select Rows puts in a new notebook cell. */
export function selectRowsCql(keyspace: string, table: string): string {
  return `SELECT * FROM ${qualifiedName(keyspace, table)} LIMIT 100`;
}

/** What Copy Name copies: qualified for objects that live in a keyspace, bare for columns and fields. */
export function copyNameText(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'connection': return node.name;
    case 'keyspace': return quoteIdentifier(node.keyspace);
    case 'table': case 'view': case 'type': case 'function': case 'aggregate':
      return qualifiedName(node.keyspace, node.name);
    case 'column': case 'field': case 'index':
      return quoteIdentifier(node.name);
    default: return undefined;
  }
}
