// The extension's real connection stack in Node: fake `vscode`, LogService, ProfileStore, AstraConnectionService and
// the notebook execution core, over the real cassandra-driver. Extension modules load only after the fake is in
// place (they `import * as vscode`), hence the dynamic imports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSettings } from '../../../src/extension/connections/clientOptions.js';
import type { AstraConnectionService } from '../../../src/extension/connections/connectionService.js';
import type { ProfileStore } from '../../../src/extension/connections/profileStore.js';
import type { CqlSession, Outcome, SessionOptions } from '../../../src/extension/cql/session.js';
import { describeFailure } from '../../../src/extension/cql/cqlErrors.js';
import { createFakeVscode, fakeContext, installFakeVscode, type FakeVscode } from '../../unit/fakes/fakeVscode.js';

export interface ExtensionStack {
  fake: FakeVscode;
  service: AstraConnectionService;
  store: ProfileStore;
  settings: ConnectionSettings;
  dir: string;
  bundleDir: string;
  state: Map<string, unknown>;
  secrets: Map<string, string>;
  addBundleProfile(bundlePath: string, token: string | undefined, opts?: { name?: string; keyspace?: string }): Promise<string>;
  session(profileId: string, opts?: Partial<SessionOptions>): CqlSession;
  stop(): Promise<void>;
}

let installed: FakeVscode | undefined;

export async function extensionStack(settings: Partial<ConnectionSettings> = {}): Promise<ExtensionStack> {
  if (!installed) {
    installed = createFakeVscode();
    installFakeVscode(installed);
  }
  const fake = installed;
  const { DEFAULT_SETTINGS } = await import('../../../src/extension/connections/clientOptions.js');
  const { LogService } = await import('../../../src/extension/logging.js');
  const { ProfileStore } = await import('../../../src/extension/connections/profileStore.js');
  const { AstraConnectionService } = await import('../../../src/extension/connections/connectionService.js');
  const { CqlSession } = await import('../../../src/extension/cql/session.js');
  const { inspectBundleFile } = await import('../../../src/extension/connections/bundle.js');

  const dir = mkdtempSync(join(tmpdir(), 'astra-reliability-'));
  const { context, state, secrets } = fakeContext(dir);
  const bundleDir = join(context.globalStorageUri.fsPath, 'bundles');
  const store = new ProfileStore(context.globalState, context.secrets, bundleDir);
  const current: ConnectionSettings = { ...DEFAULT_SETTINGS, ...settings };
  const service = new AstraConnectionService(store, new LogService(), () => current);

  return {
    fake, service, store, settings: current, dir, bundleDir, state, secrets,
    async addBundleProfile(bundlePath, token, opts = {}) {
      const id = ProfileStore.newId();
      const info = await inspectBundleFile(bundlePath);
      const copy = await store.copyBundle(bundlePath, id);
      const profile = {
        id, name: opts.name ?? 'Sandbox', kind: 'bundle' as const, bundlePath: copy, host: info.host,
        authKind: 'token' as const, defaultKeyspace: opts.keyspace ?? info.keyspace,
      };
      await service.saveProfile(profile, token === undefined ? undefined : { username: 'token', password: token });
      return id;
    },
    session(profileId, opts = {}) {
      return new CqlSession({
        client: () => service.client(profileId),
        errorContext: () => service.errorContext(profileId),
        pageSize: 100,
        timeZone: 'UTC',
        ...opts,
      });
    },
    async stop() {
      await service.shutdownAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { runCell } from '../../support/cells.js';

/** The text the cell's error output shows (name, message and the details block), or '' when there is none. */
export function cellErrorText(outcomes: readonly Outcome[], source = ''): string {
  const failed = outcomes.find((o) => o.kind === 'error');
  return failed?.kind === 'error' ? `${failed.failure.name}: ${describeFailure(failed.failure, source)}` : '';
}

export function rowsOf(o: Outcome | undefined): unknown[][] {
  if (o?.kind !== 'result') throw new Error(`expected rows, got ${o?.kind === 'error' ? `${o.failure.name}: ${o.failure.message}` : o?.kind}`);
  return o.payload.rows;
}
