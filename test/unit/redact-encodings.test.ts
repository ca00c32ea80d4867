// Every kind of secret the extension holds × every encoding it can reach a message in, masked because it is known
// (read from secret storage), plus the pattern rules that catch secrets the extension does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rememberSecret } from '../../src/extension/secrets/knownSecrets.js';
import { redact } from '../../src/extension/secrets/redact.js';
import { fakeToken } from '../support/fakeToken.js';

const kinds: Record<string, string> = {
  'stored token': fakeToken(randomBytes(12).toString('hex'), randomBytes(32).toString('hex')),
  'client secret with commas': `${randomBytes(24).toString('base64url')},${randomBytes(24).toString('base64url')}`,
  'password with JSON and URL metacharacters': `p@ss "w\\rd/ %2F+&=?#é${randomBytes(4).toString('hex')}`,
  'client id': randomBytes(12).toString('base64url'),
};

const unicodeEscaped = (s: string) => s.replace(/[^A-Za-z0-9]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const encodings: Record<string, (s: string) => string> = {
  raw: (s) => `auth failed for ${s} at node 1`,
  'JSON-escaped': (s) => JSON.stringify({ user: 'u', clientSecret: s, host: 'h' }),
  'escaped JSON (JSON inside a JSON string)': (s) => JSON.stringify({ body: JSON.stringify({ clientSecret: s }) }),
  'JSON with \\u escapes': (s) => `{"password":"${unicodeEscaped(s)}"}`,
  'URL-encoded once': (s) => `GET https://h/v2?client_secret=${encodeURIComponent(s)}&x=1`,
  'URL-encoded twice': (s) => `redirect=https%3A%2F%2Fh%2F%3Fs%3D${encodeURIComponent(encodeURIComponent(s))}`,
  'form-encoded': (s) => new URLSearchParams({ grant: 'x', secret: s }).toString(),
  'URL userinfo (WHATWG serializer)': (s) => { const u = new URL('https://db.example.com/'); u.username = 'token'; u.password = s; return u.href; },
  'base64 in a Basic header': (s) => `Authorization: Basic ${Buffer.from(`someone:${s}`).toString('base64')}`,
  'base64 at every alignment': (s) => `blob=${Buffer.from(`x${s}yz`).toString('base64')} ${Buffer.from(`xy${s}`).toString('base64url')}`,
};

/** No 8-character piece of the secret is left. */
function assertNoPiece(out: string, secret: string, what: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) {
    assert.ok(!out.includes(secret.slice(i, i + 8)), `${what}: "${secret.slice(i, i + 8)}" survived in ${JSON.stringify(out)}`);
  }
}

// Pieces of the fixed text around the secret (not derived from it) may survive.
const CONTEXT = ['auth failed for ', ' at node 1', 'GET https://h/v2?client_secret=', '&x=1', 'redirect=https%3A%2F%2Fh%2F%3Fs%3D', 'grant=x&secret=', 'https://token:', '@db.example.com/', 'Authorization: Basic ', '{"user":"u","clientSecret":"', '","host":"h"}', '{"body":"{\\"clientSecret\\":\\"', '\\"}"}', '{"password":"', '"}', 'blob='];
const isContext = (piece: string) => CONTEXT.some((c) => c.includes(piece));

for (const [kind, secret] of Object.entries(kinds)) {
  for (const [encoding, encode] of Object.entries(encodings)) {
    test(`${kind} × ${encoding}`, () => {
      const text = encode(secret);
      const out = redact(text, [secret]);
      assert.ok(out.includes('***'), `nothing masked in ${out}`);
      assertNoPiece(out, secret, `${kind} × ${encoding}`);
      // The carrier's own encoding of the secret: any 8-character window that is not plain context.
      for (let i = 0; i + 8 <= text.length; i++) {
        const piece = text.slice(i, i + 8);
        if (!isContext(piece) && !'***'.includes(piece)) assert.ok(!out.includes(piece) || isContext(piece), `${kind} × ${encoding}: "${piece}" survived in ${out}`);
      }
    });
  }
}

test('secrets registered where they are read from secret storage are masked by every redact() call', () => {
  const secret = `stored-${randomBytes(16).toString('hex')}`;
  assert.ok(redact(`x ${secret}`).includes(secret), 'not known yet');
  rememberSecret(secret);
  assert.equal(redact(`x ${secret}`), 'x ***');
  assert.equal(redact(`x ${encodeURIComponent(encodeURIComponent(secret))} ${Buffer.from(`a:${secret}`).toString('base64')}`), 'x *** ***');
});

test('unknown secrets: a client secret containing commas is masked whole', () => {
  const secret = kinds['client secret with commas']!;
  for (const text of [`client_secret=${secret}; next=1`, `ASTRA_DB_CLIENT_SECRET=${secret}`, `secret: ${secret}`, `{"clientSecret":"${secret}","x":1}`]) {
    const out = redact(text);
    for (const part of secret.split(',')) assert.ok(!out.includes(part), `${text} → ${out}`);
  }
  assert.equal(redact(`{"password":null,"host":"h"}`), '{"password":***,"host":"h"}');
});

test('unknown secrets: a client secret inside escaped JSON is masked up to its real closing quote', () => {
  const secret = 'abc"def,ghi\\jkl';
  const once = JSON.stringify({ clientSecret: secret, host: 'h' });
  const twice = JSON.stringify({ body: once });
  const thrice = JSON.stringify({ wrap: twice });
  assert.equal(redact(once), '{"clientSecret":"***","host":"h"}');
  assert.equal(redact(twice), JSON.stringify({ body: '{"clientSecret":"***","host":"h"}' }));
  assert.equal(redact(thrice), JSON.stringify({ wrap: JSON.stringify({ body: '{"clientSecret":"***","host":"h"}' }) }));
  assert.equal(redact(`{\\"clientSecret\\":\\"s3cr3t\\"}`), `{\\"clientSecret\\":\\"***\\"}`);
});

test('unknown tokens: URL-encoded once, twice, three times, or \\u-escaped', () => {
  const token = kinds['stored token']!;
  let encoded = token;
  for (let i = 1; i <= 3; i++) {
    encoded = encodeURIComponent(encoded);
    const out = redact(`GET /v2/clientIdSecrets/${encoded}`);
    assert.equal(out, 'GET /v2/clientIdSecrets/AstraCS:***', `encoded ${i} times`);
  }
  assert.equal(redact(`"${token.replace(/:/g, '\\u003a')}"`), '"AstraCS:***"');
});

test('hostile text (megabyte words, long backslash and quote runs) is redacted without catastrophic backtracking', { timeout: 60_000 }, () => {
  const secret = kinds['password with JSON and URL metacharacters']!;
  const texts = [
    'A'.repeat(1_000_000),
    `${'\\'.repeat(200_000)}u0041 ${'\\'.repeat(200_000)}"`,
    `password="${'\\"'.repeat(100_000)}`,
    `${'x'.repeat(500_000)}password=${'y'.repeat(500_000)}`,
    `AstraCS:${'\\'.repeat(200_000)}`,
  ];
  for (const text of texts) {
    const out = redact(`${text} ${secret}`, [secret]);
    assert.ok(out.endsWith('***'), 'the known secret after the hostile text is still masked');
  }
});

test('text after an already masked secret is kept (the host of a URL with credentials)', () => {
  const token = kinds['stored token']!;
  assert.equal(redact(`https://token:${token}@db.example.com:29042/`, [token]), 'https://token:***@db.example.com:29042/');
});
