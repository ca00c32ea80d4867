// Demo/e2e hook: ASTRA_DB_VSCODE_DEMO names a JSON file describing one connection. At activation we make sure
// that profile exists (fresh bundle copy and token each time: the sandbox mints new certificates per run),
// make it active and connect in the background. The file is only read; the token is never logged.

import { promises as fs } from 'node:fs';
import type { ConnectionProfile } from './types.js';
import type { Credentials } from './types.js';
import { ProfileOptionError } from './clientOptions.js';
import { inspectBundleFile } from './bundle.js';
import type { ConnectionService } from './types.js';
import { ProfileStore } from './profileStore.js';

export const DEMO_ENV = 'ASTRA_DB_VSCODE_DEMO';

export type DemoConfig = (
  // astraDatabaseId: the database the bundle belongs to, so its Data API collections are listed too.
  | { name: string; bundlePath: string; token: string; astraDatabaseId?: string }
  | {
      name: string;
      contactPoints: string[];
      localDataCenter: string;
      port?: number;
      keyspace?: string;
      username?: string;
      password?: string;
    }
) & { openNotebook?: string }; // a .cqlnb to show once the connection is set up (the demo's first screen)

export function parseDemoConfig(text: string): DemoConfig {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (!raw || typeof raw !== 'object') throw new Error('the demo file must hold a JSON object');
  const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : 'Astra demo';
  const hasBundle = typeof raw.bundlePath === 'string';
  const hasContactPoints = Array.isArray(raw.contactPoints) && raw.contactPoints.length > 0;
  if (hasBundle && (hasContactPoints || raw.sslOptions !== undefined)) {
    throw new ProfileOptionError(
      'the demo file gives a secure connect bundle together with contactPoints/sslOptions; a bundle already ' +
        'defines where and how to connect, so use one or the other.',
    );
  }
  const extra = typeof raw.openNotebook === 'string' ? { openNotebook: raw.openNotebook } : {};
  if (hasBundle) {
    if (typeof raw.token !== 'string' || !raw.token) throw new Error('the demo file has a bundlePath but no token');
    const dbId = typeof raw.astraDatabaseId === 'string' && raw.astraDatabaseId ? { astraDatabaseId: raw.astraDatabaseId } : {};
    return { name, bundlePath: raw.bundlePath as string, token: raw.token, ...dbId, ...extra };
  }
  if (hasContactPoints) {
    const cfg: DemoConfig = {
      name,
      contactPoints: (raw.contactPoints as unknown[]).map(String),
      localDataCenter: typeof raw.localDataCenter === 'string' ? raw.localDataCenter : 'datacenter1',
      ...extra,
    };
    if (typeof raw.port === 'number') cfg.port = raw.port;
    if (typeof raw.keyspace === 'string') cfg.keyspace = raw.keyspace;
    if (typeof raw.username === 'string') cfg.username = raw.username;
    if (typeof raw.password === 'string') cfg.password = raw.password;
    return cfg;
  }
  throw new Error('the demo file needs either bundlePath + token or contactPoints');
}

/** Creates or refreshes the demo profile and returns its id. */
export async function applyDemoConfig(service: ConnectionService, cfg: DemoConfig): Promise<string> {
  const existing = service.profiles().find((p) => p.name === cfg.name);
  const id = existing?.id ?? ProfileStore.newId();
  if ('bundlePath' in cfg) {
    const info = await inspectBundleFile(cfg.bundlePath);
    if (existing) await service.disconnect(id);
    const credentials = { username: 'token', password: cfg.token };
    const dbId = cfg.astraDatabaseId ? { astraDatabaseId: cfg.astraDatabaseId } : {};
    await service.saveBundleProfile({ id, name: cfg.name, bundle: { path: cfg.bundlePath }, info, authKind: 'token', credentials, ...dbId });
  } else {
    let credentials: Credentials | undefined;
    const profile: ConnectionProfile = {
      id,
      name: cfg.name,
      kind: 'contactPoints',
      contactPoints: cfg.contactPoints,
      port: cfg.port ?? 9042,
      localDataCenter: cfg.localDataCenter,
      useTls: false,
    };
    if (cfg.keyspace) profile.defaultKeyspace = cfg.keyspace;
    if (cfg.username) {
      profile.username = cfg.username;
      credentials = { username: cfg.username, password: cfg.password ?? '' };
    }
    if (existing) await service.disconnect(id);
    await service.saveProfile(profile, credentials);
  }
  await service.setActive(id);
  return id;
}

export async function readDemoConfig(path: string): Promise<DemoConfig> {
  return parseDemoConfig(await fs.readFile(path, 'utf8'));
}
