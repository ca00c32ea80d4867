import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactValue } from '../../src/extension/secrets/redact.js';
import { fakeToken } from '../support/fakeToken.js';

const TOKEN = fakeToken('ZsdkGhTQwERtYuIoPaSdFgHj', '0123456789abcdef'.repeat(4));

test('Astra tokens are masked wherever they appear', () => {
  const out = redact(`auth with ${TOKEN} failed; retry "${TOKEN}".`);
  assert.ok(!out.includes('ZsdkGh'));
  assert.ok(!out.includes('0123456789abcdef'));
  assert.equal(out, 'auth with AstraCS:*** failed; retry "AstraCS:***".');
});

test('secret-looking assignments are masked, other values kept', () => {
  assert.equal(redact('user=bob password=hunter22 host=h'), 'user=bob password=*** host=h');
  assert.equal(redact('{"clientSecret":"s3cr3t-value","host":"h"}'), '{"clientSecret":"***","host":"h"}');
  assert.equal(redact("client_secret: 'abc.def'"), "client_secret: '***'");
  assert.equal(redact('keyStorePassword=Xy12;'), 'keyStorePassword=***;');
  assert.equal(redact('Authorization: Bearer abc.def.ghi'), 'Authorization: Bearer ***');
});

test('URL-encoded tokens and Basic credentials are masked; "Basic" in prose is kept', () => {
  const encoded = encodeURIComponent(TOKEN);
  assert.equal(redact(`DELETE /v2/clientIdSecrets/${encoded}`), 'DELETE /v2/clientIdSecrets/AstraCS:***');
  const basic = Buffer.from(`token:${TOKEN}`).toString('base64');
  assert.equal(redact(`Authorization: Basic ${basic}`), 'Authorization: Basic ***');
  assert.equal(redact('Basic information about Basic ZGF0YWJhc2U='), 'Basic information about Basic ZGF0YWJhc2U=');
});

test('registered secrets without a recognisable shape are masked, longest first', () => {
  const secrets = ['plainSecretValue', 'plainSecret'];
  assert.equal(redact('x plainSecretValue y plainSecret z', secrets), 'x *** y *** z');
  // Very short strings are not treated as secrets: masking "ab" would shred every message.
  assert.equal(redact('abc', ['ab']), 'abc');
});

test('a masked token inside an assignment is not double-masked', () => {
  assert.equal(redact(`"token":"${TOKEN}"`), '"token":"AstraCS:***"');
});

test('errors are rendered with their inner errors, redacted', () => {
  const err = Object.assign(new Error(`outer ${TOKEN}`), {
    innerErrors: { '127.0.0.1:9042': new Error(`Provided username token and/or password ${TOKEN} are incorrect`) },
  });
  const text = redactValue(err);
  assert.match(text, /outer AstraCS:\*\*\*/);
  assert.match(text, /127\.0\.0\.1:9042/);
  assert.ok(!text.includes('ZsdkGh'));
});

test('objects are JSON-rendered (bigint safe) and redacted', () => {
  assert.equal(redactValue({ n: 10n, password: 'pw12345' }), '{"n":"10","password":"***"}');
  assert.equal(redactValue(undefined), 'undefined');
});
