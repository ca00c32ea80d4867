// The real extension entry point (fake `vscode`, real driver) against the sandbox or a real Astra database:
// the demo hook connects and the status bar shows it; a wrong token yields "Re-enter credentials".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeVscode, fakeContext, installFakeVscode } from '../unit/fakes/fakeVscode.js';
import { needsBundle, testTarget, type TestTarget } from '../support/target.js';
import { fakeToken } from '../support/fakeToken.js';

const skip = needsBundle();
const fake = createFakeVscode();
installFakeVscode(fake);
const dir = mkdtempSync(join(tmpdir(), 'astra-ext-connect-'));
const { context, state, secrets } = fakeContext(dir);
let target: TestTarget;
let ext: typeof import('../../src/extension/extension.js');
const statusBar = () => fake.statusItems.find((i) => i.command === 'astra.selectActiveConnection');

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what} (status bar: ${statusBar()?.text})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

before(async () => {
  if (skip) return;
  target = await testTarget({ seed: 'none' });
  const demo = join(dir, 'demo.json');
  writeFileSync(demo, JSON.stringify({ name: 'Sandbox', bundlePath: target.bundlePath, token: target.token }));
  process.env.ASTRA_DB_VSCODE_DEMO = demo;
  ext = await import('../../src/extension/extension.js');
  ext.activate(context as never);
});

after(async () => {
  delete process.env.ASTRA_DB_VSCODE_DEMO;
  await ext?.deactivate();
  for (const d of context.subscriptions) d.dispose();
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the demo hook connects in the background and the status bar shows name and consistency', { skip }, async () => {
  await until('connected status', () => statusBar()?.text === '$(database) Sandbox · LOCAL_QUORUM');
  const tooltip = (statusBar()!.tooltip as { value: string }).value;
  assert.match(tooltip, /Default consistency LOCAL_QUORUM/);
  assert.match(tooltip, /Sandbox \(connected\)/);
  assert.ok(fake.log.some((l) => /\[connections\] connected to "Sandbox" in \d+ ms/.test(l)));
  assert.equal(fake.messages.filter((m) => m.level === 'error').length, 0);
});

test('a wrong token → error notification offering "Re-enter credentials"; the token is nowhere in state or log', { skip }, async () => {
  const id = state.get('astra.activeConnection') as string;
  const wrong = fakeToken('wrongClientId', 'f'.repeat(36));
  fake.answers.push(
    (_o: unknown, items?: unknown[]) => (items as { label: string }[]).find((i) => i.label === 'Application token'),
    wrong,
  );
  await fake.commands.get('astra.editCredentials')!(id);
  await until('the auth error', () => fake.messages.some((m) => m.level === 'error'));
  const err = fake.messages.find((m) => m.level === 'error')!;
  assert.match(err.text, /token or client id\/secret for "Sandbox" was rejected/);
  assert.deepEqual(err.buttons, ['Re-enter credentials', 'Show Log']);
  assert.match(statusBar()!.text, /^\$\(warning\) Sandbox/);

  const everything = JSON.stringify([...state]) + fake.log.join('\n') + JSON.stringify(fake.messages);
  for (const secret of [target.token!, wrong]) {
    assert.ok(!everything.includes(secret.slice('AstraCS:'.length)), 'secret leaked');
  }
  assert.ok([...secrets.values()].some((v) => v.includes(wrong)), 'the new token is in secret storage');
});

test('changing the consistency setting applies to an open connection without reconnecting', { skip }, async () => {
  const { AstraConnectionService } = await import('../../src/extension/connections/connectionService.js');
  const { ProfileStore } = await import('../../src/extension/connections/profileStore.js');
  const { LogService } = await import('../../src/extension/logging.js');
  const { DEFAULT_SETTINGS } = await import('../../src/extension/connections/clientOptions.js');
  const { types } = await import('cassandra-driver');
  const own = fakeContext(join(dir, 'own'));
  let settings = { ...DEFAULT_SETTINGS };
  const logs = new LogService();
  const service = new AstraConnectionService(
    new ProfileStore(own.context.globalState, own.context.secrets, join(dir, 'own', 'bundles')),
    logs,
    () => settings,
  );
  try {
    const id = ProfileStore.newId();
    await service.saveProfile(
      { id, name: 'cl', kind: 'bundle', bundlePath: await service.store.copyBundle(target.bundlePath!, id), host: 'h', authKind: 'token' },
      { username: 'token', password: target.token! },
    );
    const client = await service.client(id);
    const first = await client.execute('SELECT release_version FROM system.local');
    assert.equal(first.info.achievedConsistency, types.consistencies.localQuorum);
    settings = { ...settings, defaultConsistency: 'QUORUM' };
    service.applyConsistencySetting();
    const second = await client.execute('SELECT release_version FROM system.local');
    assert.equal(second.info.achievedConsistency, types.consistencies.quorum);
    assert.equal(service.connectedClient(id), client, 'same client, no reconnect');
  } finally {
    await service.shutdownAll();
    service.dispose();
    logs.dispose();
  }
});

