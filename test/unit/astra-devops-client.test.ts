// The DevOps API client against a tiny in-test HTTP server: paging, error mapping, retries with backoff, timeouts,
// cancellation, and the bundle download that must not carry the token.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DevopsClient, type RetryNotice } from '../../src/extension/astra/devopsClient.js';
import { DevopsError } from '../../src/extension/astra/core/devopsErrors.js';
import { fakeToken } from '../support/fakeToken.js';

const TOKEN = fakeToken('abcdefghijklmnopqrstuvwx', '0123456789abcdef'.repeat(2));

interface Seen {
  method: string;
  url: URL;
  authorization?: string;
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

let server: http.Server;
let base = '';
let seen: Seen[] = [];
let handler: Handler = (_q, res) => res.writeHead(500).end();

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    seen.push({ method: req.method ?? '', url, authorization: req.headers.authorization });
    handler(req, res, url);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  seen = [];
});

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const apiError = (res: http.ServerResponse, status: number, message: string, headers?: Record<string, string>) =>
  json(res, status, { errors: [{ ID: 1, message }] }, headers);

const db = (i: number, status = 'ACTIVE') => ({
  id: `db-${String(i).padStart(2, '0')}`,
  status,
  info: { name: `name-${i}`, keyspace: 'ks', region: 'us-east1', cloudProvider: 'GCP', datacenters: [{ id: `db-${i}-1`, name: 'dc-1', region: 'us-east1' }] },
});

const client = (extra: Partial<ConstructorParameters<typeof DevopsClient>[0]> = {}) =>
  new DevopsClient({ baseUrl: base, token: TOKEN, timeoutMs: 2000, backoff: { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 3 }, ...extra });

async function rejection(p: Promise<unknown>): Promise<DevopsError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof DevopsError, `expected a DevopsError, got ${String(err)}`);
    assert.ok(!err.message.includes(TOKEN.slice(9)), 'the token leaked into the message');
    return err;
  }
  assert.fail('expected a rejection');
}

describe('listDatabases', () => {
  test('follows starting_after paging until a short page, with the bearer token and the documented query', async () => {
    const all = Array.from({ length: 7 }, (_, i) => db(i + 1, i === 3 ? 'TERMINATED' : 'ACTIVE'));
    handler = (_req, res, url) => {
      const limit = Number(url.searchParams.get('limit'));
      const after = url.searchParams.get('starting_after');
      const start = after ? all.findIndex((d) => d.id === after) + 1 : 0;
      json(res, 200, all.slice(start, start + limit));
    };
    const dbs = await client().listDatabases({ pageSize: 3 });
    assert.deepEqual(dbs.map((d) => d.id), ['db-01', 'db-02', 'db-03', 'db-05', 'db-06', 'db-07']);
    assert.equal(seen.length, 3);
    assert.deepEqual(seen.map((s) => s.url.searchParams.get('starting_after')), [null, 'db-03', 'db-06']);
    for (const s of seen) {
      assert.equal(s.method, 'GET');
      assert.equal(s.url.pathname, '/v2/databases');
      assert.equal(s.url.searchParams.get('include'), 'nonterminated');
      assert.equal(s.url.searchParams.get('provider'), 'ALL');
      assert.equal(s.authorization, `Bearer ${TOKEN}`);
    }
  });

  test('an exactly full last page costs one more (empty) request and no duplicates', async () => {
    const all = Array.from({ length: 4 }, (_, i) => db(i + 1));
    handler = (_req, res, url) => {
      const after = url.searchParams.get('starting_after');
      const start = after ? all.findIndex((d) => d.id === after) + 1 : 0;
      json(res, 200, all.slice(start, start + 2));
    };
    const dbs = await client().listDatabases({ pageSize: 2 });
    assert.equal(dbs.length, 4);
    assert.equal(seen.length, 3);
  });

  test('a server that ignores starting_after does not loop forever', async () => {
    handler = (_req, res) => json(res, 200, [db(1), db(2)]);
    const dbs = await client().listDatabases({ pageSize: 2 });
    assert.equal(dbs.length, 2);
    assert.equal(seen.length, 2);
  });

  test('401 → auth error asking for a new token, no retry, Astra message in plain words', async () => {
    handler = (_req, res) => apiError(res, 401, 'The provided token is invalid or has been revoked');
    const err = await rejection(client().listDatabases());
    assert.equal(err.kind, 'auth');
    assert.ok(err.reenterToken);
    assert.equal(err.status, 401);
    assert.match(err.message, /token is invalid or has been revoked/);
    assert.equal(seen.length, 1);
  });

  test('403 → auth error naming the role', async () => {
    handler = (_req, res) => apiError(res, 403, 'role lacks permission');
    const err = await rejection(client().listDatabases());
    assert.equal(err.kind, 'auth');
    assert.match(err.message, /Database Administrator/);
  });

  test('429 then 200: retried after Retry-After, and the retry is reported', async () => {
    let calls = 0;
    handler = (_req, res) => (++calls === 1 ? apiError(res, 429, 'Too many requests', { 'retry-after': '0.02' }) : json(res, 200, [db(1)]));
    const notices: RetryNotice[] = [];
    const started = Date.now();
    const dbs = await client({ onRetry: (n) => notices.push(n) }).listDatabases();
    assert.equal(dbs.length, 1);
    assert.equal(seen.length, 2);
    assert.equal(notices.length, 1);
    assert.deepEqual({ ...notices[0], what: undefined }, { attempt: 1, maxRetries: 3, delayMs: 20, status: 429, what: undefined });
    assert.ok(Date.now() - started >= 18, 'waited before retrying');
  });

  test('5xx every time: gives up after maxRetries with growing delays', async () => {
    handler = (_req, res) => apiError(res, 503, 'upstream unavailable');
    const notices: RetryNotice[] = [];
    const err = await rejection(client({ onRetry: (n) => notices.push(n) }).listDatabases());
    assert.equal(err.kind, 'server');
    assert.equal(err.retries, 3);
    assert.equal(seen.length, 4);
    assert.match(err.message, /503: upstream unavailable/);
    assert.match(err.message, /gave up after 3 retries/);
    assert.deepEqual(notices.map((n) => n.attempt), [1, 2, 3]);
    // Exponential (5, 10, 20 ms ± 20 %), capped at 40.
    assert.ok(notices[0]!.delayMs < notices[2]!.delayMs, notices.map((n) => n.delayMs).join(','));
  });

  test('400 is not retried', async () => {
    handler = (_req, res) => apiError(res, 400, 'limit must be an integer');
    const err = await rejection(client().listDatabases());
    assert.equal(err.kind, 'badRequest');
    assert.equal(seen.length, 1);
  });

  test('a body that is not JSON → badResponse naming the setting', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>');
    const err = await rejection(client().listDatabases());
    assert.equal(err.kind, 'badResponse');
    assert.match(err.message, /not JSON.*captive portal.*astra\.devopsApiUrl/);
  });

  test('JSON of the wrong shape → badResponse', async () => {
    handler = (_req, res) => json(res, 200, { databases: [] });
    assert.equal((await rejection(client().listDatabases())).kind, 'badResponse');
  });

  test('a server that never answers → timeout', async () => {
    handler = () => {};
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 150 }).listDatabases());
    assert.equal(err.kind, 'timeout');
    assert.ok(Date.now() - started < 1500);
  });

  test('cancelling during the backoff stops at once', async () => {
    handler = (_req, res) => apiError(res, 429, 'slow down', { 'retry-after': '30' });
    const ac = new AbortController();
    const c = client({ backoff: { maxDelayMs: 10_000, maxRetries: 3, baseDelayMs: 5 }, onRetry: () => setTimeout(() => ac.abort(), 20) });
    const started = Date.now();
    const err = await rejection(c.listDatabases({ signal: ac.signal }));
    assert.equal(err.kind, 'cancelled');
    assert.ok(Date.now() - started < 2000);
  });

  test('nothing listening → network error', async () => {
    const err = await rejection(new DevopsClient({ baseUrl: 'http://127.0.0.1:1', token: TOKEN }).listDatabases());
    assert.equal(err.kind, 'network');
  });
});

