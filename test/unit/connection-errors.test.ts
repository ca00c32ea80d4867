import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errors } from 'cassandra-driver';
import { BundleError } from '../../src/extension/connections/bundle.js';
import { ProfileOptionError } from '../../src/extension/connections/clientOptions.js';
import { ConnectCancelledError, mapConnectionError } from '../../src/extension/connections/connectionErrors.js';
import type { ErrorContext } from '../../src/extension/connections/types.js';

const TOKEN = 'AstraCS:abcdefghijklmnop:0123456789abcdef0123';
const ctx: ErrorContext = {
  profileName: 'prod',
  profileKind: 'bundle',
  connectTimeoutSeconds: 10,
  requestTimeoutSeconds: 30,
  secrets: ['client-secret-xyz'],
};

test('wrong credentials (inside NoHostAvailable) → re-enter credentials', () => {
  const err = new errors.NoHostAvailableError({
    '127.0.0.1:29042:4ac06655': new errors.AuthenticationError('Provided username token and/or password are incorrect'),
  });
  const m = mapConnectionError(err, ctx);
  assert.match(m.message, /token or client id\/secret for "prod" was rejected.*incorrect/);
  assert.deepEqual(m.actions, ['reenterCredentials', 'showLog']);
  const direct = mapConnectionError(new errors.AuthenticationError('bad'), { ...ctx, profileKind: 'contactPoints' });
  assert.match(direct.message, /username or password/);
});

test('metadata service unreachable → names the setting to raise', () => {
  const err = new errors.NoHostAvailableError(
    { '127.0.0.1:29080/metadata': new Error('connect ECONNREFUSED 127.0.0.1:29080') },
    'There was an error fetching the metadata information',
  );
  const m = mapConnectionError(err, ctx);
  assert.match(m.message, /metadata service at 127\.0\.0\.1:29080\/metadata \(connect ECONNREFUSED/);
  assert.match(m.message, /astra\.connectTimeoutSeconds" \(now 10 s\)/);
  assert.deepEqual(m.actions, ['openSettings', 'showLog']);
  assert.equal(m.setting, 'astra.connectTimeoutSeconds');
});

test('metadata service answering garbage → parse message, no settings button', () => {
  const err = new errors.NoHostAvailableError(
    { 'h:1/metadata': new SyntaxError('Unexpected token < in JSON') },
    'There was an error while parsing the metadata service information',
  );
  const m = mapConnectionError(err, ctx);
  assert.match(m.message, /not valid metadata \(Unexpected token/);
  assert.deepEqual(m.actions, ['showLog']);
});

test('driver bundle errors say which file', () => {
  assert.match(mapConnectionError(new TypeError('Config file must be contained in secure bundle'), ctx).message, /config\.json is missing/);
  assert.match(mapConnectionError(new TypeError('Config file must include host and port information'), ctx).message, /config\.json has no host\/port/);
  assert.match(mapConnectionError(new Error('Invalid or unsupported zip format. No END header found'), ctx).message, /not a valid zip/);
  const ours = mapConnectionError(new BundleError('The secure connect bundle has no key.', 'key'), ctx);
  assert.equal(ours.message, 'The secure connect bundle has no key.');
});

test('NoHostAvailable lists the inner reasons; timeouts point at the setting', () => {
  const refused = new errors.NoHostAvailableError({
    '10.0.0.1:9042': new Error('connect ECONNREFUSED 10.0.0.1:9042'),
    '10.0.0.2:9042': new Error('getaddrinfo ENOTFOUND nope'),
  });
  const m = mapConnectionError(refused, { ...ctx, profileKind: 'contactPoints' });
  assert.match(m.message, /10\.0\.0\.1:9042: connect ECONNREFUSED.*10\.0\.0\.2:9042: getaddrinfo ENOTFOUND/);
  assert.deepEqual(m.actions, ['showLog']);
  const slow = new errors.NoHostAvailableError({ '10.0.0.1:9042': new errors.OperationTimedOutError('Connection timeout') });
  assert.equal(mapConnectionError(slow, ctx).setting, 'astra.connectTimeoutSeconds');
  const silent = new errors.NoHostAvailableError({
    '10.0.0.1:9042': new errors.OperationTimedOutError('The host 10.0.0.1:9042 did not reply before timeout 30000 ms'),
  });
  const handshake = mapConnectionError(silent, ctx);
  assert.equal(handshake.setting, 'astra.requestTimeoutSeconds');
  assert.match(handshake.message, /"astra\.requestTimeoutSeconds" \(now 30 s\)/);
  assert.ok(!handshake.message.includes('connectTimeoutSeconds'));
  const readTimeout = mapConnectionError(new errors.OperationTimedOutError('The host 1 did not reply before timeout 30000 ms'), ctx);
  assert.equal(readTimeout.setting, 'astra.requestTimeoutSeconds');
  assert.match(readTimeout.message, /now 30 s/);
});

test('everything is redacted, including registered secrets', () => {
  const err = new errors.NoHostAvailableError({ h: new Error(`bad ${TOKEN} and client-secret-xyz`) });
  const m = mapConnectionError(err, ctx);
  assert.ok(!m.message.includes('abcdefghijklmnop'));
  assert.ok(!m.message.includes('client-secret-xyz'));
  assert.match(m.message, /AstraCS:\*\*\*/);
});

test('profile option errors and cancellation pass through', () => {
  assert.match(mapConnectionError(new ProfileOptionError('no contact points with bundles'), ctx).message, /^no contact points/);
  assert.deepEqual(mapConnectionError(new ConnectCancelledError(), ctx).actions, []);
  assert.match(mapConnectionError('weird', ctx).message, /Could not connect to "prod": weird/);
});
