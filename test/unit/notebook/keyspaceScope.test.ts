// Keyspace scoping on a shared driver client: requests that agree on the keyspace overlap; others wait for the
// group in flight, never run with a wrong keyspace, and the client's own keyspace comes back afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from 'cassandra-driver';
import { withKeyspace } from '../../../src/extension/cql/keyspaceScope.js';

function fakeClient(keyspace?: string) {
  return { keyspace } as unknown as Client & { keyspace?: string };
}

/** A request the test finishes by hand; records the keyspace it was sent with. */
function request(client: { keyspace?: string }, log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const fn = async () => {
    log.push(`${name}:start:${client.keyspace}`);
    await done;
    log.push(`${name}:end`);
    return name;
  };
  return { fn, finish };
}

const tick = () => new Promise((r) => setImmediate(r));

test('requests on the same keyspace overlap, and one that never ends holds no one up', async () => {
  const client = fakeClient('home');
  const log: string[] = [];
  const a = request(client, log, 'a');
  const b = request(client, log, 'b');
  void withKeyspace(client, 'ks1', a.fn); // never finished: a cancelled cell whose request is still out
  const pb = withKeyspace(client, 'ks1', b.fn);
  await tick();
  assert.deepEqual(log, ['a:start:ks1', 'b:start:ks1']);
  b.finish();
  assert.deepEqual(await pb, { value: 'b', keyspaceAfter: 'ks1' });
  a.finish();
});

test('another keyspace waits for the group in flight, then runs with its own; the client keyspace comes back', async () => {
  const client = fakeClient('home');
  const log: string[] = [];
  const [a, b, c] = ['a', 'b', 'c'].map((n) => request(client, log, n));
  const pa = withKeyspace(client, 'ks1', a!.fn);
  const pb = withKeyspace(client, 'ks2', b!.fn);
  const pc = withKeyspace(client, 'ks1', c!.fn); // same keyspace as the group, but queued behind b: b is not starved
  await tick();
  assert.deepEqual(log, ['a:start:ks1']);
  a!.finish();
  await pa;
  await tick();
  assert.deepEqual(log, ['a:start:ks1', 'a:end', 'b:start:ks2']);
  b!.finish();
  await pb;
  await tick();
  assert.equal(log.at(-1), 'c:start:ks1');
  c!.finish();
  await pc;
  assert.equal(client.keyspace, 'home');
});

test('no keyspace of its own means the client keyspace: it joins only a group that kept it', async () => {
  const client = fakeClient('home');
  const log: string[] = [];
  const [a, b, c] = ['a', 'b', 'c'].map((n) => request(client, log, n));
  const pa = withKeyspace(client, undefined, a!.fn);
  const pb = withKeyspace(client, 'home', b!.fn);
  await tick();
  assert.deepEqual(log, ['a:start:home', 'b:start:home']);
  a!.finish();
  b!.finish();
  await Promise.all([pa, pb]);
  const d = request(client, log, 'd');
  const pd = withKeyspace(client, 'other', d.fn);
  const pc = withKeyspace(client, undefined, c!.fn);
  await tick();
  assert.equal(log.at(-1), 'd:start:other');
  d.finish();
  await pd;
  await tick();
  assert.equal(log.at(-1), 'c:start:home');
  c!.finish();
  await pc;
});

test('a USE runs alone and reports the keyspace it set; the client keyspace is restored', async () => {
  const client = fakeClient('home');
  const log: string[] = [];
  const a = request(client, log, 'a');
  const pa = withKeyspace(client, 'ks1', a.fn);
  const use = withKeyspace(client, 'ks1', async () => {
    log.push(`use:start:${client.keyspace}`);
    client.keyspace = 'ks9'; // what the driver does on a SET_KEYSPACE answer
    return 'used';
  }, { exclusive: true });
  const b = request(client, log, 'b');
  const pb = withKeyspace(client, 'ks1', b.fn);
  await tick();
  assert.deepEqual(log, ['a:start:ks1']);
  a.finish();
  assert.deepEqual(await use, { value: 'used', keyspaceAfter: 'ks9' });
  await tick();
  assert.equal(log.at(-1), 'b:start:ks1');
  b.finish();
  await Promise.all([pa, pb]);
  assert.equal(client.keyspace, 'home');
});
