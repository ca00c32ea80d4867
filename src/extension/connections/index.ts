// Entry points of the connections module for the composition root.

import * as vscode from 'vscode';
import { join } from 'node:path';
import type { LogService } from '../logging.js';
import { normalizeSettings, type ConnectionSettings } from './clientOptions.js';
import { AstraConnectionService } from './connectionService.js';
import { applyDemoConfig, DEMO_ENV, readDemoConfig } from './demo.js';
import { showConnectionError } from './errorNotification.js';
import { ProfileStore } from './profileStore.js';

export { registerConnectionCommands } from './commands.js';
export { AstraConnectionService } from './connectionService.js';

function readSettings(): ConnectionSettings {
  const cfg = vscode.workspace.getConfiguration('astra');
  return normalizeSettings({
    connectTimeoutSeconds: cfg.get('connectTimeoutSeconds'),
    requestTimeoutSeconds: cfg.get('requestTimeoutSeconds'),
    defaultConsistency: cfg.get('defaultConsistency'),
  });
}

export function createConnectionService(context: vscode.ExtensionContext, logs: LogService): AstraConnectionService {
  const store = new ProfileStore(context.globalState, context.secrets, join(context.globalStorageUri.fsPath, 'bundles'));
  return new AstraConnectionService(store, logs, readSettings);
}

/** Replaced by esbuild: true in development builds, false in the shipped one. Unset when running from sources. */
declare const DEMO_HOOK: boolean | undefined;

/**
 * The ASTRA_DB_VSCODE_DEMO hook (used by `npm run demo` and the e2e tests). Runs in the background. Only development
 * builds honour it: the shipped extension never reads a token file named by the environment.
 */
export function startDemoIfRequested(service: AstraConnectionService, logs: LogService): void {
  if (typeof DEMO_HOOK !== 'undefined' && !DEMO_HOOK) return;
  const path = process.env[DEMO_ENV];
  if (!path) return;
  const log = logs.logger('demo');
  void (async () => {
    let id: string;
    let notebook: string | undefined;
    try {
      const cfg = await readDemoConfig(path);
      id = await applyDemoConfig(service, cfg);
      notebook = cfg.openNotebook;
      log.info(`demo connection ready from ${path}`);
    } catch (err) {
      log.error(`cannot use the demo file ${path}`, err);
      void vscode.window.showErrorMessage(logs.redact(`Astra DB demo: ${(err as Error).message}`));
      return;
    }
    if (notebook) {
      // Shown before connecting: the notebook binds to the active profile, and its first run waits for the session.
      try {
        const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(notebook));
        await vscode.window.showNotebookDocument(doc);
      } catch (err) {
        log.warn(`cannot open the demo notebook ${notebook}: ${(err as Error).message}`);
      }
    }
    try {
      await service.client(id);
    } catch (err) {
      void showConnectionError(err, logs);
    }
  })();
}
