import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auth, types } from 'cassandra-driver';
import type { ConnectionProfile } from '../../src/extension/connections/types.js';
import { buildClientOptions, CONSISTENCY_LEVELS, DEFAULT_SETTINGS, normalizeSettings, ProfileOptionError } from '../../src/extension/connections/clientOptions.js';

const makeAuth = (u: string, p: string) => new auth.PlainTextAuthProvider(u, p);
const bundle: ConnectionProfile = {
  id: 'b', name: 'prod', kind: 'bundle', bundlePath: '/store/b.zip', host: 'h', defaultKeyspace: 'app', authKind: 'token',
};
const cluster: ConnectionProfile = {
  id: 'c', name: 'local', kind: 'contactPoints', contactPoints: ['127.0.0.1'], port: 9043, localDataCenter: 'dc1', useTls: false,
};
const token = { username: 'token', password: 'AstraCS:abc:def' };

test('our consistency table matches the driver', () => {
  const driverNames: Record<string, keyof typeof types.consistencies> = {
    ANY: 'any', ONE: 'one', TWO: 'two', THREE: 'three', QUORUM: 'quorum', ALL: 'all', LOCAL_QUORUM: 'localQuorum',
    EACH_QUORUM: 'eachQuorum', SERIAL: 'serial', LOCAL_SERIAL: 'localSerial', LOCAL_ONE: 'localOne',
  };
  for (const [name, code] of Object.entries(CONSISTENCY_LEVELS)) assert.equal(code, types.consistencies[driverNames[name]!], name);
});

test('bundle profile: cloud bundle, keyspace, LOCAL_QUORUM, timeouts, PlainText auth; no contact points or ssl', () => {
  const o = buildClientOptions(bundle, token, DEFAULT_SETTINGS, makeAuth);
  assert.deepEqual(o.cloud, { secureConnectBundle: '/store/b.zip' });
  assert.equal(o.keyspace, 'app');
  assert.equal(o.queryOptions?.consistency, types.consistencies.localQuorum);
  assert.equal(o.socketOptions?.connectTimeout, 10_000);
  assert.equal(o.socketOptions?.readTimeout, 30_000);
  assert.ok(o.authProvider instanceof auth.PlainTextAuthProvider);
  assert.equal(o.contactPoints, undefined);
  assert.equal(o.sslOptions, undefined);
  assert.equal(o.localDataCenter, undefined);
});

test('settings drive consistency and timeouts', () => {
  const o = buildClientOptions(bundle, token, { connectTimeoutSeconds: 2.5, requestTimeoutSeconds: 90, defaultConsistency: 'QUORUM' }, makeAuth);
  assert.equal(o.queryOptions?.consistency, types.consistencies.quorum);
  assert.equal(o.socketOptions?.connectTimeout, 2500);
  assert.equal(o.socketOptions?.readTimeout, 90_000);
});

test('contact points or SSL options are refused for a bundle, with the reason', () => {
  assert.throws(() => buildClientOptions(bundle, token, DEFAULT_SETTINGS, makeAuth, { contactPoints: ['10.0.0.1'] }),
    (e: unknown) => e instanceof ProfileOptionError && /contact points cannot be set.*metadata service/.test(e.message));
  assert.throws(() => buildClientOptions(bundle, token, DEFAULT_SETTINGS, makeAuth, { sslOptions: {} }),
    (e: unknown) => e instanceof ProfileOptionError && /SSL options cannot be set.*ca\.crt, cert, key/.test(e.message));
  assert.throws(() => buildClientOptions(bundle, undefined, DEFAULT_SETTINGS, makeAuth), /no stored credentials/);
});

test('contact-point profile: hosts, port, DC, optional auth and TLS', () => {
  const plain = buildClientOptions(cluster, undefined, DEFAULT_SETTINGS, makeAuth);
  assert.deepEqual(plain.contactPoints, ['127.0.0.1']);
  assert.equal(plain.localDataCenter, 'dc1');
  assert.equal(plain.protocolOptions?.port, 9043);
  assert.equal(plain.authProvider, undefined);
  assert.equal(plain.sslOptions, undefined);
  assert.equal(plain.cloud, undefined);
  assert.equal(plain.keyspace, undefined);
  const secure = buildClientOptions({ ...cluster, useTls: true, defaultKeyspace: 'k' }, { username: 'u', password: 'p' }, DEFAULT_SETTINGS, makeAuth);
  assert.deepEqual(secure.sslOptions, { rejectUnauthorized: true });
  assert.ok(secure.authProvider instanceof auth.PlainTextAuthProvider);
  assert.equal(secure.keyspace, 'k');
  assert.throws(() => buildClientOptions({ ...cluster, contactPoints: [] }, undefined, DEFAULT_SETTINGS, makeAuth), /no contact points/);
});

test('bad settings values fall back to defaults', () => {
  assert.deepEqual(normalizeSettings({ connectTimeoutSeconds: -1, requestTimeoutSeconds: 'x', defaultConsistency: 'BOGUS' }), DEFAULT_SETTINGS);
  assert.deepEqual(normalizeSettings({ connectTimeoutSeconds: 3, requestTimeoutSeconds: 4, defaultConsistency: 'ONE' }),
    { connectTimeoutSeconds: 3, requestTimeoutSeconds: 4, defaultConsistency: 'ONE' });
});
