// Reads the bundle the user picked, for the "add a connection" wizard: a refusal is shown as its one sentence,
// and an unpacked bundle folder gets an offer to zip it (in memory) instead of a dead end.

import * as vscode from 'vscode';
import type { LogService } from '../logging.js';
import { BundleError, BundleFolderError, readBundle, readBundleFile, type VerifiedBundle } from './bundle.js';
import { looksLikeBundleFolder, zipBundleFolder } from './bundleFolder.js';

const ZIP_IT = 'Zip This Folder';

export async function pickedBundle(path: string, logs: LogService): Promise<VerifiedBundle | undefined> {
  const log = logs.logger('connections');
  try {
    return await readBundleFile(path);
  } catch (err) {
    if (err instanceof BundleFolderError && (await looksLikeBundleFolder(path))) {
      const choice = await vscode.window.showErrorMessage(
        `${path} is an unpacked secure connect bundle; pick the .zip you downloaded, or zip this folder's bundle files.`,
        ZIP_IT,
      );
      return choice === ZIP_IT ? zipped(path, logs) : undefined;
    }
    log.warn(`bundle ${path} rejected`, err);
    const message = err instanceof BundleError ? err.message : `The bundle cannot be read: ${(err as Error).message}`;
    void vscode.window.showErrorMessage(logs.redact(message));
    return undefined;
  }
}

async function zipped(folder: string, logs: LogService): Promise<VerifiedBundle | undefined> {
  try {
    return await readBundle(await zipBundleFolder(folder));
  } catch (err) {
    logs.logger('connections').warn(`bundle folder ${folder} rejected`, err);
    const message = err instanceof BundleError ? err.message : `The folder cannot be read: ${(err as Error).message}`;
    void vscode.window.showErrorMessage(logs.redact(message));
    return undefined;
  }
}
