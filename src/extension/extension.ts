// Composition root: builds the services and hands them to each feature. No logic lives here.

import type * as vscode from 'vscode';
import { LogService } from './logging.js';
import type { Services } from './services.js';
import {
  createConnectionService,
  registerConnectionCommands,
  startDemoIfRequested,
  type AstraConnectionService,
} from './connections/index.js';
import { CqlSessions } from './cql/sessions.js';
import { registerExplorer } from './explorer/index.js';
import { registerNotebooks } from './notebook/index.js';
import { registerAstraAccount } from './astra/index.js';
import { registerLanguage } from './language/index.js';
import { registerHistory } from './history/index.js';
import { registerDataApi } from './dataApi/index.js';
import { copyStatementHandler, registerCopy } from './copy/index.js';

let connections: AstraConnectionService | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const logs = new LogService();
  connections = createConnectionService(context, logs);
  const sessions = new CqlSessions(connections, copyStatementHandler);
  const services: Services = { context, logger: (prefix) => logs.logger(prefix), connections };
  context.subscriptions.push(logs, connections, sessions, registerConnectionCommands({ service: connections, logs }));

  const collections = registerDataApi(services);
  registerExplorer(services, collections);
  registerNotebooks(services, sessions);
  registerAstraAccount(services, collections);
  registerLanguage(services, sessions);
  registerHistory(services, sessions);
  registerCopy(services);

  startDemoIfRequested(connections, logs);
}

export async function deactivate(): Promise<void> {
  // Driver shutdown is async; returning the promise lets VS Code wait for sockets to close.
  await connections?.shutdownAll();
  connections = undefined;
}
