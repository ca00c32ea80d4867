// The one notifier for errors of commands the user started: a notification with the buttons that fix them. A
// connection failure (ConnectionError) brings its own fixes; a feature may add one of its own (Astra's
// "Re-enter Token"). Cancellation is silent.

import * as vscode from 'vscode';
import type { Logger, LogService } from '../logging.js';
import { redact } from '../secrets/redact.js';
import { ConnectCancelledError, ConnectionError, type MappedError } from './connectionErrors.js';

const REENTER = 'Re-enter credentials';
const SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

export interface ErrorFix {
  label: string;
  run(): unknown;
}

export interface NotifyOptions {
  redact(text: string): string;
  showLog(): unknown;
  /** A fix the caller knows about, offered first. */
  fix?: ErrorFix;
}

export async function notifyError(err: unknown, opts: NotifyOptions): Promise<void> {
  if (err instanceof ConnectCancelledError) return;
  const mapped: MappedError =
    err instanceof ConnectionError
      ? err.mapped
      : { message: opts.redact(err instanceof Error ? err.message : String(err)), actions: ['showLog'] };
  const buttons: string[] = [];
  if (opts.fix) buttons.push(opts.fix.label);
  if (mapped.actions.includes('reenterCredentials') && err instanceof ConnectionError) buttons.push(REENTER);
  if (mapped.actions.includes('openSettings')) buttons.push(SETTINGS);
  buttons.push(SHOW_LOG);
  const choice = await vscode.window.showErrorMessage(mapped.message, ...buttons);
  if (opts.fix && choice === opts.fix.label) {
    await opts.fix.run();
  } else if (choice === REENTER && err instanceof ConnectionError) {
    await vscode.commands.executeCommand('astra.editCredentials', err.profileId);
  } else if (choice === SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', mapped.setting ?? 'astra.');
  } else if (choice === SHOW_LOG) {
    await opts.showLog();
  }
}

/** For the connections module's own commands, which hold the LogService. */
export function showConnectionError(err: unknown, logs: LogService): Promise<void> {
  return notifyError(err, { redact: (t) => logs.redact(t), showLog: () => logs.show() });
}

/** For a feature's commands (explorer actions, COPY): logs the failure, then notifies with the fixes above. */
export async function showCommandError(err: unknown, log: Logger, what: string): Promise<void> {
  if (err instanceof ConnectCancelledError) return;
  log.error(`${what} failed`, err);
  await notifyError(err, { redact: (t) => redact(t), showLog: () => vscode.commands.executeCommand('astra.showLog') });
}
