// Command handlers for connections. Commands invoked from tree items receive the profile id (or an object
// carrying `profileId`); from the palette they ask with a QuickPick.

import * as vscode from 'vscode';
import type { ConnectionProfile } from './types.js';
import {
  addBundleConnection,
  addContactPointsConnection,
  connectAndActivate,
  renameConnection,
  type FlowDeps,
} from './addConnectionFlows.js';
import { promptCredentialsFor } from './credentialPrompts.js';
import { connectionSnippet, ENV, SNIPPET_LANGUAGES } from './snippets.js';
import { createStatusBar } from './statusBar.js';

const ADD_BUNDLE = 'Add database from secure connect bundle…';
const ADD_CONTACT_POINTS = 'Add Cassandra cluster (contact points)…';

type PickItem = vscode.QuickPickItem & { profileId?: string; action?: 'bundle' | 'contactPoints' | 'astraAccount' };

/** Accepts a profile id, or a tree node / object exposing `profileId` or `profile.id`. */
export function profileIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { profileId?: unknown; profile?: { id?: unknown } };
    if (typeof o.profileId === 'string') return o.profileId;
    if (typeof o.profile?.id === 'string') return o.profile.id;
  }
  return undefined;
}

export function registerConnectionCommands(deps: FlowDeps): vscode.Disposable {
  const { service, logs } = deps;

  const profileItem = (p: ConnectionProfile): PickItem => {
    const state = service.state(p.id);
    const active = service.activeProfileId() === p.id ? '$(check) ' : '';
    return {
      label: `${active}${p.name}`,
      description: state === 'disconnected' ? undefined : state,
      detail: p.kind === 'bundle' ? `Astra · ${p.host}` : `Cassandra · ${p.contactPoints.join(', ')}:${p.port}`,
      profileId: p.id,
    };
  };

  const withAddItems = (items: PickItem[]): PickItem[] => [
    ...items,
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(file-zip) ${ADD_BUNDLE}`, action: 'bundle' },
    { label: `$(server) ${ADD_CONTACT_POINTS}`, action: 'contactPoints' },
    { label: '$(cloud-download) Add databases from Astra account…', action: 'astraAccount' },
  ];

  /** Picks a saved connection (or runs an add flow) and returns its id. */
  const pickOrAdd = async (title: string): Promise<string | undefined> => {
    const picked = await vscode.window.showQuickPick(withAddItems(service.profiles().map(profileItem)), {
      title,
      placeHolder: 'Choose a saved connection or add one',
    });
    if (!picked) return undefined;
    if (picked.action === 'bundle') return addBundleConnection(deps);
    if (picked.action === 'contactPoints') return addContactPointsConnection(deps);
    if (picked.action === 'astraAccount') return vscode.commands.executeCommand<string | undefined>('astra.addFromAstraAccount');
    return picked.profileId;
  };

  const pickExisting = async (arg: unknown, title: string, filter?: (p: ConnectionProfile) => boolean) => {
    const id = profileIdFromArg(arg);
    if (id) return service.profile(id) ? id : undefined;
    const candidates = service.profiles().filter(filter ?? (() => true));
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('Astra DB: no matching connection.');
      return undefined;
    }
    if (candidates.length === 1 && filter) return candidates[0]!.id;
    const picked = await vscode.window.showQuickPick(candidates.map(profileItem), { title });
    return picked?.profileId;
  };

  /** Picks (or adds) a connection and connects to it, making it active. */
  const pickAndConnect = async (title: string) => {
    const before = new Set(service.profiles().map((p) => p.id));
    const id = await pickOrAdd(title);
    // The add flows connect by themselves; only a saved connection still needs it.
    if (id && before.has(id)) await connectAndActivate(deps, id);
  };

  const connect = async (arg?: unknown) => {
    const direct = profileIdFromArg(arg);
    if (direct) await connectAndActivate(deps, direct);
    else await pickAndConnect('Astra: Connect');
  };

  const editCredentials = async (arg?: unknown) => {
    const id = await pickExisting(arg, 'Edit credentials of…');
    const profile = id ? service.profile(id) : undefined;
    if (!id || !profile) return;
    const entered = await promptCredentialsFor(profile);
    if (!entered) return;
    if (profile.kind === 'bundle' && entered.authKind && entered.authKind !== profile.authKind) {
      await service.saveProfile({ ...profile, authKind: entered.authKind });
    } else if (profile.kind === 'contactPoints' && entered.username !== profile.username) {
      const { username: _old, ...rest } = profile;
      await service.saveProfile(entered.username ? { ...rest, username: entered.username } : rest);
    }
    await service.setCredentials(id, entered.credentials);
    await connectAndActivate(deps, id);
  };

  const remove = async (arg?: unknown) => {
    const id = await pickExisting(arg, 'Remove connection…');
    const profile = id ? service.profile(id) : undefined;
    if (!id || !profile) return;
    const ok = await vscode.window.showWarningMessage(
      `Remove the connection "${profile.name}"?`,
      { modal: true, detail: 'Its stored credentials and its copy of the secure connect bundle are deleted too.' },
      'Remove',
    );
    if (ok === 'Remove') await service.remove(id);
  };

  const copyCode = async (arg?: unknown) => {
    const id = await pickExisting(arg, 'Copy connection code for…');
    const profile = id ? service.profile(id) : undefined;
    if (!profile) return;
    const lang = await vscode.window.showQuickPick(
      SNIPPET_LANGUAGES.map((l) => ({ label: l.label, id: l.id })),
      { title: `Connection code for ${profile.name}` },
    );
    if (!lang) return;
    await vscode.env.clipboard.writeText(connectionSnippet(profile, lang.id));
    const envVars =
      profile.kind === 'bundle'
        ? profile.authKind === 'token'
          ? ENV.token
          : `${ENV.clientId} and ${ENV.clientSecret}`
        : profile.username
          ? ENV.password
          : undefined;
    void vscode.window.showInformationMessage(
      `${lang.label} code for "${profile.name}" copied to the clipboard.` +
        (envVars ? ` It reads the secret from ${envVars}; the secret itself is not included.` : ''),
    );
  };

  const reg = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  return vscode.Disposable.from(
    createStatusBar(service),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('astra.defaultConsistency')) service.applyConsistencySetting();
    }),
    reg('astra.connect', connect),
    reg('astra.addBundleConnection', (arg) => addBundleConnection(deps, arg)),
    reg('astra.addContactPointsConnection', () => addContactPointsConnection(deps)),
    reg('astra.disconnect', async (arg) => {
      const id = await pickExisting(arg, 'Disconnect…', (p) => service.state(p.id) !== 'disconnected');
      if (id) await service.disconnect(id);
    }),
    reg('astra.editCredentials', editCredentials),
    reg('astra.renameConnection', async (arg) => {
      const id = await pickExisting(arg, 'Rename connection…');
      if (id) await renameConnection(deps, id);
    }),
    reg('astra.removeConnection', remove),
    reg('astra.copyConnectionCode', copyCode),
    reg('astra.selectActiveConnection', () => pickAndConnect('Active Astra DB connection (used for new notebooks)')),
    reg('astra.showLog', () => logs.show()),
  );
}
