// Errors from the Astra account commands go to a notification with the button that fixes them: "Re-enter Token"
// when Astra refused the token, otherwise "Show Log". Cancellation is silent.

import * as vscode from 'vscode';
import { DevopsError } from './core/devopsErrors.js';
import { redact } from '../redact.js';
import type { Logger } from '../services.js';

const REENTER = 'Re-enter Token';
const SHOW_LOG = 'Show Log';
const REENTER_CREDENTIALS = 'Re-enter credentials';
export const ASTRA_CONSOLE_URL = 'https://astra.datastax.com';

function isCancellation(err: unknown): boolean {
  return (err instanceof DevopsError && err.kind === 'cancelled') || (err instanceof Error && err.name === 'ConnectCancelledError');
}

export async function showAstraError(err: unknown, log: Logger, what: string, reenter?: () => unknown): Promise<void> {
  if (isCancellation(err)) {
    log.info(`${what}: cancelled`);
    return;
  }
  log.error(`${what} failed`, err);
  const message = redact(err instanceof Error ? err.message : String(err));
  // The connection service's errors carry their own fixes (its ConnectionError: mapped.actions + profileId).
  const conn = err as { mapped?: { actions?: string[] }; profileId?: string };
  const credentialsFix = !!conn.profileId && !!conn.mapped?.actions?.includes('reenterCredentials');
  const fix = err instanceof DevopsError && err.reenterToken && reenter ? REENTER : credentialsFix ? REENTER_CREDENTIALS : undefined;
  const buttons = fix ? [fix, SHOW_LOG] : [SHOW_LOG];
  const choice = await vscode.window.showErrorMessage(message, ...buttons);
  if (choice === REENTER) await reenter?.();
  else if (choice === REENTER_CREDENTIALS) await vscode.commands.executeCommand('astra.editCredentials', conn.profileId);
  else if (choice === SHOW_LOG) await vscode.commands.executeCommand('astra.showLog');
}

/** For databases that are not ACTIVE: the explanation plus a way to the console, where they can be resumed. */
export async function explainInactive(message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, {}, 'Open Astra Console');
  if (choice === 'Open Astra Console') await vscode.env.openExternal(vscode.Uri.parse(ASTRA_CONSOLE_URL));
}
