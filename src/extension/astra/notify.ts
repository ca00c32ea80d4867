// Errors from the Astra account commands, through the connections module's notifier: "Re-enter Token" when Astra
// refused the token; a connection failure brings its own fixes. Cancellation is silent.

import * as vscode from 'vscode';
import { ConnectCancelledError } from '../connections/connectionErrors.js';
import { notifyError } from '../connections/errorNotification.js';
import type { Logger } from '../logging.js';
import { redact } from '../secrets/redact.js';
import { DevopsError } from './core/devopsErrors.js';

export const ASTRA_CONSOLE_URL = 'https://astra.datastax.com';

function isCancellation(err: unknown): boolean {
  return (err instanceof DevopsError && err.kind === 'cancelled') || err instanceof ConnectCancelledError;
}

export async function showAstraError(err: unknown, log: Logger, what: string, reenter?: () => unknown): Promise<void> {
  if (isCancellation(err)) {
    log.info(`${what}: cancelled`);
    return;
  }
  log.error(`${what} failed`, err);
  const fix = err instanceof DevopsError && err.reenterToken && reenter ? { label: 'Re-enter Token', run: reenter } : undefined;
  await notifyError(err, { redact: (t) => redact(t), showLog: () => vscode.commands.executeCommand('astra.showLog'), ...(fix ? { fix } : {}) });
}

/** For databases that are not ACTIVE: the explanation plus a way to the console, where they can be resumed. */
export async function explainInactive(message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, {}, 'Open Astra Console');
  if (choice === 'Open Astra Console') await vscode.env.openExternal(vscode.Uri.parse(ASTRA_CONSOLE_URL));
}
