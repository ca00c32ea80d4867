// Activates the real extension entry point against a fake `vscode` and drives the connection commands.
// No server is involved: connecting fails fast (nothing listens on port 1), which exercises error reporting.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { createFakeVscode, fakeContext, installFakeVscode } from './fakes/fakeVscode.js';
import { testBundle } from './fakes/testBundle.js';
import { fakeToken } from '../support/fakeToken.js';

const TOKEN = fakeToken('activationTestClientId', '0123456789abcdef'.repeat(2));
const fake = createFakeVscode({ 'astra.connectTimeoutSeconds': 1 });
installFakeVscode(fake);
const dir = mkdtempSync(join(tmpdir(), 'astra-activation-'));
const { context, state, secrets } = fakeContext(dir);
let ext: typeof import('../../src/extension/extension.js');

function writeBundle(path: string): void {
  const config = { host: '127.0.0.1', port: 1, keyspace: 'demo', localDC: 'dc1' };
  writeFileSync(path, testBundle({ 'config.json': JSON.stringify(config) }));
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const statusBar = () => fake.statusItems.find((i) => i.command === 'astra.selectActiveConnection');
const bundlePath = join(dir, 'secure-connect-demo.zip');
const demoFile = join(dir, 'demo.json');

before(async () => {
  writeBundle(bundlePath);
  writeFileSync(demoFile, JSON.stringify({ name: 'Demo DB', bundlePath, token: TOKEN }));
  process.env.ASTRA_DB_VSCODE_DEMO = demoFile;
  ext = await import('../../src/extension/extension.js');
  ext.activate(context as never);
});

after(async () => {
  delete process.env.ASTRA_DB_VSCODE_DEMO;
  await ext?.deactivate();
  for (const d of context.subscriptions) d.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('activation registers every connection command and a status bar item', () => {
  for (const id of ['astra.connect', 'astra.addBundleConnection', 'astra.addContactPointsConnection', 'astra.disconnect',
    'astra.editCredentials', 'astra.renameConnection', 'astra.removeConnection', 'astra.copyConnectionCode',
    'astra.selectActiveConnection', 'astra.showLog']) {
    assert.ok(fake.commands.has(id), id);
  }
  assert.ok(statusBar(), 'a status bar item opens the connection picker');
});

test('the demo hook creates the active profile, keeps the token in secrets only, and reports the failure', async () => {
  await until('the demo connect error', () => fake.messages.some((m) => m.level === 'error'));
  const profiles = state.get('astra.connections.v1') as { id: string; name: string; bundlePath: string; defaultKeyspace?: string }[];
  assert.equal(profiles.length, 1);
  assert.equal(profiles[0]!.name, 'Demo DB');
  assert.equal(profiles[0]!.defaultKeyspace, 'demo');
  assert.equal(state.get('astra.activeConnection'), profiles[0]!.id);
  assert.ok(profiles[0]!.bundlePath.startsWith(context.globalStorageUri.fsPath), 'profile points at the copy');
  assert.ok(existsSync(profiles[0]!.bundlePath));
  assert.deepEqual(readdirSync(dir).sort(), ['demo.json', 'globalStorage', 'secure-connect-demo.zip']);

  assert.ok(!JSON.stringify([...state]).includes('AstraCS'), 'no token in global state');
  assert.equal(JSON.parse([...secrets.values()][0]!).password, TOKEN);

  const error = fake.messages.find((m) => m.level === 'error')!;
  assert.match(error.text, /metadata service at 127\.0\.0\.1:1.*astra\.connectTimeoutSeconds" \(now 1 s\)/);
  assert.deepEqual(error.buttons, ['Open Settings', 'Show Log']);
  assert.ok(fake.log.some((l) => l.includes('[connections] connecting to "Demo DB"')));
  assert.ok(!fake.log.join('\n').includes(TOKEN.slice(8)), 'the token never reaches the log');
  assert.match(statusBar()!.text, /^\$\(warning\) Demo DB · LOCAL_QUORUM$/);
});

test('Copy Connection Code copies a snippet that reads the token from the environment', async () => {
  const id = (state.get('astra.connections.v1') as { id: string }[])[0]!.id;
  fake.answers.push((_o: unknown, items?: unknown[]) => (items as { id: string }[]).find((i) => i.id === 'python'));
  await fake.commands.get('astra.copyConnectionCode')!(id);
  assert.match(fake.clipboard(), /PlainTextAuthProvider\("token", os\.environ\["ASTRA_DB_APPLICATION_TOKEN"\]\)/);
  assert.ok(!fake.clipboard().includes('AstraCS'));
});

test('add-bundle flow validates, names, stores the token and tries to connect', async () => {
  const before = fake.messages.length;
  fake.answers.push(
    [{ fsPath: bundlePath }], // open dialog
    (o: Record<string, unknown>) => {
      assert.match(String(o.prompt), /host 127\.0\.0\.1 · region\/DC dc1 · default keyspace demo/);
      assert.equal(o.value, 'demo'); // suggested from "secure-connect-demo.zip"
      return 'Second';
    },
    (_o: unknown, items?: unknown[]) => (items as { label: string }[]).find((i) => i.label === 'Application token'),
    (o: Record<string, unknown>) => {
      assert.equal(o.password, true);
      assert.equal((o.validateInput as (v: string) => unknown)('nope'), 'An Astra application token starts with "AstraCS:".');
      return TOKEN;
    },
  );
  await fake.commands.get('astra.addBundleConnection')!();
  const profiles = state.get('astra.connections.v1') as { id: string; name: string }[];
  const second = profiles.find((p) => p.name === 'Second');
  assert.ok(second);
  assert.equal(state.get('astra.activeConnection'), second.id);
  await until('the connect error', () => fake.messages.length > before);
  assert.equal(fake.answers.length, 0);
});

test('a broken bundle is rejected naming the file, nothing is saved', async () => {
  const broken = join(dir, 'broken.zip');
  const zip = new AdmZip();
  zip.addFile('config.json', Buffer.from('{"host":"h","port":1}'));
  writeFileSync(broken, zip.toBuffer());
  const count = (state.get('astra.connections.v1') as unknown[]).length;
  fake.answers.push([{ fsPath: broken }]);
  await fake.commands.get('astra.addBundleConnection')!();
  assert.match(fake.messages.at(-1)!.text, /no ca\.crt/);
  assert.equal((state.get('astra.connections.v1') as unknown[]).length, count);
});

test('remove asks for confirmation and deletes the secret and the bundle copy', async () => {
  const profiles = state.get('astra.connections.v1') as { id: string; name: string; bundlePath: string }[];
  const second = profiles.find((p) => p.name === 'Second')!;
  fake.answers.push('Remove');
  await fake.commands.get('astra.removeConnection')!({ profileId: second.id });
  assert.equal((state.get('astra.connections.v1') as unknown[]).length, profiles.length - 1);
  assert.equal(secrets.has(`astra.credentials.${second.id}`), false);
  assert.equal(existsSync(second.bundlePath), false);
  assert.equal(state.get('astra.activeConnection'), undefined);
  assert.match(statusBar()!.text, /not connected/);
});

test('add-contact-points flow saves hosts/port/DC without secrets and reports the refused connection', async () => {
  const before = fake.messages.length;
  fake.answers.push('127.0.0.1', '1', 'dc1', '', 'cassandra', 'cassandra-pw', 'No TLS', (o: Record<string, unknown>) => {
    assert.equal(o.value, '127.0.0.1');
    return 'Local';
  });
  await fake.commands.get('astra.addContactPointsConnection')!();
  const local = (state.get('astra.connections.v1') as Record<string, unknown>[]).find((p) => p.name === 'Local')!;
  assert.deepEqual(
    { contactPoints: local.contactPoints, port: local.port, dc: local.localDataCenter, user: local.username, tls: local.useTls },
    { contactPoints: ['127.0.0.1'], port: 1, dc: 'dc1', user: 'cassandra', tls: false },
  );
  assert.ok(!JSON.stringify([...state]).includes('cassandra-pw'));
  assert.deepEqual(JSON.parse(secrets.get(`astra.credentials.${local.id}`)!), { username: 'cassandra', password: 'cassandra-pw' });
  await until('the refused connection', () => fake.messages.length > before);
  assert.match(fake.messages.at(-1)!.text, /No database node of "Local" could be reached — 127\.0\.0\.1:1: .*ECONNREFUSED/);
});
