// The Astra account commands end to end with a scripted `vscode` fake, the real connection service and driver, and
// the sandbox's DevOps API: token asked once → databases → bundle → connected; hibernated explained; multi-region
// asks for the region; Create Keyspace waits for the schema; Refresh Bundle; a rejected token offers Re-enter Token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeVscode, fakeContext, installFakeVscode } from '../unit/fakes/fakeVscode.js';
import type { SandboxHandle } from '../sandbox/index.js';
import type { ConnectionProfile } from '../../src/extension/connections/types.js';
import type { AstraConnectionService } from '../../src/extension/connections/connectionService.js';
import { fakeToken } from '../support/fakeToken.js';

const settings: Record<string, unknown> = {};
const fake = createFakeVscode(settings);
installFakeVscode(fake);
const dir = mkdtempSync(join(tmpdir(), 'astra-account-cmd-'));
const { context, state, secrets } = fakeContext(dir);
let sb: SandboxHandle;
let connections: AstraConnectionService;
const schemaEvents: string[] = [];

type Item = { label: string; description?: string; detail?: string; kind?: number };
const pickWhere = (pred: (i: Item) => boolean) => (_o: unknown, items?: unknown[]) => (items as Item[]).find(pred);
const run = (id: string, ...args: unknown[]) => fake.commands.get(id)!(...args) as Promise<unknown>;
const errors = () => fake.messages.filter((m) => m.level === 'error');
const bundleProfiles = () => connections.profiles().filter((p): p is Extract<ConnectionProfile, { kind: 'bundle' }> => p.kind === 'bundle');

before(async () => {
  const { startSandbox } = await import('../sandbox/index.js');
  sb = await startSandbox({ seed: 'none', nodes: 1 });
  settings['astra.devopsApiUrl'] = sb.devopsUrl;
  process.env.ASTRA_DB_VSCODE_DEVOPS_CA = sb.caPath;
  const { LogService } = await import('../../src/extension/logging.js');
  const { createConnectionService } = await import('../../src/extension/connections/index.js');
  const { registerAstraAccount } = await import('../../src/extension/astra/index.js');
  const logs = new LogService();
  connections = createConnectionService(context as never, logs);
  context.subscriptions.push(connections.onDidChangeSchema((id) => schemaEvents.push(id)));
  registerAstraAccount({ context: context as never, logger: (p) => logs.logger(p), connections });
});

