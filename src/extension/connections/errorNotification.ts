// Errors from commands the user started go to a notification with the buttons that fix them.

import * as vscode from 'vscode';
import type { LogService } from '../logging.js';
import { ConnectCancelledError, ConnectionError, type MappedError } from './connectionErrors.js';

const REENTER = 'Re-enter credentials';
const SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

export async function showConnectionError(err: unknown, logs: LogService): Promise<void> {
  if (err instanceof ConnectCancelledError) return;
  const mapped: MappedError =
    err instanceof ConnectionError
      ? err.mapped
      : { message: logs.redact(err instanceof Error ? err.message : String(err)), actions: ['showLog'] };
  const buttons: string[] = [];
  if (mapped.actions.includes('reenterCredentials')) buttons.push(REENTER);
  if (mapped.actions.includes('openSettings')) buttons.push(SETTINGS);
  buttons.push(SHOW_LOG);
  const choice = await vscode.window.showErrorMessage(mapped.message, ...buttons);
  if (choice === REENTER && err instanceof ConnectionError) {
    await vscode.commands.executeCommand('astra.editCredentials', err.profileId);
  } else if (choice === SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', mapped.setting ?? 'astra.');
  } else if (choice === SHOW_LOG) {
    logs.show();
  }
}
