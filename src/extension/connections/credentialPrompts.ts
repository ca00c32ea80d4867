// InputBox/QuickPick steps shared by the add and edit flows. Secrets are typed with `password: true` and go
// straight to SecretStorage; they are never echoed, logged or put in a profile.

import * as vscode from 'vscode';
import type { ConnectionProfile } from './types.js';
import type { Credentials } from './types.js';

export type AstraAuthKind = 'token' | 'clientId';

export async function pickAstraAuthKind(): Promise<AstraAuthKind | undefined> {
  const items: (vscode.QuickPickItem & { kind2: AstraAuthKind })[] = [
    { label: 'Application token', description: 'AstraCS:…', detail: 'Generated in the Astra console under Tokens.', kind2: 'token' },
    { label: 'Client ID + Client Secret', description: 'legacy token pair', kind2: 'clientId' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'How do you want to authenticate?',
    ignoreFocusOut: true,
  });
  return picked?.kind2;
}

export function validateAstraToken(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Paste the application token.';
  if (!v.startsWith('AstraCS:')) return 'An Astra application token starts with "AstraCS:".';
  if (/\s/.test(v)) return 'The token must not contain spaces.';
  return undefined;
}

export async function promptAstraCredentials(kind: AstraAuthKind, dbName: string): Promise<Credentials | undefined> {
  if (kind === 'token') {
    const token = await vscode.window.showInputBox({
      title: `Application token for ${dbName}`,
      prompt: 'Stored in VS Code secret storage only. The driver sends it as the password of user "token".',
      placeHolder: 'AstraCS:…',
      password: true,
      ignoreFocusOut: true,
      validateInput: validateAstraToken,
    });
    return token === undefined ? undefined : { username: 'token', password: token.trim() };
  }
  const clientId = await vscode.window.showInputBox({
    title: `Client ID for ${dbName}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID.'),
  });
  if (clientId === undefined) return undefined;
  const secret = await vscode.window.showInputBox({
    title: `Client Secret for ${dbName}`,
    prompt: 'Stored in VS Code secret storage only.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the client secret.'),
  });
  return secret === undefined ? undefined : { username: clientId.trim(), password: secret.trim() };
}

/** Username (may be left empty for clusters without auth) and password for a contact-point cluster. */
export async function promptClusterCredentials(
  name: string,
  currentUser?: string,
): Promise<{ username?: string; credentials?: Credentials } | undefined> {
  const username = await vscode.window.showInputBox({
    title: `Username for ${name}`,
    prompt: 'Leave empty if the cluster does not require authentication.',
    value: currentUser ?? '',
    ignoreFocusOut: true,
  });
  if (username === undefined) return undefined;
  if (!username.trim()) return {};
  const password = await vscode.window.showInputBox({
    title: `Password for ${username.trim()}`,
    prompt: 'Stored in VS Code secret storage only.',
    password: true,
    ignoreFocusOut: true,
  });
  if (password === undefined) return undefined;
  return { username: username.trim(), credentials: { username: username.trim(), password } };
}

export async function promptCredentialsFor(profile: ConnectionProfile): Promise<
  { credentials?: Credentials; authKind?: AstraAuthKind; username?: string } | undefined
> {
  if (profile.kind === 'bundle') {
    const authKind = await pickAstraAuthKind();
    if (!authKind) return undefined;
    const credentials = await promptAstraCredentials(authKind, profile.name);
    return credentials ? { credentials, authKind } : undefined;
  }
  return promptClusterCredentials(profile.name, profile.username);
}
