// One "Astra DB" log channel for the whole extension; every module gets a prefixed logger. All text is redacted
// on the way in, including secrets registered at runtime (client secrets and passwords have no fixed shape).

import * as vscode from 'vscode';
import { rememberSecret } from './secrets/knownSecrets.js';
import { redact, redactValue } from './secrets/redact.js';

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export class LogService implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Astra DB', { log: true });
  }

  /** Registers a secret so it is masked wherever it later appears (driver messages, stack traces…). */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
    rememberSecret(secret);
  }

  /** The registered secrets, for user-visible text that does not go through the log (cell error messages). */
  knownSecrets(): ReadonlySet<string> {
    return this.secrets;
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  logger(prefix: string): Logger {
    const line = (message: string | Error, args: unknown[]): string =>
      [`[${prefix}]`, redactValue(message, this.secrets), ...args.map((a) => redactValue(a, this.secrets))].join(' ');
    return {
      trace: (m, ...a) => this.channel.trace(line(m, a)),
      debug: (m, ...a) => this.channel.debug(line(m, a)),
      info: (m, ...a) => this.channel.info(line(m, a)),
      warn: (m, ...a) => this.channel.warn(line(m, a)),
      error: (m, ...a) => this.channel.error(line(m, a)),
    };
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
