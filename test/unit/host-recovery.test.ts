// hostRecovery: recognising a no-host error raised before sending, and trying the down nodes now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { errors, type Client } from 'cassandra-driver';
import { failedBeforeSending, reviveHosts } from '../../src/extension/connections/hostRecovery.js';

/** A down host as the driver has it: checkIsUp() starts an attempt whose outcome `attempt` decides. */
class FakeHost extends EventEmitter {
  up = false;
  checks = 0;
  readonly pool = Object.assign(new EventEmitter(), { coreConnectionsLength: 1 });
  constructor(readonly address: string, private readonly attempt: 'up' | Error | 'hang') {
    super();
  }
  isUp() {
    return this.up;
  }
  checkIsUp() {
    this.checks++;
    const outcome = this.attempt;
    if (outcome === 'hang') return;
    setTimeout(() => {
      if (outcome === 'up') {
        this.pool.emit('open', null);
        this.up = true;
        this.emit('up');
      } else {
        this.pool.emit('open', outcome);
      }
    }, 5);
  }
}

const clientOf = (hosts: FakeHost[], connectTimeout = 5000) =>
  ({ hosts: { values: () => hosts.values() }, options: { socketOptions: { connectTimeout } } }) as unknown as Client;

test('only a no-host error whose nodes were all known down counts as "nothing sent"', () => {
  assert.equal(failedBeforeSending(new errors.NoHostAvailableError({})), true);
  assert.equal(failedBeforeSending(new errors.NoHostAvailableError({ a: 'Host considered as DOWN', b: 'Host considered as DOWN' })), true);
  assert.equal(failedBeforeSending(new errors.NoHostAvailableError({ a: new Error('Socket was closed') })), false);
  assert.equal(failedBeforeSending(new errors.OperationTimedOutError('t')), false);
  assert.equal(failedBeforeSending(undefined), false);
});

test('resolves up as soon as one down node comes back', async () => {
  const hosts = [new FakeHost('h1:9042', new Error('refused')), new FakeHost('h2:9042', 'up')];
  const t0 = Date.now();
  const r = await reviveHosts(clientOf(hosts));
  assert.equal(r.up, true);
  assert.ok(Date.now() - t0 < 1000);
  assert.deepEqual(hosts.map((h) => h.checks), [1, 1]);
});

test('when every attempt fails, reports each node\'s reason (an authentication error survives as an Error)', async () => {
  const auth = new errors.AuthenticationError('token revoked');
  const r = await reviveHosts(clientOf([new FakeHost('h1:9042', auth), new FakeHost('h2:9042', new Error('refused'))]));
  assert.equal(r.up, false);
  assert.equal(r.reasons['h1:9042'], auth);
  assert.equal((r.reasons['h2:9042'] as Error).message, 'refused');
});

test('gives up after the timeout and says which nodes are still being tried', async () => {
  const t0 = Date.now();
  const r = await reviveHosts(clientOf([new FakeHost('h1:9042', 'hang')], 80));
  const waited = Date.now() - t0;
  assert.equal(r.up, false);
  assert.ok(waited >= 70 && waited < 1000, `waited ${waited} ms`);
  assert.match(String(r.reasons['h1:9042']), /considered as DOWN; reconnecting/);
});

test('nothing to try: answers at once', async () => {
  const upHost = new FakeHost('h1:9042', 'up');
  upHost.up = true;
  assert.deepEqual(await reviveHosts(clientOf([upHost])), { up: true, reasons: {} });
  assert.equal(upHost.checks, 0);
});
