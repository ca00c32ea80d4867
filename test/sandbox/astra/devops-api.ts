// A stand-in for Astra's DevOps API v2 (docs/astra-protocol.md §6), served over HTTPS with the sandbox CA's server
// certificate (clients pass the sandbox `caPath` as `ca`). Bearer token checked on every /v2 route; bundle
// downloads use short-lived unauthenticated URLs like Astra's signed storage links.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpsService } from '../httpsService.js';
import { sendJson } from '../listen.js';
import type { KeyPairPem } from './certs.js';

export interface DevopsDatacenter {
  id: string;
  name: string;
  region: string;
  cloudProvider: string;
  status: string;
  secureBundleUrl?: string;
  [k: string]: unknown;
}

export interface DevopsDatabase {
  id: string;
  orgId: string;
  ownerId: string;
  status: string; // ACTIVE | PARKED | HIBERNATED | TERMINATED | …
  info: {
    name: string;
    keyspace: string;
    additionalKeyspaces?: string[];
    region: string;
    cloudProvider: string;
    tier: string;
    dbType?: string;
    datacenters: DevopsDatacenter[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

export interface DevopsApiOptions {
  server: KeyPairPem;
  isValidToken(token: string): boolean;
  databases(): DevopsDatabase[];
  /** Zip bytes of a bundle for that database (and datacenter), or undefined when none can be made. */
  bundle(dbId: string, dcId: string): Buffer | undefined;
  /** Creates the keyspace; throws (or rejects) to answer 400 with the error's message. */
  createKeyspace(dbId: string, name: string): void | Promise<void>;
  urlTtlSeconds?: number; // lifetime of download URLs (default 300, like Astra)
}

/** Mutable fault hooks for tests: answer `status` (429, 500…) `times` times, and/or delay every /v2 request. */
export interface DevopsFaults {
  status?: number;
  times?: number;
  delayMs?: number;
  retryAfterSeconds?: number;
}

const MAX_LIMIT = 100;

export class DevopsApi extends HttpsService {
  private readonly downloads = new Map<string, { dbId: string; dcId: string; expires: number }>();
  faults: DevopsFaults = {};
  urlTtlSeconds: number;
  /** Every request seen, for assertions ("the client sent the bearer token", "paged with starting_after"). */
  readonly log: { method: string; url: string; authorized: boolean }[] = [];

  constructor(private readonly opts: DevopsApiOptions) {
    super(opts.server);
    this.urlTtlSeconds = opts.urlTtlSeconds ?? 300;
  }

  protected answerFailure(res: ServerResponse, error: unknown): void {
    sendError(res, 500, (error as Error).message);
  }

  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && parts[0] === 'download' && parts.length === 2) return this.download(parts[1], res);

    const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const authorized = !!auth && this.opts.isValidToken(auth[1].trim());
    this.log.push({ method: req.method ?? '', url: req.url ?? '', authorized });
    if (this.faults.delayMs) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    if (parts[0] !== 'v2' || parts[1] !== 'databases') return sendError(res, 404, `No route for ${url.pathname}`);
    if (!auth) return sendError(res, 401, 'Missing or malformed Authorization header: expected "Bearer <token>"');
    if (!authorized) return sendError(res, 401, 'The provided token is invalid or has been revoked');
    if (this.faults.status && (this.faults.times ?? 1) > 0) {
      const { status, retryAfterSeconds } = this.faults;
      if (this.faults.times !== undefined) this.faults.times -= 1;
      if (this.faults.times === 0) this.faults = { delayMs: this.faults.delayMs };
      if (status === 429) res.setHeader('retry-after', String(retryAfterSeconds ?? 1));
      return sendError(res, status, status === 429 ? 'Too many requests' : 'Internal server error (injected)');
    }

    const [, , dbId, sub, name] = parts;
    if (req.method === 'GET' && parts.length === 2) return this.list(url, res);
    const db = dbId ? this.opts.databases().find((d) => d.id === dbId) : undefined;
    if (!db) return sendError(res, 404, `Database ${dbId} not found`);
    if (req.method === 'GET' && parts.length === 3) return sendJson(res, 200, db);
    if (req.method === 'POST' && sub === 'secureBundleURL' && parts.length === 4) {
      const links = db.info.datacenters.map((dc) => ({ datacenterID: dc.id, ...this.mintLinks(db.id, dc.id) }));
      return sendJson(res, 200, url.searchParams.get('all') === 'true' ? links : links[0]);
    }
    if (req.method === 'POST' && sub === 'keyspaces' && name && parts.length === 5) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(name)) return sendError(res, 400, `Invalid keyspace name ${name}`);
      try {
        await this.opts.createKeyspace(db.id, name);
      } catch (e) {
        return sendError(res, 400, (e as Error).message);
      }
      res.writeHead(201).end();
      return;
    }
    sendError(res, 405, `${req.method} not supported on ${url.pathname}`);
  }

  private list(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const include = (q.get('include') ?? 'nonterminated').toUpperCase();
    const provider = (q.get('provider') ?? 'ALL').toUpperCase();
    const limit = q.has('limit') ? Number(q.get('limit')) : 25;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return sendError(res, 400, `limit must be an integer between 1 and ${MAX_LIMIT}`);
    }
    let dbs = this.opts.databases().filter((d) => {
      if (include === 'NONTERMINATED') return d.status !== 'TERMINATED' && d.status !== 'TERMINATING';
      return include === 'ALL' || d.status === include;
    });
    if (provider !== 'ALL') dbs = dbs.filter((d) => d.info.cloudProvider.toUpperCase() === provider);
    const after = q.get('starting_after');
    if (after) {
      const i = dbs.findIndex((d) => d.id === after);
      if (i < 0) return sendError(res, 400, `starting_after ${after} is not a known database id`);
      dbs = dbs.slice(i + 1);
    }
    sendJson(res, 200, dbs.slice(0, limit));
  }

  private mintLinks(dbId: string, dcId: string) {
    const expires = Date.now() + this.urlTtlSeconds * 1000;
    const mint = () => {
      const nonce = randomBytes(18).toString('base64url');
      this.downloads.set(nonce, { dbId, dcId, expires });
      return `${this.url}/download/${nonce}`;
    };
    return {
      downloadURL: mint(),
      downloadURLInternal: mint(),
      downloadURLMigrationProxy: mint(),
      downloadURLMigrationProxyInternal: mint(),
    };
  }

  private download(nonce: string, res: ServerResponse): void {
    const d = this.downloads.get(nonce);
    if (!d || d.expires < Date.now()) {
      this.downloads.delete(nonce);
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    const zip = this.opts.bundle(d.dbId, d.dcId);
    if (!zip) return sendError(res, 404, 'No bundle for this database');
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
    res.end(zip);
  }

}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { errors: [{ ID: status * 100 + 1, message }] });
}
