// The Astra account: one application token in SecretStorage, and DevOps API clients built from the settings.
// The API URL setting is application-scoped in package.json: a workspace must not be able to send the token elsewhere.

import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { DevopsError } from './core/devopsErrors.js';
import { rememberSecret } from '../secrets/knownSecrets.js';
import { validateAstraToken } from '../connections/credentialPrompts.js';
import type { Logger } from '../logging.js';
import { DEFAULT_DEVOPS_URL, DevopsClient, type RetryNotice } from './devopsClient.js';
import { DEVOPS_CA_ENV, TOKEN_KEY } from './core/accountKeys.js';

export { DEVOPS_CA_ENV, TOKEN_KEY };

function devopsBaseUrl(): string {
  const raw = vscode.workspace.getConfiguration('astra').get<string>('devopsApiUrl')?.trim() || DEFAULT_DEVOPS_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DevopsError('badRequest', `The astra.devopsApiUrl setting "${raw}" is not a URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new DevopsError('badRequest', `The astra.devopsApiUrl setting must be an https:// URL (the token is sent to it).`);
  }
  return raw;
}

export class AstraAccount implements vscode.Disposable {
  private cachedCa: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The token or what the account holds (databases, keyspaces) changed: views listing it should reload. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Logger,
  ) {}

  token(): Thenable<string | undefined> {
    return this.secrets.get(TOKEN_KEY).then((token) => {
      rememberSecret(token);
      return token;
    });
  }

  /** The stored token, or asks for one (once) and stores it. `fresh` forgets the stored one first (after a 401). */
  async ensureToken(fresh = false): Promise<string | undefined> {
    if (fresh) {
      await this.secrets.delete(TOKEN_KEY);
      this.changed.fire();
    }
    const stored = await this.token();
    if (stored) return stored;
    const entered = await vscode.window.showInputBox({
      title: 'Astra application token',
      prompt: fresh
        ? 'Astra did not accept the stored token. Paste a valid one (Astra console → Tokens; role Database Administrator to create keyspaces).'
        : 'Lists your databases and downloads their secure connect bundles. Stored in VS Code secret storage only.',
      placeHolder: 'AstraCS:…',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateAstraToken,
    });
    const token = entered?.trim();
    if (!token) return undefined;
    rememberSecret(token);
    await this.secrets.store(TOKEN_KEY, token);
    this.log.info('Astra account token stored');
    this.changed.fire();
    return token;
  }

  async signOut(): Promise<boolean> {
    const had = !!(await this.token());
    await this.secrets.delete(TOKEN_KEY);
    this.changed.fire();
    return had;
  }

  contentsChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  client(token: string, onRetry?: (n: RetryNotice) => void): DevopsClient {
    return new DevopsClient({
      baseUrl: devopsBaseUrl(),
      token,
      ca: this.testCa(),
      onRetry: (n) => {
        this.log.warn(`DevOps API answered ${n.status} while ${n.what}; retry ${n.attempt}/${n.maxRetries} in ${n.delayMs} ms`);
        onRetry?.(n);
      },
    });
  }

  private testCa(): string | undefined {
    const path = process.env[DEVOPS_CA_ENV];
    if (!path) return undefined;
    this.cachedCa ??= readFileSync(path, 'utf8');
    return this.cachedCa;
  }
}

/** Runs `work` under a cancellable notification; retries and the cancel button reach the client via the signal. */
export function withDevopsProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void, onRetry: (n: RetryNotice) => void) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, cancel) => {
      const ac = new AbortController();
      const sub = cancel.onCancellationRequested(() => ac.abort());
      const report = (message: string) => progress.report({ message });
      const onRetry = (n: RetryNotice) =>
        report(`Astra answered ${n.status}; retrying in ${Math.max(1, Math.round(n.delayMs / 1000))} s (retry ${n.attempt} of ${n.maxRetries})…`);
      return work(ac.signal, report, onRetry).finally(() => sub.dispose());
    },
  );
}
