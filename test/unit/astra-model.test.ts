// Pure parts of the Astra account feature: parsing DevOps API databases, picker wording, keyspace-name rules,
// Astra's error bodies, and the backoff policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  databaseIdFromHost,
  describeDatabase,
  parseDatabase,
  sortDatabases,
  statusExplanation,
  statusIconId,
  validateKeyspaceName,
  type AstraDatabase,
} from '../../src/extension/astra/core/databases.js';
import { apiErrorMessages, backoffDelay, httpError, parseRetryAfter } from '../../src/extension/astra/core/devopsErrors.js';

const raw = {
  id: 'f1a2',
  orgId: 'o',
  status: 'ACTIVE',
  extra: { anything: true },
  info: {
    name: 'shop',
    keyspace: 'app',
    additionalKeyspaces: ['events', 'app', 42],
    region: 'us-east1',
    cloudProvider: 'GCP',
    tier: 'serverless',
    datacenters: [{ id: 'f1a2-1', name: 'dc-1', region: 'us-east1', status: 'ACTIVE' }, { name: 'no id' }, null],
  },
};

test('parseDatabase keeps what the pickers need and tolerates junk', () => {
  const db = parseDatabase(raw)!;
  assert.deepEqual(db, {
    id: 'f1a2',
    name: 'shop',
    status: 'ACTIVE',
    region: 'us-east1',
    cloudProvider: 'GCP',
    keyspaces: ['app', 'events'],
    datacenters: [{ id: 'f1a2-1', name: 'dc-1', region: 'us-east1', cloudProvider: 'GCP', status: 'ACTIVE' }],
    tier: 'serverless',
  });
  assert.equal(parseDatabase({ info: { name: 'no id' } }), undefined);
  assert.equal(parseDatabase('nope'), undefined);
  const bare = parseDatabase({ id: 'x', status: 'hibernated' })!;
  assert.equal(bare.name, 'x');
  assert.equal(bare.status, 'HIBERNATED');
  assert.deepEqual(bare.keyspaces, []);
});

test('describeDatabase: region and cloud, status for inactive ones, keyspaces in the detail', () => {
  const db = parseDatabase(raw)!;
  assert.deepEqual(describeDatabase(db), { label: 'shop', description: 'GCP · us-east1', detail: 'keyspaces: app, events' });
  const parked: AstraDatabase = { ...db, status: 'PARKED', keyspaces: [] };
  assert.equal(describeDatabase(parked).description, 'PARKED · GCP · us-east1');
  assert.equal(describeDatabase(parked).detail, 'no keyspaces');
  const multi: AstraDatabase = { ...db, datacenters: [db.datacenters[0]!, { id: 'b', name: 'dc-2', region: 'eu-west1' }] };
  assert.equal(describeDatabase(multi).description, 'GCP · us-east1, eu-west1');
});

test('sortDatabases puts ACTIVE first, then by name', () => {
  const mk = (name: string, status: string) => ({ ...parseDatabase(raw)!, id: name, name, status });
  const order = sortDatabases([mk('b', 'HIBERNATED'), mk('z', 'ACTIVE'), mk('a', 'PARKED'), mk('c', 'ACTIVE')]).map((d) => d.name);
  assert.deepEqual(order, ['c', 'z', 'a', 'b']);
});

test('statusExplanation tells how to wake a database, and nothing for ACTIVE', () => {
  const db = parseDatabase(raw)!;
  assert.equal(statusExplanation(db), undefined);
  assert.match(statusExplanation({ ...db, status: 'HIBERNATED' })!, /hibernated.*Resume it in the Astra console/);
  assert.match(statusExplanation({ ...db, status: 'PARKED' })!, /parked\. Unpark it in the Astra console/);
  assert.match(statusExplanation({ ...db, status: 'MAINTENANCE' })!, /is maintenance\. Wait/);
  assert.match(statusExplanation({ ...db, status: 'ERROR' })!, /is ERROR; only Active/);
});

test('statusIconId: running, asleep, in transition', () => {
  const db = parseDatabase(raw)!;
  assert.deepEqual(
    ['ACTIVE', 'HIBERNATED', 'PARKED', 'INITIALIZING'].map((status) => statusIconId({ ...db, status })),
    ['database', 'debug-pause', 'debug-pause', 'loading~spin'],
  );
});

test('validateKeyspaceName follows Astra’s rule and refuses duplicates', () => {
  assert.equal(validateKeyspaceName('orders_2024'), undefined);
  assert.equal(validateKeyspaceName('  Orders '), undefined);
  assert.match(validateKeyspaceName('')!, /Enter/);
  assert.match(validateKeyspaceName('2fast')!, /start with a letter/);
  assert.match(validateKeyspaceName('my-ks')!, /letters, digits and underscores/);
  assert.match(validateKeyspaceName('a'.repeat(49))!, /48/);
  assert.equal(validateKeyspaceName('a'.repeat(48)), undefined);
  assert.match(validateKeyspaceName('system_x')!, /reserved/);
  assert.match(validateKeyspaceName('App', ['app', 'other'])!, /already exists/);
});

test('databaseIdFromHost reads the id out of a real Astra bundle host only', () => {
  const id = '3f2a9c1e-1b2c-4d5e-8f90-0a1b2c3d4e5f';
  assert.equal(databaseIdFromHost(`${id}-us-east1.db.astra.datastax.com`), id);
  assert.equal(databaseIdFromHost(`${id.toUpperCase()}-europe-west1.db.astra.datastax.com`), id);
  assert.equal(databaseIdFromHost('127.0.0.1'), undefined);
  assert.equal(databaseIdFromHost(`${id}-us-east1.db.astra.example.com`), undefined);
});

test('apiErrorMessages reads Astra’s error shape, other JSON and markup', () => {
  assert.deepEqual(apiErrorMessages('{"errors":[{"ID":1,"message":"a"},{"message":"b"},{"ID":2}]}'), ['a', 'b']);
  assert.deepEqual(apiErrorMessages('{"message":"plain"}'), ['plain']);
  assert.deepEqual(apiErrorMessages('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'), ['AccessDenied Request has expired']);
  assert.deepEqual(apiErrorMessages('   '), []);
  assert.equal(apiErrorMessages('x'.repeat(500))[0]!.length, 201);
});

test('httpError maps statuses to kinds with plain sentences', () => {
  const body = JSON.stringify({ errors: [{ message: 'nope' }] });
  assert.equal(httpError(401, body, 'listing databases').kind, 'auth');
  assert.equal(httpError(403, body, 'x').reenterToken, true);
  assert.equal(httpError(404, body, 'x').kind, 'notFound');
  assert.equal(httpError(409, body, 'x').kind, 'badRequest');
  const busy = httpError(429, body, 'listing databases', 4);
  assert.equal(busy.kind, 'rateLimited');
  assert.equal(busy.message, 'Astra is rate-limiting requests while listing databases (429: nope) (gave up after 4 retries). Try again in a minute.');
  assert.match(httpError(502, '', 'x', 1).message, /\(502\) \(gave up after 1 retry\)/);
});

test('backoffDelay doubles with jitter, honours Retry-After, and is capped', () => {
  const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.deepEqual([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, undefined, () => 0.5)), [100, 200, 400, 800, 1000]);
  assert.equal(backoffDelay(0, policy, undefined, () => 0), 80);
  assert.equal(backoffDelay(0, policy, undefined, () => 1), 120);
  assert.equal(backoffDelay(3, policy, 0.25), 250);
  assert.equal(backoffDelay(0, policy, 3600), 1000);
});

test('parseRetryAfter takes seconds or an HTTP date', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('3', now), 3);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});