test('cancelling a slow connect stops it; the connection ends up disconnected, not in error', { skip }, async () => {
  const { AstraConnectionService } = await import('../../src/extension/connections/connectionService.js');
  const { ProfileStore } = await import('../../src/extension/connections/profileStore.js');
  const { LogService } = await import('../../src/extension/logging.js');
  const { DEFAULT_SETTINGS } = await import('../../src/extension/connections/clientOptions.js');
  const { ConnectCancelledError } = await import('../../src/extension/connections/connectionErrors.js');
  const faults = target.sandbox?.faults;
  if (!faults) return; // needs the sandbox's metadata delay
  const own = fakeContext(join(dir, 'cancel'));
  const logs = new LogService();
  const service = new AstraConnectionService(
    new ProfileStore(own.context.globalState, own.context.secrets, join(dir, 'cancel', 'bundles')),
    logs,
    () => DEFAULT_SETTINGS,
  );
  const listeners: (() => void)[] = [];
  const token = {
    isCancellationRequested: false,
    onCancellationRequested: (l: () => void) => {
      listeners.push(l);
      return { dispose: () => {} };
    },
  };
  faults.metadataDelayMs = 2000;
  try {
    const id = ProfileStore.newId();
    await service.saveProfile(
      { id, name: 'slow', kind: 'bundle', bundlePath: await service.store.copyBundle(target.bundlePath!, id), host: 'h', authKind: 'token' },
      { username: 'token', password: target.token! },
    );
    const attempt = service.client(id, [token as never]);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(service.state(id), 'connecting');
    token.isCancellationRequested = true;
    listeners.forEach((l) => l());
    await assert.rejects(attempt, (e: unknown) => e instanceof ConnectCancelledError);
    assert.equal(service.state(id), 'disconnected');
    assert.equal(service.lastError(id), undefined);

    // disconnect() while connecting also wins: the late client is shut down, not kept.
    const second = service.client(id);
    await new Promise((r) => setTimeout(r, 200));
    await service.disconnect(id);
    await assert.rejects(second, (e: unknown) => e instanceof ConnectCancelledError);
    assert.equal(service.connectedClient(id), undefined);
  } finally {
    faults.metadataDelayMs = 0;
    await service.shutdownAll();
    service.dispose();
    logs.dispose();
  }
});

test('DDL run by another client reaches onDidChangeSchema through the driver', { skip }, async () => {
  const { AstraConnectionService } = await import('../../src/extension/connections/connectionService.js');
  const { ProfileStore } = await import('../../src/extension/connections/profileStore.js');
  const { LogService } = await import('../../src/extension/logging.js');
  const { DEFAULT_SETTINGS } = await import('../../src/extension/connections/clientOptions.js');
  const { Client } = await import('cassandra-driver');
  const { nodeClientOptions } = await import('../support/target.js');
  const own = fakeContext(join(dir, 'schema'));
  const logs = new LogService();
  const service = new AstraConnectionService(
    new ProfileStore(own.context.globalState, own.context.secrets, join(dir, 'schema', 'bundles')),
    logs,
    () => DEFAULT_SETTINGS,
  );
  const other = new Client(nodeClientOptions(target));
  try {
    const id = ProfileStore.newId();
    await service.saveProfile(
      { id, name: 'watch', kind: 'bundle', bundlePath: await service.store.copyBundle(target.bundlePath!, id), host: 'h', authKind: 'token' },
      { username: 'token', password: target.token! },
    );
    await service.client(id);
    const changed: string[] = [];
    service.onDidChangeSchema((p) => changed.push(p));
    await other.connect();
    await other.execute(`CREATE TABLE ${target.keyspace}.${target.name('schema_event_probe')} (id int PRIMARY KEY)`);
    await until('a schema event', () => changed.length > 0, 5000);
    assert.deepEqual(changed, [id]);
  } finally {
    await other.shutdown();
    await service.shutdownAll();
    service.dispose();
    logs.dispose();
  }
});
