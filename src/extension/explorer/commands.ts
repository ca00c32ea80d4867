// Tree actions. Menus in package.json pick them by the node's contextValue (see model.CONTEXT_VALUES).

import * as vscode from 'vscode';
import { qualifiedName } from '../../shared/identifier.js';
import { copyNameText, EXPLORER_COMMANDS, selectRowsCql } from './actions.js';
import type { Services } from '../services.js';
import type { Logger } from '../logging.js';
import { describeAggregate, describeFunction, describeIndex, describeKeyspace, describeTable, describeType, describeView } from '../schema/describe.js';
import { isSystemKeyspace } from '../schema/schemaTypes.js';
import type { ExplorerNode } from './model.js';
import { readAggregates, readFunctions, readKeyspaceSchema, readTable, readTableForDescribe, readType, readViewForDescribe } from '../schema/schemaReader.js';
import type { SchemaTreeProvider } from './treeProvider.js';
import { connectWithProgress } from '../connections/connectProgress.js';
import { showCommandError } from '../connections/errorNotification.js';

export function registerExplorerCommands(services: Services, tree: SchemaTreeProvider, log: Logger): vscode.Disposable[] {
  const { connections } = services;
  const run = (id: string, fn: (node: ExplorerNode) => Promise<unknown> | unknown) =>
    vscode.commands.registerCommand(id, async (node?: ExplorerNode) => {
      try {
        if (!node) throw new Error('Run this command from the Astra DB Connections view.');
        await fn(node);
      } catch (err) {
        await showCommandError(err, log, id);
      }
    });
  const client = (profileId: string) => connectWithProgress(connections, profileId);
  const astra = (profileId: string) => connections.profile(profileId)?.kind === 'bundle';

  const describe = async (node: ExplorerNode): Promise<string> => {
    const c = await client(node.profileId);
    switch (node.kind) {
      case 'keyspace':
        return describeKeyspace(await readKeyspaceSchema(c, node.keyspace), { astra: astra(node.profileId) });
      case 'table':
        return describeTable(node.keyspace, await readTableForDescribe(c, node.keyspace, node.name)) + '\n';
      case 'view':
        return describeView(node.keyspace, await readViewForDescribe(c, node.keyspace, node.name)) + '\n';
      case 'type':
        return describeType(node.keyspace, await readType(c, node.keyspace, node.name)) + '\n';
      case 'function':
        return (await readFunctions(c, node.keyspace, node.name, node.argTypes)).map(describeFunction).join('\n\n') + '\n';
      case 'aggregate':
        return (await readAggregates(c, node.keyspace, node.name, node.argTypes)).map(describeAggregate).join('\n\n') + '\n';
      case 'index': {
        const table = await readTable(c, node.keyspace, node.table);
        const index = table.indexes?.find((i) => i.name === node.name);
        if (!index) throw new Error(`Index ${node.name} not found; refresh the table.`);
        return describeIndex(node.keyspace, node.table, index) + '\n';
      }
      default:
        throw new Error(`Nothing to describe for ${node.kind}.`);
    }
  };

  return [
    run(EXPLORER_COMMANDS.refresh, (node) => tree.refresh(node)),
    vscode.commands.registerCommand(EXPLORER_COMMANDS.refreshAll, () => tree.refresh()),
    run(EXPLORER_COMMANDS.connect, (node) => vscode.commands.executeCommand('astra.connect', node.profileId)),
    run(EXPLORER_COMMANDS.disconnect, (node) => vscode.commands.executeCommand('astra.disconnect', node.profileId)),
    run(EXPLORER_COMMANDS.copyConnectionCode, (node) => vscode.commands.executeCommand('astra.copyConnectionCode', node.profileId)),
    run(EXPLORER_COMMANDS.newNotebook, (node) =>
      vscode.commands.executeCommand('astra.newNotebook', {
        profileId: node.profileId,
        keyspace: 'keyspace' in node ? node.keyspace : connections.profile(node.profileId)?.defaultKeyspace,
      }),
    ),
    run(EXPLORER_COMMANDS.selectRows, (node) => {
      if (node.kind !== 'table' && node.kind !== 'view') throw new Error('Select Rows works on tables and views.');
      return vscode.commands.executeCommand('astra.newNotebook', {
        profileId: node.profileId,
        keyspace: node.keyspace,
        cells: [selectRowsCql(node.keyspace, node.name)],
        run: true,
      });
    }),
    run(EXPLORER_COMMANDS.copyName, async (node) => {
      const text = copyNameText(node);
      if (text !== undefined) await vscode.env.clipboard.writeText(text);
    }),
    run(EXPLORER_COMMANDS.describe, async (node) => {
      const content = await describe(node);
      const doc = await vscode.workspace.openTextDocument({ language: 'cql', content });
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
    run(EXPLORER_COMMANDS.dropTable, async (node) => {
      if (node.kind !== 'table') throw new Error('Drop Table works on tables.');
      if (isSystemKeyspace(node.keyspace)) throw new Error(`${node.keyspace} is a system keyspace; its tables cannot be dropped.`);
      const name = qualifiedName(node.keyspace, node.name);
      const confirm = `Drop ${node.name}`;
      const answer = await vscode.window.showWarningMessage(
        `Drop table ${name}? All of its data is deleted. This cannot be undone.`,
        { modal: true },
        confirm,
      );
      if (answer !== confirm) return;
      const c = await client(node.profileId);
      await c.execute(`DROP TABLE ${name}`);
      log.info(`dropped ${name} on ${node.profileId}`);
      connections.notifySchemaChanged(node.profileId);
    }),
  ];
}
