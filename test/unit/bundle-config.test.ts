// config.json fields: types and syntax are checked, and the refusal names the field without flooding the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BundleError } from '../../src/extension/connections/bundle.js';
import { parseConfig } from '../../src/extension/connections/bundleConfig.js';

const base = { host: 'db-1-us-east1.db.astra.datastax.com', port: 32220 };
const parse = (extra: Record<string, unknown>) => parseConfig(JSON.stringify({ ...base, ...extra }));

function refused(extra: Record<string, unknown>, pattern: RegExp): string {
  let message = '';
  assert.throws(() => parse(extra), (err: unknown) => {
    assert.ok(err instanceof BundleError);
    assert.equal(err.file, 'config.json');
    assert.match(err.message, pattern);
    message = err.message;
    return true;
  });
  assert.ok(message.length < 300, `message stays short (${message.length})`);
  return message;
}

test('valid values are accepted: names, IPv4, numeric-string ports, optional fields', () => {
  assert.deepEqual(parse({ cql_port: '29042', keyspace: 'App_1', localDC: 'us-east1' }), { ...base, cqlPort: 29042, keyspace: 'App_1', localDataCenter: 'us-east1' });
  assert.equal(parse({ host: '127.0.0.1' }).host, '127.0.0.1');
  assert.equal(parse({ host: `${'a'.repeat(63)}.example.com` }).host.length, 75);
  assert.deepEqual(parse({ keyspace: '', localDC: null }), base);
});

test('host: length, label length and syntax', () => {
  const huge = refused({ host: 'a'.repeat(1_000_000) }, /^config\.json in the secure connect bundle has an invalid host "a+…" \(1000000 characters\): a host name has at most 253 characters\.$/);
  assert.ok(huge.length < 250);
  refused({ host: `${'a'.repeat(64)}.example.com` }, /invalid host .*: each part of a host name has at most 63 characters\.$/);
  for (const host of ['evil.com/path', 'a b', 'host:443', '-lead.example.com', 'trail-.example.com', 'a..b', '[::1]', 'x.example.com\n', 'héllo.com']) {
    refused({ host }, /invalid host .*: a host name is letters, digits and hyphens separated by dots\.$/);
  }
  refused({ host: 42 }, /invalid host 42: it must be text\.$/);
  refused({ host: { toString: 'x' } }, /invalid host \{"toString":"x"\}: it must be text\.$/);
});

test('ports: range and type', () => {
  for (const port of [0, -1, 65536, 1.5, '80a', true, [443]]) {
    refused({ port }, /^config\.json in the secure connect bundle has an invalid port .*: a port is a whole number from 1 to 65535\.$/);
  }
  refused({ cql_port: 70000 }, /invalid cql_port 70000: a port is a whole number/);
});

test('keyspace: 1 to 48 of [A-Za-z0-9_]', () => {
  assert.equal(parse({ keyspace: 'k'.repeat(48) }).keyspace, 'k'.repeat(48));
  for (const keyspace of ['k'.repeat(49), 'my-ks', 'ks; DROP TABLE x', '"quoted"', 'é']) {
    refused({ keyspace }, /invalid keyspace .*: a keyspace name is 1 to 48 letters, digits or underscores\.$/);
  }
  refused({ keyspace: 7 }, /invalid keyspace 7: it must be text\.$/);
});

test('localDC and the legacy credential fields are type-checked; credentials are never echoed', () => {
  refused({ localDC: 'x'.repeat(500) }, /invalid localDC .*: a data center name is at most 128 printable characters\.$/);
  refused({ localDC: ['dc1'] }, /invalid localDC \["dc1"\]: it must be text\.$/);
  const message = refused({ password: 123456789 }, /^config\.json in the secure connect bundle has a password that is not text\.$/);
  assert.ok(!message.includes('123456789'));
});

test('missing host or port keeps its own sentence', () => {
  refused({ host: undefined }, /must include host and port \(found host=null, port=32220\)\.$/);
  assert.throws(() => parseConfig('{"host":"h"}'), /must include host and port \(found host="h", port=null\)\./);
});
