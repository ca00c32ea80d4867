// The two "add a connection" wizards. Each ends by saving the profile, making it active and connecting with a
// cancellable progress notification.

import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { ConnectionProfile } from './types.js';
import type { LogService } from '../logging.js';
import type { BundleInfo } from './bundle.js';
import { pickedBundle } from './bundlePick.js';
import type { AstraConnectionService } from './connectionService.js';
import { pickAstraAuthKind, promptAstraCredentials, promptClusterCredentials } from './credentialPrompts.js';
import { showConnectionError } from './errorNotification.js';
import { ProfileStore } from './profileStore.js';
import { connectWithProgress } from './connectProgress.js';

export interface FlowDeps {
  service: AstraConnectionService;
  logs: LogService;
}

/** "secure-connect-my-db.zip" → "my-db": the name Astra gives the download. */
function suggestedName(bundleFile: string): string {
  return basename(bundleFile).replace(/\.zip$/i, '').replace(/^secure-connect-/, '') || 'Astra database';
}

function describeBundle(info: BundleInfo): string {
  const parts = [`host ${info.host}`];
  if (info.localDataCenter) parts.push(`region/DC ${info.localDataCenter}`);
  parts.push(info.keyspace ? `default keyspace ${info.keyspace}` : 'no default keyspace');
  return parts.join(' · ');
}

function uniqueNameValidator(deps: FlowDeps, except?: string) {
  return (value: string): string | undefined => {
    const v = value.trim();
    if (!v) return 'Enter a name.';
    if (deps.service.profiles().some((p) => p.name === v && p.id !== except)) return `A connection named "${v}" already exists.`;
    return undefined;
  };
}

export async function addBundleConnection(deps: FlowDeps, arg?: unknown): Promise<string | undefined> {
  const log = deps.logs.logger('connections');
  let bundlePath = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  if (!bundlePath) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Select the secure connect bundle (.zip) downloaded from the Astra console',
      canSelectMany: false,
      canSelectFolders: false,
      filters: { 'Secure connect bundle': ['zip'] },
      openLabel: 'Use bundle',
    });
    bundlePath = picked?.[0]?.fsPath;
  }
  if (!bundlePath) return undefined;

  const bundle = await pickedBundle(bundlePath, deps.logs);
  if (!bundle) return undefined;
  const { info } = bundle;
  log.info(`bundle ${bundlePath}: ${describeBundle(info)}`);

  const name = await vscode.window.showInputBox({
    title: 'Name this connection',
    prompt: `Secure connect bundle OK — ${describeBundle(info)}`,
    value: suggestedName(bundlePath),
    ignoreFocusOut: true,
    validateInput: uniqueNameValidator(deps),
  });
  if (name === undefined) return undefined;
  const authKind = await pickAstraAuthKind();
  if (!authKind) return undefined;
  const credentials = await promptAstraCredentials(authKind, name.trim());
  if (!credentials) return undefined;

  const { id } = await deps.service.saveBundleProfile({ name: name.trim(), bundle, info, authKind, credentials });
  await connectAndActivate(deps, id);
  return id;
}

export async function addContactPointsConnection(deps: FlowDeps): Promise<string | undefined> {
  const hostsText = await vscode.window.showInputBox({
    title: 'Cassandra contact points',
    prompt: 'One or more hosts, comma separated.',
    placeHolder: '127.0.0.1, cassandra-2.example.com',
    ignoreFocusOut: true,
    validateInput: (v) => (parseHosts(v).length ? undefined : 'Enter at least one host.'),
  });
  if (hostsText === undefined) return undefined;
  const portText = await vscode.window.showInputBox({
    title: 'Native transport port',
    value: '9042',
    ignoreFocusOut: true,
    validateInput: (v) => (parsePort(v) ? undefined : 'Enter a port between 1 and 65535.'),
  });
  if (portText === undefined) return undefined;
  const localDataCenter = await vscode.window.showInputBox({
    title: 'Local data center',
    prompt: 'The driver only sends queries to nodes of this data center (see "nodetool status").',
    value: 'datacenter1',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter the data center name.'),
  });
  if (localDataCenter === undefined) return undefined;
  const keyspace = await vscode.window.showInputBox({
    title: 'Default keyspace (optional)',
    ignoreFocusOut: true,
  });
  if (keyspace === undefined) return undefined;
  const hosts = parseHosts(hostsText);
  const auth = await promptClusterCredentials(hosts[0]!);
  if (!auth) return undefined;
  const tls = await vscode.window.showQuickPick(['No TLS', 'Use TLS (verify the server certificate)'], {
    title: 'Transport encryption',
    ignoreFocusOut: true,
  });
  if (tls === undefined) return undefined;
  const name = await vscode.window.showInputBox({
    title: 'Name this connection',
    value: hosts[0],
    ignoreFocusOut: true,
    validateInput: uniqueNameValidator(deps),
  });
  if (name === undefined) return undefined;

  const id = ProfileStore.newId();
  const profile: ConnectionProfile = {
    id,
    name: name.trim(),
    kind: 'contactPoints',
    contactPoints: hosts,
    port: parsePort(portText)!,
    localDataCenter: localDataCenter.trim(),
    useTls: tls.startsWith('Use'),
  };
  if (keyspace.trim()) profile.defaultKeyspace = keyspace.trim();
  if (auth.username) profile.username = auth.username;
  await deps.service.saveProfile(profile, auth.credentials);
  await connectAndActivate(deps, id);
  return id;
}

export async function renameConnection(deps: FlowDeps, id: string): Promise<void> {
  const profile = deps.service.profile(id);
  if (!profile) return;
  const name = await vscode.window.showInputBox({
    title: `Rename "${profile.name}"`,
    value: profile.name,
    validateInput: uniqueNameValidator(deps, id),
  });
  if (name !== undefined && name.trim() !== profile.name) await deps.service.rename(id, name.trim());
}

export async function connectAndActivate(deps: FlowDeps, id: string): Promise<boolean> {
  await deps.service.setActive(id);
  try {
    await connectWithProgress(deps.service, id);
    return true;
  } catch (err) {
    void showConnectionError(err, deps.logs);
    return false;
  }
}

function parseHosts(text: string): string[] {
  return text
    .split(/[,\s]+/)
    .map((h) => h.trim())
    .filter(Boolean);
}

function parsePort(text: string): number | undefined {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}