after(async () => {
  delete process.env.ASTRA_DB_VSCODE_DEVOPS_CA;
  await connections?.shutdownAll();
  for (const d of context.subscriptions) d.dispose();
  await sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('first use: asks the token, lists databases, saves the bundle profile and connects with the token', async () => {
  let listed: Item[] = [];
  fake.answers.push(sb.token, (_o: unknown, items?: unknown[]) => {
    listed = items as Item[];
    return listed.find((i) => i.label.endsWith(' sandbox-db'));
  });
  const id = (await run('astra.addFromAstraAccount')) as string;
  assert.equal(errors().length, 0, JSON.stringify(errors()));
  assert.ok(id);
  assert.equal(secrets.get('astra.account.token'), sb.token);
  assert.equal(fake.prompts[0]!.password, true);

  // ACTIVE first, then a separator, then the sleeping ones with their status.
  const labels = listed.map((i) => (i.kind === -1 ? '---' : i.label.replace(/^\$\([^)]+\) /, '')));
  assert.deepEqual(labels, ['global-catalog', 'sandbox-db', '---', 'analytics-archive', 'staging']);
  assert.match(listed.find((i) => i.label.endsWith('analytics-archive'))!.description!, /^HIBERNATED · GCP/);
  assert.match(listed.find((i) => i.label.endsWith('sandbox-db'))!.detail!, new RegExp(`keyspaces: ${sb.keyspace}`));

  const profile = connections.profile(id)!;
  assert.equal(profile.kind, 'bundle');
  assert.equal(profile.kind === 'bundle' && profile.astraDatabaseId, sb.databaseId);
  assert.equal(profile.name, 'sandbox-db');
  assert.equal(connections.state(id), 'connected');
  assert.equal(connections.activeProfileId(), id);
  const everything = JSON.stringify([...state]) + fake.log.join('\n') + JSON.stringify(fake.messages);
  assert.ok(!everything.includes(sb.token.slice('AstraCS:'.length)), 'token leaked outside secret storage');
});

test('the token is not asked again; a 429 is retried and logged; a hibernated database is explained', async () => {
  sb.devops.faults = { status: 429, times: 1, retryAfterSeconds: 0 };
  const before = connections.profiles().length;
  fake.answers.push(pickWhere((i) => i.label.endsWith(' analytics-archive')), undefined);
  await run('astra.addFromAstraAccount');
  assert.ok(fake.log.some((l) => /\[astra\] DevOps API answered 429 while listing databases; retry 1\/4/.test(l)));
  const warning = fake.messages.at(-1)!;
  assert.equal(warning.level, 'warning');
  assert.match(warning.text, /"analytics-archive" is hibernated.*Resume it in the Astra console/);
  assert.deepEqual(warning.buttons, ['Open Astra Console']);
  assert.equal(connections.profiles().length, before);
});

test('a multi-region database asks for the region and names the profile after it', async () => {
  let regions: Item[] = [];
  fake.answers.push(pickWhere((i) => i.label.endsWith(' global-catalog')), (_o: unknown, items?: unknown[]) => {
    regions = items as Item[];
    return regions.find((i) => i.label === 'eu-west-1');
  });
  const errorsBefore = errors().length;
  await run('astra.addFromAstraAccount');
  assert.deepEqual(regions.map((r) => r.label), ['us-east-1', 'eu-west-1']);
  const saved = bundleProfiles().find((p) => p.name === 'global-catalog (eu-west-1)');
  assert.ok(saved, JSON.stringify(connections.profiles().map((p) => p.name)));
  assert.equal(saved.localDataCenter, 'dc-1');
  // That database does not really run in the sandbox: connecting fails, and says so.
  assert.equal(errors().length, errorsBefore + 1);
  await connections.remove(saved.id);
});

test('adding the same database again reuses its connection instead of duplicating it', async () => {
  const before = connections.profiles().length;
  const first = bundleProfiles().find((p) => p.astraDatabaseId === sb.databaseId)!;
  fake.answers.push(pickWhere((i) => i.label.endsWith(' sandbox-db')));
  const id = await run('astra.addFromAstraAccount');
  assert.equal(id, first.id);
  assert.equal(connections.profiles().length, before);
  assert.equal(connections.state(first.id), 'connected');
});

test('an API URL that is not https is refused before the token is sent', async () => {
  const saved = settings['astra.devopsApiUrl'];
  settings['astra.devopsApiUrl'] = 'http://api.example.com';
  try {
    await run('astra.addFromAstraAccount');
    assert.match(errors().at(-1)!.text, /astra\.devopsApiUrl setting must be an https:\/\/ URL/);
  } finally {
    settings['astra.devopsApiUrl'] = saved;
  }
});

test('Create Keyspace on a connection that is not an Astra database explains why not', async () => {
  const id = 'plain-cluster';
  await connections.saveProfile({ id, name: 'Local Cassandra', kind: 'contactPoints', contactPoints: ['127.0.0.1'], port: 9042, localDataCenter: 'dc1', useTls: false });
  try {
    assert.equal(await run('astra.createKeyspace', id), undefined);
    assert.match(fake.messages.at(-1)!.text, /"Local Cassandra" is not linked to an Astra database/);
  } finally {
    await connections.remove(id);
  }
});

test('Create Keyspace posts to the DevOps API, waits for the driver to see it, then refreshes the explorer', async () => {
  const id = bundleProfiles().find((p) => p.astraDatabaseId === sb.databaseId)!.id;
  const name = `ks_${Date.now().toString(36)}`;
  fake.answers.push(name);
  schemaEvents.length = 0;
  const created = await run('astra.createKeyspace', { profileId: id });
  assert.equal(created, name);
  assert.ok(connections.connectedClient(id)!.metadata.keyspaces[name]);
  assert.deepEqual(schemaEvents, [id]);
  assert.ok(sb.devops.log.some((r) => r.method === 'POST' && r.url.endsWith(`/keyspaces/${name}`) && r.authorized));
  assert.match(fake.messages.at(-1)!.text, new RegExp(`keyspace ${name} created`));
});

test('Refresh Bundle re-downloads and reconnects an open connection', async () => {
  const id = bundleProfiles().find((p) => p.astraDatabaseId === sb.databaseId)!.id;
  const requests = sb.devops.log.length;
  const ok = await run('astra.refreshBundle', id);
  assert.equal(ok, true);
  const made = sb.devops.log.slice(requests).map((r) => `${r.method} ${r.url.split('?')[0]}`);
  assert.deepEqual(made, [`GET /v2/databases/${sb.databaseId}`, `POST /v2/databases/${sb.databaseId}/secureBundleURL`]);
  assert.equal(connections.state(id), 'connected');
  assert.match(fake.messages.at(-1)!.text, /is up to date/);
});

test('a token Astra rejects → error offering Re-enter Token; sign out forgets the token', async () => {
  secrets.set('astra.account.token', fakeToken('revokedrevoked', '0'.repeat(32)));
  await run('astra.addFromAstraAccount');
  const err = errors().at(-1)!;
  assert.match(err.text, /rejected the application token while listing databases \(401/);
  assert.deepEqual(err.buttons, ['Re-enter Token', 'Show Log']);
  assert.ok(!err.text.includes('revokedrevoked'));

  await run('astra.signOutAstraAccount');
  assert.equal(secrets.has('astra.account.token'), false);
  assert.match(fake.messages.at(-1)!.text, /signed out/);
  // Saved connections keep their own credentials.
  const id = bundleProfiles().find((p) => p.astraDatabaseId === sb.databaseId)!.id;
  assert.ok(secrets.get(`astra.credentials.${id}`)?.includes(sb.token));
});

test('the Astra Account view lists every database with its keyspaces; a refused token becomes a clickable node', async () => {
  const { AstraAccount } = await import('../../src/extension/astra/account.js');
  const { AstraAccountTree } = await import('../../src/extension/astra/accountTree.js');
  const log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const account = new AstraAccount(context.secrets as never, log);
  const tree = new AstraAccountTree({ account, connections, log });
  try {
    assert.deepEqual(await tree.getChildren(), [], 'no token: empty, so the welcome view shows');
    secrets.set('astra.account.token', sb.token);
    tree.refresh();
    const nodes = await tree.getChildren();
    const dbs = nodes.flatMap((n) => (n.kind === 'database' ? [`${n.db.name}:${n.db.status}`] : []));
    assert.deepEqual(dbs, ['global-catalog:ACTIVE', 'sandbox-db:ACTIVE', 'analytics-archive:HIBERNATED', 'staging:PARKED']);
    const main = nodes.find((n) => n.kind === 'database' && n.db.id === sb.databaseId)!;
    const keyspaces = (await tree.getChildren(main)).map((n) => (n.kind === 'keyspace' ? n.name : '?'));
    assert.ok(keyspaces.includes(sb.keyspace), keyspaces.join());

    // Clicking a node runs the add flow for that database, without the database QuickPick.
    const staging = nodes.find((n) => n.kind === 'database' && n.db.name === 'staging');
    const prompts = fake.prompts.length;
    fake.answers.push(undefined);
    await run('astra.addFromAstraAccount', { astraDatabaseId: staging?.kind === 'database' ? staging.db.id : '' });
    assert.match(fake.messages.at(-1)!.text, /"staging" is parked\. Unpark it/);
    assert.equal(fake.prompts.length, prompts + 1, 'only the warning, no QuickPick');

    secrets.set('astra.account.token', fakeToken('revokedrevoked', '0'.repeat(32)));
    tree.refresh();
    const [refused] = await tree.getChildren();
    assert.equal(refused?.kind, 'message');
    assert.deepEqual(refused?.kind === 'message' && refused.command?.arguments, [{ reenterToken: true }]);
  } finally {
    tree.dispose();
    account.dispose();
    secrets.delete('astra.account.token');
  }
});
