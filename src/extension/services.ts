// What feature modules (explorer, notebook, language, astra) receive from the composition root.
// extension.ts builds one Services object and hands it to each register*() function.

import type * as vscode from 'vscode';
import type { ConnectionService } from './connections/types.js';
import type { Logger } from './logging.js';

export interface Services {
  context: vscode.ExtensionContext;
  logger(prefix: string): Logger;
  connections: ConnectionService;
}
