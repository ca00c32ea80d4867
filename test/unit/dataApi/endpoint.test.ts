// Data API endpoint derivation (database id + region, bundle host) and the astra.dataApiUrl override check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEndpointOverride, dataApiEndpoint, endpointFromBundleHost } from '../../../src/extension/dataApi/core/endpoint.js';

const ID = '0c7f2e4d-1a2b-4c3d-9e8f-001122334455';

test('an account database: https://<id>-<region>.apps.astra.datastax.com', () => {
  assert.equal(dataApiEndpoint(ID, 'us-east-2'), `https://${ID}-us-east-2.apps.astra.datastax.com`);
  assert.equal(dataApiEndpoint(ID.toUpperCase(), 'EU-West-1'), `https://${ID}-eu-west-1.apps.astra.datastax.com`);
});

test('no endpoint from a malformed id or region (nothing is sent to a made-up host)', () => {
  assert.equal(dataApiEndpoint('not-a-uuid', 'us-east-2'), undefined);
  assert.equal(dataApiEndpoint(ID, ''), undefined);
  assert.equal(dataApiEndpoint(ID, 'us-east-2.evil.com/'), undefined);
});

test('a bundle host names the same database and region, dev and test environments included', () => {
  assert.equal(endpointFromBundleHost(`${ID}-us-east1.db.astra.datastax.com`), `https://${ID}-us-east1.apps.astra.datastax.com`);
  assert.equal(endpointFromBundleHost(`${ID}-europe-west1.db.astra-dev.datastax.com`), `https://${ID}-europe-west1.apps.astra-dev.datastax.com`);
  assert.equal(endpointFromBundleHost('127.0.0.1'), undefined);
  assert.equal(endpointFromBundleHost(`${ID}-us-east1.db.example.com`), undefined);
});

test('the override: https anywhere, http only on loopback, no credentials or query', () => {
  assert.equal(checkEndpointOverride(undefined), undefined);
  assert.equal(checkEndpointOverride('  '), undefined);
  assert.deepEqual(checkEndpointOverride('https://127.0.0.1:8443/'), { url: 'https://127.0.0.1:8443' });
  assert.deepEqual(checkEndpointOverride('https://data.example.com/base/'), { url: 'https://data.example.com/base' });
  assert.deepEqual(checkEndpointOverride('http://localhost:8181'), { url: 'http://localhost:8181' });
  for (const bad of ['http://data.example.com', 'ftp://127.0.0.1', 'not a url', 'https://u:p@h.example.com', 'https://h.example.com/?x=1']) {
    const r = checkEndpointOverride(bad);
    assert.ok(r && 'error' in r, bad);
  }
});
