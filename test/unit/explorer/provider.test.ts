// The vscode-facing half of the explorer (tree provider + commands) against the fake `vscode` module and a fake
// ConnectionService: no reconnect on refresh, Drop Table's guard and confirmation, what Select Rows asks notebooks for.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeVscode, EventEmitter, installFakeVscode } from '../fakes/fakeVscode.js';
import type { Services } from '../../../src/extension/services.js';
import type { ConnectionProfile, ConnectionState } from '../../../src/extension/connections/types.js';
import type { ExplorerNode } from '../../../src/extension/explorer/model.js';

const fake = createFakeVscode();
installFakeVscode(fake);
let mod: {
  provider: typeof import('../../../src/extension/explorer/treeProvider.js');
  commands: typeof import('../../../src/extension/explorer/commands.js');
};

const executed: string[] = [];
const fakeClient = {
  metadata: { keyspaces: { shop: { name: 'shop' }, system: { name: 'system' } }, refreshKeyspaces: async () => {}, refreshKeyspace: async () => {} },
  execute: async (cql: string) => {
    executed.push(cql);
    return { rows: [], pageState: null };
  },
};

class FakeConnections {
  readonly changed = new EventEmitter<void>();
  readonly schema = new EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeSchema = this.schema.event;
  states = new Map<string, ConnectionState>([['p1', 'disconnected']]);
  errors = new Map<string, string>();
  clientCalls = 0;
  schemaNotices: string[] = [];
  readonly list: ConnectionProfile[] = [
    { id: 'p1', name: 'Prod', kind: 'contactPoints', contactPoints: ['127.0.0.1'], port: 9042, localDataCenter: 'dc1', useTls: false },
  ];
  profiles = () => this.list;
  profile = (id: string) => this.list.find((p) => p.id === id);
  state = (id: string) => this.states.get(id) ?? 'disconnected';
  lastError = (id: string) => this.errors.get(id);
  activeProfileId = () => 'p1';
  setActive() {}
  client = async () => {
    this.clientCalls++;
    this.states.set('p1', 'connected');
    return fakeClient as never;
  };
  connectedClient = (id: string) => (this.state(id) === 'connected' ? (fakeClient as never) : undefined);
  disconnect = async () => {};
  notifySchemaChanged = (id: string) => void this.schemaNotices.push(id);
}

const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

before(async () => {
  mod = {
    provider: await import('../../../src/extension/explorer/treeProvider.js'),
    commands: await import('../../../src/extension/explorer/commands.js'),
  };
});

function setup() {
  const connections = new FakeConnections();
  const tree = new mod.provider.SchemaTreeProvider(connections as never, logger);
  const services = { context: { subscriptions: [] }, logger: () => logger, connections } as unknown as Services;
  for (const d of mod.commands.registerExplorerCommands(services, tree, logger)) void d;
  const fired: (ExplorerNode | undefined)[] = [];
  tree.onDidChangeTreeData((n) => void fired.push(n));
  return { connections, tree, fired };
}

test('a disconnected or failed connection is never reconnected by expanding or refreshing', async () => {
  const { connections, tree } = setup();
  const [conn] = await tree.getChildren();
  assert.equal(conn.kind, 'connection');
  assert.deepEqual(await tree.getChildren(conn), []);
  await tree.refresh();
  connections.states.set('p1', 'error');
  connections.errors.set('p1', 'Authentication failed');
  const [failed] = await tree.getChildren();
  const kids = await tree.getChildren(failed);
  assert.equal(kids.length, 1);
  assert.equal(kids[0].kind === 'error' && kids[0].message, 'Authentication failed');
  assert.equal(connections.clientCalls, 0);
});

test('a connected connection lists keyspaces; schema changes refresh that connection node', async () => {
  const { connections, tree, fired } = setup();
  connections.states.set('p1', 'connected');
  const [conn] = await tree.getChildren();
  const kids = await tree.getChildren(conn);
  assert.deepEqual(kids.map((k) => (k.kind === 'keyspace' ? k.keyspace : k.kind)), ['shop', 'systemKeyspaces']);
  tree.schemaChanged('p1');
  assert.equal(fired.at(-1), conn, 'fires with the very node object VS Code holds');
  connections.changed.fire();
  tree.connectionsChanged();
  assert.equal(fired.at(-1), undefined);
});

test('Drop Table: refused on system keyspaces, confirmed by a modal naming the table, then DROP and schema notice', async () => {
  const { connections } = setup();
  connections.states.set('p1', 'connected');
  fake.messages.length = 0;
  executed.length = 0;
  const sys: ExplorerNode = { kind: 'table', profileId: 'p1', keyspace: 'system_auth', name: 'roles', system: true };
  await fake.vscode.commands.executeCommand('astra.explorer.dropTable', sys);
  assert.match(fake.messages.at(-1)?.text ?? '', /system keyspace/);
  assert.deepEqual(executed, []);

  const table: ExplorerNode = { kind: 'table', profileId: 'p1', keyspace: 'Shop', name: 'orders', system: false };
  fake.answers.push(undefined); // dismissed
  await fake.vscode.commands.executeCommand('astra.explorer.dropTable', table);
  const prompt = fake.prompts.at(-1)!;
  assert.equal(prompt.modal, true);
  assert.match(String(prompt.title), /"Shop"\.orders/);
  assert.deepEqual(executed, []);

  fake.answers.push('Drop orders');
  await fake.vscode.commands.executeCommand('astra.explorer.dropTable', table);
  assert.deepEqual(executed, ['DROP TABLE "Shop".orders']);
  assert.deepEqual(connections.schemaNotices, ['p1']);
});

test('Select Rows and New CQL Notebook hand notebooks the profile, keyspace and cell', async () => {
  setup();
  const calls: unknown[] = [];
  fake.commands.set('astra.newNotebook', (arg) => void calls.push(arg));
  const table: ExplorerNode = { kind: 'table', profileId: 'p1', keyspace: 'shop', name: 'Orders', system: false };
  await fake.vscode.commands.executeCommand('astra.explorer.selectRows', table);
  assert.deepEqual(calls.at(-1), { profileId: 'p1', keyspace: 'shop', cells: ['SELECT * FROM shop."Orders" LIMIT 100'], run: true });
  await fake.vscode.commands.executeCommand('astra.explorer.newNotebook', { kind: 'keyspace', profileId: 'p1', keyspace: 'shop', system: false, virtual: false });
  assert.deepEqual(calls.at(-1), { profileId: 'p1', keyspace: 'shop' });
  await fake.vscode.commands.executeCommand('astra.explorer.copyName', table);
  assert.equal(fake.clipboard(), 'shop."Orders"');
});

test('Connect / Disconnect / Copy Connection Code pass the profile id to the connection commands', async () => {
  setup();
  const seen: string[] = [];
  for (const id of ['astra.connect', 'astra.disconnect', 'astra.copyConnectionCode']) fake.commands.set(id, (arg) => void seen.push(`${id}:${String(arg)}`));
  const conn: ExplorerNode = { kind: 'connection', profileId: 'p1', name: 'Prod', state: 'disconnected', astra: false };
  await fake.vscode.commands.executeCommand('astra.explorer.connect', conn);
  await fake.vscode.commands.executeCommand('astra.explorer.disconnect', conn);
  await fake.vscode.commands.executeCommand('astra.explorer.copyConnectionCode', conn);
  assert.deepEqual(seen, ['astra.connect:p1', 'astra.disconnect:p1', 'astra.copyConnectionCode:p1']);
});
