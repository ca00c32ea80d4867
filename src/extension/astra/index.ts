// Entry point of the Astra account feature for the composition root.

import * as vscode from 'vscode';
import type { Services } from '../services.js';
import { AstraAccount } from './account.js';
import { ACCOUNT_VIEW, AstraAccountTree, SIGNED_IN_CONTEXT } from './accountTree.js';
import { addFromAstraAccount, addOptionsFromArg, type AstraDeps } from './addFromAccount.js';
import { createKeyspace, refreshBundle } from './profileCommands.js';
import type { CollectionTreeSource } from '../dataApi/index.js';

export { AstraAccount, TOKEN_KEY } from './account.js';
export { AstraAccountTree } from './accountTree.js';

export function registerAstraAccount(services: Services, collections?: CollectionTreeSource): void {
  const log = services.logger('astra');
  const account = new AstraAccount(services.context.secrets, log);
  const deps: AstraDeps = { account, connections: services.connections, log };
  const tree = new AstraAccountTree(deps, collections);
  // Menus (Sign Out, Refresh) follow whether a token is stored, even while the Astra Account view is collapsed.
  const syncSignedIn = async () => vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT, !!(await account.token()));
  void syncSignedIn();
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  services.context.subscriptions.push(
    account,
    account.onDidChange(() => void syncSignedIn()),
    tree,
    vscode.window.createTreeView(ACCOUNT_VIEW, { treeDataProvider: tree, showCollapseAll: true }),
    reg('astra.addFromAstraAccount', (arg) => addFromAstraAccount(deps, addOptionsFromArg(arg))),
    reg('astra.refreshBundle', (arg) => refreshBundle(deps, arg)),
    reg('astra.createKeyspace', (arg) => createKeyspace(deps, arg)),
    reg('astra.refreshAstraAccount', () => tree.refresh()),
    reg('astra.signOutAstraAccount', async () => {
      const had = await account.signOut();
      log.info('Astra account token removed');
      void vscode.window.showInformationMessage(
        had
          ? 'Astra DB: signed out. The account token was removed from secret storage; saved connections keep their own credentials.'
          : 'Astra DB: no Astra account token was stored.',
      );
    }),
  );
}
