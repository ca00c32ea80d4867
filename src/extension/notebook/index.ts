// Notebook feature wiring: serializer, controller, renderer messaging, commands and the connection status item.

import * as vscode from 'vscode';
import type { CqlSessions } from '../cql/sessions.js';
import type { Services } from '../services.js';
import { CONTROLLER_ID, CqlNotebookController } from './controller.js';
import { NotebookSessions } from './notebookSessions.js';
import { registerRendererMessaging } from './rendererMessaging.js';
import { CqlNotebookSerializer, NOTEBOOK_TYPE, type CqlNotebookMetadata } from './serializer.js';
import { NotebookStatus } from './status.js';
import { RowEditRequests } from '../rowEdits/rowEditRequests.js';

export const NOTEBOOK_COMMANDS = {
  newNotebook: 'astra.newNotebook',
  selectConnection: 'astra.notebook.selectConnection',
  selectKeyspace: 'astra.notebook.selectKeyspace',
} as const;

/** Arguments of `astra.newNotebook` (the explorer passes them; the command palette passes none). */
export interface NewNotebookArgs {
  profileId?: string;
  keyspace?: string;
  cells?: string[];
  run?: boolean;
}

export function registerNotebooks(services: Services, cql: CqlSessions): void {
  const log = services.logger('notebook');
  const subs = services.context.subscriptions;
  const config = () => vscode.workspace.getConfiguration('astra.notebook');
  const sessions = new NotebookSessions(services, cql);
  const controller = new CqlNotebookController(sessions, log);
  const status = new NotebookStatus(services, sessions);
  subs.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new CqlNotebookSerializer(() => config().get<boolean>('saveOutputs', true)), {
      transientOutputs: false,
    }),
    sessions,
    controller,
    status,
    registerRendererMessaging(cql, log, new RowEditRequests(cql, services.connections)),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.newNotebook, (args?: NewNotebookArgs) => newNotebook(services, controller, args)),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.selectConnection, () => status.selectConnection()),
    vscode.commands.registerCommand(NOTEBOOK_COMMANDS.selectKeyspace, () => status.selectKeyspace()),
  );
}

async function newNotebook(services: Services, controller: CqlNotebookController, args: NewNotebookArgs = {}): Promise<void> {
  const profileId = args.profileId ?? services.connections.activeProfileId();
  const profile = profileId ? services.connections.profile(profileId) : undefined;
  const sources = args.cells?.length ? args.cells : [''];
  const cells = sources.map((s) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, s, 'cql'));
  const data = new vscode.NotebookData(cells);
  const meta: CqlNotebookMetadata = {};
  if (profile) meta.connection = { profileId: profile.id, name: profile.name };
  const keyspace = args.keyspace ?? profile?.defaultKeyspace;
  if (keyspace) meta.keyspace = keyspace;
  data.metadata = meta as Record<string, unknown>;
  const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
  await vscode.window.showNotebookDocument(doc);
  if (args.run) {
    await selectController(controller, doc, services);
    await controller.enqueue(doc, doc.getCells());
  }
}

/** Cells can only execute once our controller is the notebook's selected kernel; make sure it is. */
async function selectController(controller: CqlNotebookController, doc: vscode.NotebookDocument, services: Services): Promise<void> {
  if (controller.isSelectedFor(doc)) return;
  const selected = new Promise<void>((resolve) => {
    const sub = controller.controller.onDidChangeSelectedNotebooks((e) => {
      if (e.selected && e.notebook === doc) {
        sub.dispose();
        resolve();
      }
    });
    setTimeout(() => (sub.dispose(), resolve()), 5000);
  });
  controller.controller.updateNotebookAffinity(doc, vscode.NotebookControllerAffinity.Preferred);
  if (!controller.isSelectedFor(doc)) {
    await vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: services.context.extension.id });
  }
  await selected;
}
