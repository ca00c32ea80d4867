// Secrets: the log redaction catches Astra tokens and client secrets in every shape they reach a log line in (URLs,
// JSON, headers, error stacks, driver innerErrors), and the error texts the mapping produces never contain them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mapConnectionError } from '../../src/extension/connections/connectionErrors.js';
import { toCqlFailure, describeFailure } from '../../src/extension/cql/cqlErrors.js';
import { redact, redactValue } from '../../src/extension/secrets/redact.js';
import { generateToken } from '../sandbox/index.js';
import { record } from './support/report.js';

const AREA = 'secrets';
const token = generateToken();
const clientId = token.split(':')[1]!;
const tokenSecret = token.split(':')[2]!;
const clientSecret = `${randomBytes(24).toString('base64url')},${randomBytes(24).toString('base64url')}`;
const known = [token, clientSecret];

/** Fails with the shape's name when any recognisable part of a secret survives. */
function assertClean(out: string, shape: string): void {
  for (const s of [token, tokenSecret, clientSecret, ...clientSecret.split(','), encodeURIComponent(clientSecret)]) {
    assert.ok(!out.includes(s), `${shape}: secret survived in ${JSON.stringify(out.slice(0, 200))}`);
  }
}

const shapes: [string, string][] = [
  ['bare token', `using ${token} now`],
  ['token in a URL query', `GET https://api.astra.datastax.com/v2/databases?token=${token}&x=1`],
  ['token as URL userinfo', `https://token:${token}@db.example.com:29042/`],
  ['token in JSON', JSON.stringify({ username: 'token', password: token })],
  ['token in pretty JSON', JSON.stringify({ credentials: { password: token } }, null, 2)],
  ['bearer header', `Authorization: Bearer ${token}`],
  ['token in a driver message', `AuthenticationError: Authentication provider rejected credentials token/${token}`],
  ['client secret in JSON', JSON.stringify({ clientId, secret: clientSecret })],
  ['client secret as key=value', `client_secret=${clientSecret}; other=1`],
  ['client secret bare (registered)', `PlainTextAuthProvider(${clientId}, ${clientSecret})`],
  ['client secret in a URL', `https://host/?client_secret=${encodeURIComponent(clientSecret)}`],
];

describe('log redaction shapes', () => {
  for (const [shape, text] of shapes) {
    test(shape, () => {
      const out = redact(text, known);
      assertClean(out, shape);
      assert.ok(out.includes('***'), `${shape}: nothing was masked`);
      record({ area: AREA, case: `redact: ${shape}`, observed: out.length > 120 ? `${out.slice(0, 117)}…` : out });
    });
  }

  test('URL-encoded token in a query string, not registered as a known secret', () => {
    assertClean(redact(`https://host/api?token=${encodeURIComponent(token)}`, []), 'URL-encoded token, unregistered');
  });

  test('URL-encoded token in a URL path', () => {
    assertClean(redact(`DELETE https://api.astra.datastax.com/v2/clientIdSecrets/${encodeURIComponent(token)}`, []), 'URL-encoded token in a path');
  });

  test('Basic auth header carrying the token', () => {
    const basic = Buffer.from(`token:${token}`).toString('base64');
    assert.ok(!redact(`Authorization: Basic ${basic}`, known).includes(basic));
  });

  test('an Error with the token in its message, stack and innerErrors', () => {
    const err = new Error(`connect failed for ${token}`) as Error & { innerErrors?: Record<string, unknown> };
    err.innerErrors = { '127.0.0.1:9042': new Error(`bad credentials ${token} / ${clientSecret}`) };
    const out = redactValue(err, known);
    assertClean(out, 'error stack');
    assert.match(out, /connect failed for (AstraCS:)?\*\*\*/);
    assert.match(out, /innerErrors=/);
    record({ area: AREA, case: 'redact: Error stack + innerErrors', observed: out.split('\n')[0]! });
  });

  test('objects logged as values (profile + credentials by mistake)', () => {
    const out = redactValue({ profile: { name: 'x' }, credentials: { username: clientId, password: clientSecret }, token }, known);
    assertClean(out, 'logged object');
  });
});

describe('error mapping never returns a secret', () => {
  const ctx = { profileName: 'Prod', profileKind: 'bundle' as const, connectTimeoutSeconds: 10, requestTimeoutSeconds: 30, secrets: known };
  const errors: [string, unknown][] = [
    ['authentication', Object.assign(new Error(`Provided username token and/or password ${token} are incorrect`), { name: 'AuthenticationError' })],
    ['metadata unreachable', Object.assign(new Error('There was an error fetching the metadata information'), {
      name: 'NoHostAvailableError', innerErrors: { [`https://h/metadata?t=${token}`]: new Error(`ECONNREFUSED ${clientSecret}`) } })],
    ['no host', Object.assign(new Error('All host(s) tried for query failed.'), {
      name: 'NoHostAvailableError', innerErrors: { '127.0.0.1:9042': new Error(`socket closed while sending ${token}`) } })],
    ['request timeout', Object.assign(new Error(`timeout for ${token}`), { name: 'OperationTimedOutError' })],
    ['anything else', new Error(`weird ${clientSecret} and ${token}`)],
    ['not an Error', `string thrown with ${token}`],
  ];
  let clean = 0;
  for (const [name, err] of errors) {
    test(`mapConnectionError: ${name}`, () => {
      const mapped = mapConnectionError(err, ctx);
      assertClean(mapped.message, name);
      assert.ok(mapped.message.length > 20);
      clean++;
    });
  }

  test('cell error texts (toCqlFailure + describeFailure) do not contain a token from a driver message', () => {
    const err = Object.assign(new Error(`Authentication failed for token ${token}`), { name: 'AuthenticationError' });
    const f = toCqlFailure(err, { text: 'SELECT 1', start: 0, end: 8, line: 0, column: 0 } as never);
    assertClean(`${f.message}\n${describeFailure(f)}`, 'cell error');
  });

  // The report row states what the tests above found, so it is written after them (it is not a test itself).
  after(() => {
    record({ area: AREA, case: 'error mapping', observed: `${clean} of ${errors.length} driver error shapes carrying the token/secret → mapped messages contain neither` });
  });
});
