// The Data API stand-in's HTTPS front: Astra's URL shape (/api/json/v1[/<keyspace>[/<collection>]]), the `Token`
// header checked against the sandbox's credentials, one command per POST, and the status/data/errors envelope.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyPairPem } from '../astra/certs.js';
import type { Engine, ExecContext } from '../engine/api.js';
import { HttpsService } from '../httpsService.js';
import { COMMANDS, type Level } from './commands.js';
import { ApiError } from './errors.js';
import { isObject, JsonSyntaxError, parseJson, stringifyJson, toJson, type JsonObject } from './json.js';
import type { CommandContext, DataApiSettings, Reply } from './reply.js';
import { DocumentStore } from './store.js';

export interface DataApiOptions {
  server: KeyPairPem;
  engine: Engine;
  /** The context the engine runs the stand-in's statements in (an administrator, no Astra guardrails). */
  context: () => ExecContext;
  /** True for a token the sandbox accepts (`AstraCS:…`, or `Cassandra:<b64 user>:<b64 password>`). */
  isValidToken(token: string): boolean;
  settings?: Partial<DataApiSettings>;
}

export interface DataApiRequest {
  path: string;
  command: string | undefined;
  userAgent: string | undefined;
  authorized: boolean;
}

const MAX_BODY = 20 * 1024 * 1024;
const MAX_LOG = 1000; // a long demo session pages thousands of times

export class DataApiServer extends HttpsService {
  readonly store: DocumentStore;
  readonly settings: DataApiSettings;
  /** The latest requests (no tokens), for assertions such as "the client identified itself". */
  readonly log: DataApiRequest[] = [];

  constructor(private readonly opts: DataApiOptions) {
    super(opts.server);
    this.store = new DocumentStore(opts.engine, opts.context);
    this.settings = { pageSize: 20, maxCollections: 10, lexical: false, ...opts.settings };
  }

  // `url` (from HttpsService) is the Data API endpoint as the client expects it, without `/api/json/v1`.

  protected answerFailure(res: ServerResponse, error: unknown): void {
    send(res, 500, { errors: [serverError(error)] });
  }

  protected async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'api' && parts[1] === 'json') parts.splice(0, 2);
    const entry: DataApiRequest = { path: url.pathname, command: undefined, userAgent: req.headers['user-agent'], authorized: false };
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    if (parts[0] !== 'v1' || parts.length > 3) return send(res, 404, { errors: [{ message: `No route for ${url.pathname}` }] });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ message: `${req.method} not supported` }] });

    const header = req.headers.token ?? req.headers['x-cassandra-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!token) {
      return sendErrors(res, 401, new ApiError('MISSING_AUTHENTICATION_TOKEN',
        'The command did not include an authorization token in the request headers. Please provide a valid token in the "Token" header.'));
    }
    if (!this.opts.isValidToken(token)) {
      return sendErrors(res, 401, new ApiError('UNAUTHENTICATED_REQUEST',
        'Authentication failed for request due to invalid token. Please check the token and try again.'));
    }
    entry.authorized = true;

    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { errors: [{ message: 'Request body too large' }] });
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      return sendErrors(res, 400, new ApiError('INVALID_REQUEST', `Request invalid: malformed JSON (${e.message})`));
    }
    const keys = isObject(body as never) ? Object.keys(body as JsonObject) : [];
    if (keys.length !== 1) {
      return sendErrors(res, 200, new ApiError('COMMAND_UNKNOWN', 'Request invalid: the request body must hold exactly one command'));
    }
    entry.command = keys[0];
    const level: Level = parts.length === 1 ? 'database' : parts.length === 2 ? 'keyspace' : 'collection';
    const reply = this.run(level, parts[1], parts[2], keys[0], (body as JsonObject)[keys[0]]);
    send(res, 200, envelope(reply));
  }

  private run(level: Level, keyspace: string | undefined, collection: string | undefined, command: string, args: unknown): Reply {
    try {
      const handler = Object.hasOwn(COMMANDS[level], command) ? COMMANDS[level][command] : undefined;
      if (!handler) throw new ApiError('COMMAND_UNKNOWN', `Provided command unknown: "${command}"`);
      const ctx: CommandContext = { store: this.store, keyspace, settings: this.settings };
      if (keyspace !== undefined && !this.store.keyspaceExists(keyspace)) {
        throw new ApiError('UNKNOWN_KEYSPACE', `The command tried to use a Keyspace that does not exist in the Database. The Keyspace '${keyspace}' does not exist.`);
      }
      if (keyspace !== undefined && collection !== undefined) {
        ctx.collection = this.store.collection(keyspace, collection);
        if (!ctx.collection) {
          throw new ApiError('UNKNOWN_COLLECTION_OR_TABLE', `The command tried to get a Collection or Table ${collection} that does not exist in the Keyspace ${keyspace}.`);
        }
      }
      return handler(ctx, isObject(args as never) ? (args as JsonObject) : {});
    } catch (e) {
      if (e instanceof ApiError) return { errors: [e] };
      return { errors: [serverError(e)] };
    }
  }

}

function serverError(e: unknown): ApiError {
  return new ApiError('SERVER_INTERNAL_ERROR', `Server failed: ${(e as Error)?.message ?? String(e)}`);
}

function envelope(reply: Reply): unknown {
  const out: Record<string, unknown> = {};
  if (reply.data && !reply.errors?.length) out.data = reply.data;
  if (reply.status && Object.keys(reply.status).length) out.status = reply.status;
  if (reply.errors?.length) out.errors = reply.errors.map((e) => e.toWire());
  return out;
}

function sendErrors(res: ServerResponse, status: number, error: ApiError): void {
  send(res, status, { errors: [error.toWire()] });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = stringifyJson(toJson(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