describe('bundles and keyspaces', () => {
  test('secureBundleLinks with all=true returns one link per datacenter; POST with the token', async () => {
    handler = (_req, res, url) =>
      json(res, 200, url.searchParams.get('all') === 'true'
        ? [{ datacenterID: 'x-1', downloadURL: `${base}/dl/1` }, { datacenterID: 'x-2', downloadURL: `${base}/dl/2` }]
        : { downloadURL: `${base}/dl/1`, downloadURLInternal: 'internal' });
    const c = client();
    assert.deepEqual(await c.secureBundleLinks('x'), [{ downloadURL: `${base}/dl/1` }]);
    const link = await c.secureBundleLink('x', 'x-2');
    assert.equal(link.downloadURL, `${base}/dl/2`);
    assert.equal(seen[1]!.method, 'POST');
    assert.equal(seen[1]!.url.pathname, '/v2/databases/x/secureBundleURL');
    assert.equal(seen[1]!.authorization, `Bearer ${TOKEN}`);
    assert.equal((await rejection(c.secureBundleLink('x', 'nope'))).kind, 'notFound');
  });

  test('downloadBundle sends no Authorization header and returns the bytes', async () => {
    const zip = Buffer.from('PK\u0003\u0004 pretend zip');
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    const got = await client().downloadBundle(`${base}/dl/abc`);
    assert.deepEqual(got, zip);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.authorization, undefined);
  });

  test('downloadBundle refuses an oversized body, declared or streamed', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000));
    assert.equal((await rejection(client().downloadBundle(`${base}/dl/big`, { maxBytes: 1000 }))).kind, 'tooLarge');
    handler = (_req, res) => {
      res.writeHead(200);
      res.write(Buffer.alloc(800));
      res.end(Buffer.alloc(800));
    };
    assert.equal((await rejection(client().downloadBundle(`${base}/dl/big`, { maxBytes: 1000 }))).kind, 'tooLarge');
  });

  test('an expired download link → expired, telling the user to try again', async () => {
    handler = (_req, res) =>
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    const err = await rejection(client().downloadBundle(`${base}/dl/old`));
    assert.equal(err.kind, 'expired');
    assert.match(err.message, /Try again/);
  });

  test('createKeyspace POSTs to /keyspaces/{name}; 201 resolves, Astra errors surface', async () => {
    handler = (_req, res, url) => (url.pathname.endsWith('/good') ? res.writeHead(201).end() : apiError(res, 400, 'Invalid keyspace name 9bad'));
    await client().createKeyspace('db-1', 'good');
    assert.equal(seen[0]!.method, 'POST');
    assert.equal(seen[0]!.url.pathname, '/v2/databases/db-1/keyspaces/good');
    const err = await rejection(client().createKeyspace('db-1', '9bad'));
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /Invalid keyspace name 9bad/);
  });

  test('an error body that echoes the token is redacted', async () => {
    handler = (req, res) => apiError(res, 401, `bad token ${req.headers.authorization}`);
    const err = await rejection(client().getDatabase('db-1'));
    assert.match(err.message, /\*\*\*/);
  });
});
