// Commands on a saved Astra connection: "Refresh Secure Connect Bundle" and "Create Keyspace…" (on Astra keyspaces
// come from the DevOps API; CQL's CREATE KEYSPACE is refused).

import * as vscode from 'vscode';
import { astraDatabaseId, validateKeyspaceName } from './core/databases.js';
import { DevopsError } from './core/devopsErrors.js';
import { profileIdFromArg } from '../connections/commands.js';
import { withDevopsProgress } from './account.js';
import type { AstraDeps } from './addFromAccount.js';
import { connectProfile } from './addFromAccount.js';
import type { BundleProfile } from '../connections/types.js';
import { datacenterFor, fetchBundle, saveBundleProfile } from './bundleInstall.js';
import { keyspaceExists, waitUntil, type MetadataClient } from './keyspaceWait.js';
import { showAstraError } from './notify.js';
import { connectWithProgress } from '../connections/connectProgress.js';

export const KEYSPACE_WAIT_MS = 180_000;
const ADD_HINT = 'Add it with "Astra: Add Databases from Astra Account…".';

/** The Astra profile a command targets: its argument, else the active connection, else a QuickPick. */
async function targetProfile(deps: AstraDeps, arg: unknown, title: string): Promise<BundleProfile | undefined> {
  const isAstra = (p: unknown): p is BundleProfile =>
    !!p && (p as BundleProfile).kind === 'bundle' && !!astraDatabaseId(p as BundleProfile);
  const explicit = profileIdFromArg(arg);
  const fromId = (id: string | undefined) => (id ? deps.connections.profile(id) : undefined);
  if (explicit) {
    const p = fromId(explicit);
    if (isAstra(p)) return p;
    void vscode.window.showInformationMessage(
      p ? `"${p.name}" is not linked to an Astra database. ${ADD_HINT}` : 'Astra DB: that connection no longer exists.',
    );
    return undefined;
  }
  const candidates = deps.connections.profiles().filter(isAstra);
  const active = fromId(deps.connections.activeProfileId());
  if (isAstra(active) && candidates.length === 1) return active;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Astra DB: no connection is linked to an Astra database yet. ${ADD_HINT}`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((p) => ({ label: p.name, description: p.host, picked: p.id === active?.id, profile: p })),
    { title },
  );
  return picked?.profile;
}

/** The account token, or the token the profile itself connects with, or a prompt. */
async function tokenFor(deps: AstraDeps, profile: BundleProfile, fresh: boolean): Promise<string | undefined> {
  if (!fresh) {
    const account = await deps.account.token();
    if (account) return account;
    const own = await deps.connections.credentials(profile.id);
    if (own?.username === 'token' && own.password.startsWith('AstraCS:')) return own.password;
  }
  return deps.account.ensureToken(fresh);
}

export async function refreshBundle(deps: AstraDeps, arg?: unknown, fresh = false): Promise<boolean> {
  const profile = await targetProfile(deps, arg, 'Refresh the secure connect bundle of…');
  if (!profile) return false;
  const dbId = astraDatabaseId(profile)!;
  const token = await tokenFor(deps, profile, fresh);
  if (!token) return false;
  const wasConnected = deps.connections.state(profile.id) === 'connected';
  try {
    await withDevopsProgress(`Astra: refreshing the secure connect bundle of ${profile.name}…`, async (signal, _r, onRetry) => {
      const client = deps.account.client(token, onRetry);
      const db = await client.getDatabase(dbId, signal);
      const dc = datacenterFor(profile, db);
      if (db.datacenters.length > 1 && !dc) {
        throw new DevopsError('notFound', `Cannot tell which region of ${db.name} "${profile.name}" uses; add it again from the Astra account.`);
      }
      const bundle = await fetchBundle(client, db.id, db.datacenters.length > 1 ? dc!.id : undefined, signal);
      await saveBundleProfile(deps.connections, { db, datacenter: dc, bundle, existing: profile });
    });
  } catch (err) {
    void showAstraError(err, deps.log, `refreshing the bundle of ${profile.name}`, () => refreshBundle(deps, profile.id, true));
    return false;
  }
  deps.log.info(`refreshed the secure connect bundle of "${profile.name}"`);
  if (wasConnected) {
    // The open session was built from the old bundle; reconnect so the new one is really used.
    await deps.connections.disconnect(profile.id);
    await connectProfile(deps, profile.id);
  }
  void vscode.window.showInformationMessage(`Astra DB: the secure connect bundle of "${profile.name}" is up to date.`);
  return true;
}

export async function createKeyspace(deps: AstraDeps, arg?: unknown, fresh = false): Promise<string | undefined> {
  const profile = await targetProfile(deps, arg, 'Create a keyspace in…');
  if (!profile) return undefined;
  const dbId = astraDatabaseId(profile)!;
  let client: MetadataClient;
  try {
    client = (await connectWithProgress(deps.connections, profile.id)) as unknown as MetadataClient;
  } catch (err) {
    void showAstraError(err, deps.log, `connecting to ${profile.name}`);
    return undefined;
  }
  const existing = Object.keys(client.metadata.keyspaces);
  const name = await vscode.window.showInputBox({
    title: `New keyspace in ${profile.name}`,
    prompt: 'Created through the Astra DevOps API (Astra does not accept CREATE KEYSPACE over CQL). Letters, digits and _.',
    placeHolder: 'my_keyspace',
    ignoreFocusOut: true,
    validateInput: (v) => validateKeyspaceName(v, existing),
  });
  if (!name?.trim()) return undefined;
  const keyspace = name.trim();
  const token = await tokenFor(deps, profile, fresh);
  if (!token) return undefined;
  try {
    await withDevopsProgress(`Astra: creating keyspace ${keyspace} in ${profile.name}…`, async (signal, report, onRetry) => {
      await deps.account.client(token, onRetry).createKeyspace(dbId, keyspace, signal);
      report('accepted by Astra; waiting for it to appear in the schema…');
      await waitUntil(() => keyspaceExists(client, keyspace), `Keyspace ${keyspace} appearing in the schema`, {
        timeoutMs: KEYSPACE_WAIT_MS,
        signal,
        onPoll: (s) => report(`waiting for it to appear in the schema (${s} s)…`),
      });
    });
  } catch (err) {
    void showAstraError(err, deps.log, `creating keyspace ${keyspace}`, () => createKeyspace(deps, profile.id, true));
    return undefined;
  }
  deps.log.info(`created keyspace ${keyspace} in "${profile.name}"`);
  deps.connections.notifySchemaChanged(profile.id);
  deps.account.contentsChanged();
  void vscode.window.showInformationMessage(`Astra DB: keyspace ${keyspace} created in "${profile.name}".`);
  return keyspace;
}
