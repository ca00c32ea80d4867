// KeyspaceClients: one client per keyspace, opened once and shared, at most `max` kept (idle ones closed, least
// recently used first), a failed open not remembered, everything closed with the connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'cassandra-driver';
import { KeyspaceClients } from '../../src/extension/connections/keyspaceClients.js';

interface FakeClient {
  keyspace: string;
  closed: boolean;
  shutdown(): Promise<void>;
}

function pool(max: number, fail: (ks: string) => boolean = () => false) {
  const opened: FakeClient[] = [];
  const clients = new KeyspaceClients(async (keyspace) => {
    if (fail(keyspace)) throw new Error(`Keyspace '${keyspace}' does not exist`);
    const c: FakeClient = { keyspace, closed: false, shutdown: async () => void (c.closed = true) };
    opened.push(c);
    return c as unknown as Client;
  }, max);
  return { clients, opened };
}

const flush = () => new Promise((r) => setImmediate(r));

test('a keyspace is opened once and shared by every user', async () => {
  const { clients, opened } = pool(4);
  const [a, b] = await Promise.all([clients.acquire('ks1'), clients.acquire('ks1')]);
  assert.equal(a.client, b.client);
  assert.equal(opened.length, 1);
  assert.equal((a.client as unknown as FakeClient).keyspace, 'ks1');
});

test('beyond the limit the least recently used idle client is closed, never one in use', async () => {
  const { clients, opened } = pool(2);
  const ks1 = await clients.acquire('ks1');
  (await clients.acquire('ks2')).release();
  (await clients.acquire('ks3')).release();
  await flush();
  assert.deepEqual(clients.keyspaces(), ['ks1', 'ks3'], 'ks2 was idle and oldest; ks1 is in use');
  assert.deepEqual(opened.map((c) => c.closed), [false, true, false]);
  ks1.release();
  (await clients.acquire('ks4')).release();
  await flush();
  assert.deepEqual(clients.keyspaces(), ['ks3', 'ks4']);
  assert.equal(opened[0]!.closed, true);
});

test('a client that cannot be opened is not kept, so the next use tries again', async () => {
  let missing = true;
  const { clients, opened } = pool(4, () => missing);
  await assert.rejects(clients.acquire('later'), /does not exist/);
  assert.deepEqual(clients.keyspaces(), []);
  missing = false;
  await clients.acquire('later');
  assert.equal(opened.length, 1);
});

test('closeAll closes every client and refuses new uses', async () => {
  const { clients, opened } = pool(4);
  await clients.acquire('ks1');
  (await clients.acquire('ks2')).release();
  await clients.closeAll();
  assert.deepEqual(opened.map((c) => c.closed), [true, true]);
  await assert.rejects(clients.acquire('ks1'), /closed/);
});
