import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Client } from 'cassandra-driver';
import { watchSchemaChanges } from '../../src/extension/connections/schemaEvents.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeClient() {
  const control = Object.assign(new EventEmitter(), { connection: new EventEmitter() });
  return { control, client: { controlConnection: control } as unknown as Client };
}

test('bursts of schema events are coalesced into one notification', async () => {
  const { control, client } = fakeClient();
  let calls = 0;
  const stop = watchSchemaChanges(client, () => calls++, 30);
  for (let i = 0; i < 5; i++) control.connection.emit('nodeSchemaChange', { keyspace: 'k' });
  await sleep(60);
  assert.equal(calls, 1);
  control.connection.emit('nodeSchemaChange', {});
  await sleep(60);
  assert.equal(calls, 2);
  stop();
});

test('follows the control connection to a new node and stops cleanly', async () => {
  const { control, client } = fakeClient();
  let calls = 0;
  const stop = watchSchemaChanges(client, () => calls++, 10);
  const old = control.connection;
  const next = new EventEmitter();
  control.emit('newConnection', null, next);
  old.emit('nodeSchemaChange', {});
  await sleep(30);
  assert.equal(calls, 0, 'the old connection is no longer listened to');
  next.emit('nodeSchemaChange', {});
  await sleep(30);
  assert.equal(calls, 1);
  stop();
  next.emit('nodeSchemaChange', {});
  await sleep(30);
  assert.equal(calls, 1);
  assert.equal(next.listenerCount('nodeSchemaChange'), 0);
  assert.equal(control.listenerCount('newConnection'), 0);
});

test('a client without the expected internals yields no events and no errors', () => {
  const stop = watchSchemaChanges({} as Client, () => assert.fail('no events expected'));
  stop();
});
