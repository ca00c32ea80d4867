import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionProfile } from '../../src/extension/connections/types.js';
import { ProfileStore, type MementoLike, type SecretStorageLike } from '../../src/extension/connections/profileStore.js';
import { parseDemoConfig } from '../../src/extension/connections/demo.js';
import { redact } from '../../src/extension/secrets/redact.js';
import AdmZip from 'adm-zip';
import { rawZip } from '../support/rawZip.js';
import { testBundle, testBundleEntries } from './fakes/testBundle.js';

class FakeMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
class FakeSecrets implements SecretStorageLike {
  readonly data = new Map<string, string>();
  async get(key: string) {
    return this.data.get(key);
  }
  async store(key: string, value: string) {
    this.data.set(key, value);
  }
  async delete(key: string) {
    this.data.delete(key);
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
  const state = new FakeMemento();
  const secrets = new FakeSecrets();
  const store = new ProfileStore(state, secrets, join(dir, 'storage', 'bundles'));
  return { dir, state, secrets, store, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const TOKEN = 'AstraCS:abc:0123456789abcdef';

test('profiles go to global state without secrets; credentials to secret storage only', async () => {
  const { state, secrets, store, cleanup } = setup();
  try {
    const id = ProfileStore.newId();
    // An extra property carrying a secret must not survive into global state.
    const sneaky = { id, name: 'prod', kind: 'bundle', bundlePath: '/x.zip', host: 'h', authKind: 'token', token: TOKEN } as ConnectionProfile;
    await store.save(sneaky);
    await store.setCredentials(id, { username: 'token', password: TOKEN });
    assert.ok(!JSON.stringify([...state.data]).includes('AstraCS'));
    assert.deepEqual(await store.credentials(id), { username: 'token', password: TOKEN });
    assert.equal([...secrets.data.keys()].length, 1);
    assert.deepEqual(store.get(id), { id, name: 'prod', kind: 'bundle', bundlePath: '/x.zip', host: 'h', authKind: 'token' });
    await store.rename(id, 'production');
    assert.equal(store.findByName('production')?.id, id);
  } finally {
    cleanup();
  }
});

test('removing a profile removes its credentials, its bundle copy and the active mark', async () => {
  const { dir, state, secrets, store, cleanup } = setup();
  try {
    const id = ProfileStore.newId();
    const original = join(dir, 'secure-connect-db.zip');
    writeFileSync(original, testBundle());
    const copy = await store.copyBundle(original, id);
    await store.save({ id, name: 'a', kind: 'bundle', bundlePath: copy, host: 'h', authKind: 'token' });
    await store.setCredentials(id, { username: 'token', password: TOKEN });
    await store.setActiveId(id);
    const other = ProfileStore.newId();
    await store.save({ id: other, name: 'b', kind: 'contactPoints', contactPoints: ['h'], port: 9042, localDataCenter: 'dc1', useTls: false });
    await store.setCredentials(other, { username: 'u', password: 'pw' });

    await store.remove(id);
    assert.equal(store.get(id), undefined);
    assert.equal(await store.credentials(id), undefined);
    assert.equal(existsSync(copy), false);
    assert.equal(existsSync(original), true, 'the user\'s original is never touched');
    assert.equal(store.activeId(), undefined);
    assert.equal(state.data.has('astra.activeConnection'), false, 'the stored mark is cleared, not just hidden');
    assert.deepEqual(await store.credentials(other), { username: 'u', password: 'pw' });
    assert.equal(secrets.data.size, 1);
  } finally {
    cleanup();
  }
});

test('the bundle is stored rebuilt from its accepted entries, never written next to a read-only original', async () => {
  const { dir, store, cleanup } = setup();
  const ro = join(dir, 'readonly');
  try {
    // As root chmod does not stop writes, so the folder listing is what proves nothing was written there.
    mkdirSync(ro);
    writeFileSync(join(ro, 'bundle.zip'), rawZip([...testBundleEntries(), { name: 'cert.pfx', data: Buffer.from('pfx') }], { comment: Buffer.from('kept out') }));
    chmodSync(ro, 0o555);
    const copy = await store.copyBundle(join(ro, 'bundle.zip'), 'p1');
    assert.ok(copy.startsWith(join(dir, 'storage', 'bundles')));
    const stored = readFileSync(copy);
    assert.ok(!stored.includes('kept out'), 'the original\'s comment is not copied');
    assert.deepEqual(new AdmZip(stored).getEntries().map((e) => e.entryName), [...testBundleEntries().map((e) => e.name), 'cert.pfx']);
    assert.equal(statSync(copy).mode & 0o777, 0o600);
    await assert.rejects(store.copyBundle(join(dir, 'storage'), 'p2'), /is a folder/);
    assert.deepEqual(readdirSync(join(dir, 'storage', 'bundles')), ['p1.zip'], 'a refused bundle writes nothing');
    assert.deepEqual(readdirSync(ro), ['bundle.zip']);
    assert.deepEqual(readdirSync(join(dir, 'storage', 'bundles')), ['p1.zip']);
  } finally {
    chmodSync(ro, 0o755);
    cleanup();
  }
});

test('corrupt stored data is ignored rather than crashing', async () => {
  const { state, secrets, store, cleanup } = setup();
  try {
    await state.update('astra.connections.v1', [{ id: 1 }, 'x', { id: 'a', name: 'n', kind: 'other' }]);
    assert.deepEqual(store.list(), []);
    secrets.data.set('astra.credentials.a', 'not json');
    assert.equal(await store.credentials('a'), undefined);
    await state.update('astra.activeConnection', 'gone');
    assert.equal(store.activeId(), undefined);
  } finally {
    cleanup();
  }
});

test('demo config: bundle + token, contact points, and the refusal of both at once', () => {
  assert.deepEqual(parseDemoConfig(JSON.stringify({ name: 'Demo', bundlePath: '/b.zip', token: TOKEN })), {
    name: 'Demo', bundlePath: '/b.zip', token: TOKEN,
  });
  assert.deepEqual(parseDemoConfig(JSON.stringify({ name: 'C', contactPoints: ['127.0.0.1'], localDataCenter: 'dc1', port: 9043 })), {
    name: 'C', contactPoints: ['127.0.0.1'], localDataCenter: 'dc1', port: 9043,
  });
  assert.throws(() => parseDemoConfig(JSON.stringify({ bundlePath: '/b.zip', token: TOKEN, contactPoints: ['h'] })), /use one or the other/);
  assert.throws(() => parseDemoConfig(JSON.stringify({ bundlePath: '/b.zip' })), /no token/);
  assert.throws(() => parseDemoConfig('{}'), /needs either/);
});

test('credentials read from secret storage are masked by every later redact()', async () => {
  const { store, secrets, cleanup } = setup();
  try {
    const id = ProfileStore.newId();
    const password = `pw-${ProfileStore.newId()}`;
    // Stored by an earlier session: this process has not seen it yet.
    secrets.data.set(`astra.credentials.${id}`, JSON.stringify({ username: 'cassandra', password }));
    assert.ok(redact(`failed with ${password}`).includes(password), 'unknown before it is read');
    assert.deepEqual(await store.credentials(id), { username: 'cassandra', password });
    assert.equal(redact(`failed with ${password}`), 'failed with ***');
    assert.equal(redact(`x ${encodeURIComponent(encodeURIComponent(password))}`), 'x ***');
    assert.equal(redact('user cassandra'), 'user cassandra', 'a cluster username is not treated as secret');
  } finally {
    cleanup();
  }
});
