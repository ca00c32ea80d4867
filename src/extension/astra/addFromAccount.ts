// "Astra: Add Databases from Astra Account…": token (asked once) → database QuickPick → datacenter (multi-region)
// → bundle fetched through the DevOps API → saved like a hand-picked bundle → connected with the same token.

import * as vscode from 'vscode';
import {
  describeDatabase,
  isActive,
  sortDatabases,
  statusExplanation,
  statusIconId,
  type AstraDatabase,
  type AstraDatacenter,
} from './core/databases.js';
import type { ConnectionService } from '../connections/types.js';
import type { Logger } from '../logging.js';
import { withDevopsProgress, type AstraAccount } from './account.js';
import { existingProfile, fetchBundle, saveBundleProfile } from './bundleInstall.js';
import { explainInactive, showAstraError } from './notify.js';
import { connectWithProgress } from '../connections/connectProgress.js';

export interface AstraDeps {
  account: AstraAccount;
  connections: ConnectionService;
  log: Logger;
}

type DbItem = vscode.QuickPickItem & { db?: AstraDatabase };

function databaseItems(dbs: readonly AstraDatabase[]): DbItem[] {
  const sorted = sortDatabases(dbs);
  const items: DbItem[] = [];
  sorted.forEach((db, i) => {
    if (i > 0 && isActive(sorted[i - 1]!) && !isActive(db)) {
      items.push({ label: 'Not running', kind: vscode.QuickPickItemKind.Separator });
    }
    const d = describeDatabase(db);
    items.push({ label: `$(${statusIconId(db)}) ${d.label}`, description: d.description, detail: d.detail, db });
  });
  return items;
}

async function pickDatabase(dbs: readonly AstraDatabase[]): Promise<AstraDatabase | undefined> {
  const picked = await vscode.window.showQuickPick(databaseItems(dbs), {
    title: 'Add a database from your Astra account',
    placeHolder: 'Choose a database (name, cloud · region, keyspaces)',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.db;
}

async function pickDatacenter(db: AstraDatabase): Promise<AstraDatacenter | undefined> {
  if (db.datacenters.length <= 1) return db.datacenters[0] ?? { id: '', name: '', region: db.region };
  const picked = await vscode.window.showQuickPick(
    db.datacenters.map((dc) => ({
      label: dc.region,
      description: [dc.cloudProvider, dc.name, dc.status && dc.status !== 'ACTIVE' ? dc.status : undefined].filter(Boolean).join(' · '),
      dc,
    })),
    {
      title: `${db.name} runs in ${db.datacenters.length} regions`,
      placeHolder: 'Choose the region (datacenter) to connect to — pick the one closest to you',
      ignoreFocusOut: true,
    },
  );
  return picked?.dc;
}

/** Connects (with the connection service's own progress) and makes the profile active. */
export async function connectProfile(deps: AstraDeps, id: string): Promise<boolean> {
  await deps.connections.setActive(id);
  try {
    await connectWithProgress(deps.connections, id);
    return true;
  } catch (err) {
    void showAstraError(err, deps.log, 'connecting');
    return false;
  }
}

export interface AddOptions {
  /** Forget the stored token and ask again (after Astra refused it). */
  freshToken?: boolean;
  /** Skip the database QuickPick (the Astra Account view passes the database clicked). */
  databaseId?: string;
}

/** Command arguments: nothing, or `{ astraDatabaseId }` / `{ reenterToken: true }` from the Astra Account view. */
export function addOptionsFromArg(arg: unknown): AddOptions {
  if (!arg || typeof arg !== 'object') return {};
  const o = arg as { astraDatabaseId?: unknown; reenterToken?: unknown };
  return {
    databaseId: typeof o.astraDatabaseId === 'string' ? o.astraDatabaseId : undefined,
    freshToken: o.reenterToken === true,
  };
}

export async function addFromAstraAccount(deps: AstraDeps, opts: AddOptions = {}): Promise<string | undefined> {
  const reenter = () => addFromAstraAccount(deps, { ...opts, freshToken: true });
  const token = await deps.account.ensureToken(opts.freshToken);
  if (!token) return undefined;

  let dbs: AstraDatabase[];
  try {
    dbs = await withDevopsProgress('Astra: listing your databases…', (signal, _report, onRetry) =>
      deps.account.client(token, onRetry).listDatabases({ signal }),
    );
  } catch (err) {
    void showAstraError(err, deps.log, 'listing databases', reenter);
    return undefined;
  }
  deps.log.info(`listed ${dbs.length} database(s) from the Astra account`);
  if (dbs.length === 0) {
    await explainInactive('This Astra organization has no databases yet. Create one in the Astra console, then try again.');
    return undefined;
  }

  const db = opts.databaseId ? dbs.find((d) => d.id === opts.databaseId) : await pickDatabase(dbs);
  if (!db) {
    if (opts.databaseId) void vscode.window.showWarningMessage('Astra DB: that database is no longer in your Astra account.');
    return undefined;
  }
  const inactive = statusExplanation(db);
  if (inactive) {
    await explainInactive(inactive);
    return undefined;
  }
  const dc = await pickDatacenter(db);
  if (!dc) return undefined;

  const existing = existingProfile(deps.connections, db, dc);
  let profileId: string;
  try {
    const profile = await withDevopsProgress(`Astra: adding ${db.name}`, async (signal, report, onRetry) => {
      const client = deps.account.client(token, onRetry);
      report('fetching the secure connect bundle…');
      const bundle = await fetchBundle(client, db.id, db.datacenters.length > 1 ? dc.id : undefined, signal);
      report('saving…');
      return saveBundleProfile(deps.connections, { db, datacenter: dc.id ? dc : undefined, bundle, token, existing });
    });
    profileId = profile.id;
    deps.log.info(`${existing ? 'updated' : 'added'} connection "${profile.name}" for database ${db.id} (host ${profile.host})`);
  } catch (err) {
    void showAstraError(err, deps.log, `fetching the bundle of ${db.name}`, reenter);
    return undefined;
  }
  // A connection still open on the old bundle keeps working; only a fresh one needs connecting.
  await connectProfile(deps, profileId);
  return profileId;
}
