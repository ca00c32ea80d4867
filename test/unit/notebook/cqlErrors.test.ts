// Cell error texts for connection-level failures: worded by the connection error mapping, redacted, actionable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from 'cassandra-driver';
import { ConnectionError } from '../../../src/extension/connections/connectionErrors.js';
import type { ErrorContext } from '../../../src/extension/connections/types.js';
import { describeFailure, toCqlFailure } from '../../../src/extension/cql/cqlErrors.js';
import { splitStatements } from '../../../src/extension/cql/statements.js';

const [stmt] = splitStatements("INSERT INTO t (k) VALUES ('a')");
const TOKEN = 'AstraCS:abcdefghijklmnop:0123456789abcdef0123';
const ctx: ErrorContext = {
  profileName: 'Prod',
  profileKind: 'bundle',
  connectTimeoutSeconds: 10,
  requestTimeoutSeconds: 7,
  secrets: ['plain-client-secret'],
};

test('a dropped connection says the statement may not have been applied', () => {
  const f = toCqlFailure(Object.assign(new Error('Socket was closed'), { name: 'DriverError' }), stmt!, ctx);
  assert.equal(f.errorClass, 'connection_lost');
  assert.match(f.message, /connection to the database was lost .*\(Socket was closed\).*may or may not have been applied/);
  const reset = toCqlFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), stmt!);
  assert.equal(reset.errorClass, 'connection_lost');
  assert.equal(toCqlFailure(Object.assign(new Error('Something else'), { name: 'DriverError' }), stmt!).errorClass, 'driver');
});

test('a request timeout names astra.requestTimeoutSeconds with its value', () => {
  const f = toCqlFailure(new errors.OperationTimedOutError('The host 127.0.0.1:9042 did not reply before timeout 7000 ms'), stmt!, ctx);
  assert.equal(f.errorClass, 'client_timeout');
  assert.match(f.message, /did not reply before timeout 7000 ms.*"astra\.requestTimeoutSeconds" \(now 7 s\)/);
  assert.equal(f.setting, 'astra.requestTimeoutSeconds');
});

test('no host available lists each node and its reason', () => {
  const err = new errors.NoHostAvailableError({
    '127.0.0.1:9042': 'Host considered as DOWN; reconnecting',
    '127.0.0.2:9042': new Error('connect ECONNREFUSED 127.0.0.2:9042'),
  });
  const f = toCqlFailure(err, stmt!, ctx);
  assert.equal(f.errorClass, 'no_host');
  assert.equal(f.name, 'NoHostAvailableError');
  assert.match(f.message, /No database node of "Prod" could be reached — 127\.0\.0\.1:9042: Host considered as DOWN; reconnecting; 127\.0\.0\.2:9042: connect ECONNREFUSED/);
});

test('an authentication failure inside no-host reads as rejected credentials and points at Edit Credentials', () => {
  const err = new errors.NoHostAvailableError({
    '127.0.0.1:9042': new errors.AuthenticationError(`Provided username token and/or password ${TOKEN} are incorrect`),
    '127.0.0.2:9042': 'Host considered as DOWN',
  });
  const f = toCqlFailure(err, stmt!, ctx);
  assert.equal(f.errorClass, 'authentication');
  assert.match(f.message, /token or client id\/secret for "Prod" was rejected/);
  assert.deepEqual(f.actions, ['reenterCredentials', 'showLog']);
  const text = describeFailure(f);
  assert.match(text, /"Astra: Edit Credentials…"/);
  assert.ok(!text.includes('abcdefghijklmnop'));
  // A connect failure from the service carries its own actions into the cell.
  const connect = toCqlFailure(new ConnectionError({ message: 'rejected', actions: ['reenterCredentials'] }, 'p1'), stmt!);
  assert.match(describeFailure(connect), /Edit Credentials/);
  assert.doesNotMatch(describeFailure(toCqlFailure(new Error('x'), stmt!)), /Edit Credentials/);
});

test('driver messages are redacted: token shapes always, registered secrets with the context', () => {
  const err = Object.assign(new Error(`bad ${TOKEN} and plain-client-secret`), { code: 0x2200 });
  assert.doesNotMatch(toCqlFailure(err, stmt!).message, /abcdefghijklmnop/);
  const f = toCqlFailure(err, stmt!, ctx);
  assert.equal(f.message, 'bad AstraCS:*** and ***');
  assert.equal(f.errorClass, 'invalid');
});
