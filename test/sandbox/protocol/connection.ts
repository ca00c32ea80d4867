// One client connection: handshake state, the connection's keyspace and event registrations, and the dispatch of
// each request frame to the engine. Requests are served in arrival order (the engine is synchronous); only the
// writing of responses may be delayed by injected latency.

import type { Duplex } from 'node:stream';
import type { Engine, ExecContext, NodeInfo, Result, SchemaChange } from '../engine/api.js';
import { CqlError, ErrorCode } from '../errors.js';
import type { Faults } from '../faults.js';
import { asCqlError, encodeError, injectedError } from './error-frame.js';
import { encodeFrame, FrameFlag, FrameParser, Opcode, opcodeName, type Frame } from './frame.js';
import { decodeRequest, parsePlainToken, type QueryParameters, type Request } from './messages.js';
import { encodePrepared, encodeResult, encodeSchemaChangeEvent } from './results.js';
import { WireError, WireWriter } from './wire.js';

export interface ConnectionHost {
  node: NodeInfo;
  peers: () => NodeInfo[];
  clusterName: string;
  engine: Engine;
  auth?: { authenticate(username: string, password: string): boolean };
  astra: boolean;
  refuseKeyspaceDdl?: boolean;
  faults?: Faults;
  /** Query text by prepared id (hex), so fault rules can match EXECUTE and prepared BATCH entries. */
  preparedQueries: Map<string, string>;
}

const AUTHENTICATOR = 'org.apache.cassandra.auth.PasswordAuthenticator';
const BAD_CREDENTIALS = 'Provided username token and/or password are incorrect';

const protocolError = (msg: string) => new CqlError(ErrorCode.PROTOCOL, msg);

export class CqlConnection {
  private readonly parser = new FrameParser();
  private state: 'new' | 'authenticating' | 'ready' = 'new';
  private version = 4;
  private keyspace: string | null = null;
  private user?: string;
  private readonly events = new Set<string>();
  private closed = false;
  private ending = false;

  constructor(
    private readonly socket: Duplex,
    private readonly host: ConnectionHost,
    private readonly onClose: (c: CqlConnection) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
    socket.on('end', () => this.destroy());
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onClose(this);
  }

  /** Pushes a SCHEMA_CHANGE event if this connection REGISTERed for it. */
  pushSchemaChange(change: SchemaChange): void {
    if (this.closed || !this.events.has('SCHEMA_CHANGE')) return;
    this.write({ version: this.version, flags: 0, stream: -1, opcode: Opcode.EVENT, body: encodeSchemaChangeEvent(change) });
  }

  private onData(chunk: Buffer): void {
    if (this.closed || this.ending) return;
    let frames: Frame[];
    try {
      frames = this.parser.push(chunk);
    } catch (e) {
      // The byte stream cannot be resynchronised: answer once, then hang up.
      this.respondError({ version: this.version, flags: 0, stream: 0, opcode: 0, body: Buffer.alloc(0) }, asCqlError(e));
      this.ending = true;
      this.socket.end();
      return;
    }
    for (const f of frames) {
      if (this.closed) return;
      this.onFrame(f);
    }
  }

  private onFrame(f: Frame): void {
    const faults = this.host.faults;
    if (faults?.nodeDown.has(this.host.node.hostId) || faults?.takeFrame()) {
      this.destroy();
      return;
    }
    if (f.version !== 3 && f.version !== 4) {
      // Answer in v4 framing: both drivers read the version from the reply header and retry with it.
      const msg = `Invalid or unsupported protocol version (${f.version}); supported versions are (3/v3, 4/v4)`;
      this.write({ version: 4, flags: 0, stream: f.stream, opcode: Opcode.ERROR, body: encodeError(protocolError(msg)) });
      return;
    }
    if (this.state === 'new') this.version = f.version;
    let request: Request;
    try {
      if (f.flags & FrameFlag.COMPRESSION) throw protocolError('Compression was not negotiated on this connection');
      request = decodeRequest(f.opcode, f.body, f.flags);
    } catch (e) {
      const err = e instanceof WireError ? protocolError(`Invalid ${opcodeName(f.opcode)} message: ${e.message}`) : e;
      this.respondError(f, asCqlError(err));
      return;
    }
    try {
      this.dispatch(f, request);
    } catch (e) {
      const consistency = 'params' in request ? request.params.consistency : 'consistency' in request ? request.consistency : 1;
      this.respondError(f, asCqlError(e), consistency);
    }
  }

  private dispatch(f: Frame, req: Request): void {
    const name = opcodeName(f.opcode);
    switch (req.opcode) {
      case Opcode.OPTIONS:
        return this.respond(f, Opcode.SUPPORTED, new WireWriter().stringMultimap(this.supported()).toBuffer());
      case Opcode.STARTUP: {
        if (this.state !== 'new') throw protocolError('Unexpected message STARTUP, the connection is already initialized');
        const compression = req.options.get('COMPRESSION');
        if (compression) throw protocolError(`Unknown compression algorithm: ${compression}`);
        if (this.host.auth) {
          this.state = 'authenticating';
          return this.respond(f, Opcode.AUTHENTICATE, new WireWriter().string(AUTHENTICATOR).toBuffer());
        }
        this.state = 'ready';
        return this.respond(f, Opcode.READY, Buffer.alloc(0));
      }
      case Opcode.AUTH_RESPONSE: {
        if (this.state !== 'authenticating') {
          throw protocolError(`Unexpected message ${name}, ${this.state === 'new' ? 'expecting STARTUP or OPTIONS' : 'the connection is already initialized'}`);
        }
        const creds = parsePlainToken(req.token);
        const revoked = creds && this.host.faults?.revokedSecrets.has(creds.password);
        if (!creds || revoked || !this.host.auth?.authenticate(creds.username, creds.password)) {
          throw new CqlError(ErrorCode.BAD_CREDENTIALS, BAD_CREDENTIALS);
        }
        this.state = 'ready';
        this.user = creds.username;
        return this.respond(f, Opcode.AUTH_SUCCESS, new WireWriter().bytes(null).toBuffer());
      }
      default:
        break;
    }
    if (this.state === 'new') throw protocolError(`Unexpected message ${name}, expecting STARTUP or OPTIONS`);
    if (this.state === 'authenticating') throw protocolError(`Unexpected message ${name}, expecting AUTH_RESPONSE`);
    switch (req.opcode) {
      case Opcode.REGISTER:
        for (const e of req.events) this.events.add(e);
        return this.respond(f, Opcode.READY, Buffer.alloc(0));
      case Opcode.QUERY: {
        this.injectFault([req.query], req.params.consistency, false);
        const ctx = this.context(f, req.params);
        return this.respondResult(f, this.host.engine.query(req.query, req.params.values, ctx), req.params.skipMetadata);
      }
      case Opcode.PREPARE: {
        // Fault rules target execution; a PREPARE of matching CQL still succeeds, as on a real coordinator.
        const prepared = this.host.engine.prepare(req.query, this.context(f));
        this.host.preparedQueries.set(prepared.id.toString('hex'), req.query);
        return this.respond(f, Opcode.RESULT, encodePrepared(prepared, this.version));
      }
      case Opcode.EXECUTE: {
        this.injectFault([this.queryOf(req.id)], req.params.consistency, false);
        const ctx = this.context(f, req.params);
        return this.respondResult(f, this.host.engine.execute(req.id, req.params.values, ctx), req.params.skipMetadata);
      }
      case Opcode.BATCH: {
        const texts = req.statements.map((s) => s.query ?? (s.id ? this.queryOf(s.id) : ''));
        this.injectFault(texts, req.consistency, true);
        const ctx = this.context(f, {
          consistency: req.consistency, flags: 0, values: null, skipMetadata: false,
          serialConsistency: req.serialConsistency, timestamp: req.timestamp,
        });
        return this.respondResult(f, this.host.engine.batch(req.type, req.statements, ctx), false);
      }
    }
  }

  private supported(): [string, string[]][] {
    const m: [string, string[]][] = [
      ['CQL_VERSION', ['3.4.5']],
      ['COMPRESSION', []],
      ['PROTOCOL_VERSIONS', ['3/v3', '4/v4']],
    ];
    if (this.host.astra) m.push(['PRODUCT_TYPE', ['DATASTAX_APOLLO']]);
    return m;
  }

  private queryOf(id: Buffer): string {
    return this.host.preparedQueries.get(id.toString('hex')) ?? '';
  }

  private injectFault(cql: string[], consistency: number, isBatch: boolean): void {
    const kind = this.host.faults?.takeError(cql);
    if (kind) throw injectedError(kind, consistency, isBatch);
  }

  private context(f: Frame, p?: QueryParameters): ExecContext {
    return {
      node: this.host.node,
      peers: this.host.peers().filter((n) => n.hostId !== this.host.node.hostId),
      clusterName: this.host.clusterName,
      keyspace: this.keyspace,
      consistency: p?.consistency ?? 1,
      serialConsistency: p?.serialConsistency,
      timestamp: p?.timestamp,
      pageSize: p?.pageSize,
      pagingState: p?.pagingState,
      user: this.user,
      astra: this.host.astra,
      refuseKeyspaceDdl: this.host.refuseKeyspaceDdl,
      tracing: (f.flags & FrameFlag.TRACING) !== 0,
    };
  }

  private respondResult(f: Frame, result: Result, skipMetadata: boolean): void {
    if (result.kind === 'set_keyspace') this.keyspace = result.keyspace;
    const prefix = new WireWriter();
    let flags = 0;
    if (f.flags & FrameFlag.TRACING && result.traceId) {
      flags |= FrameFlag.TRACING;
      prefix.uuid(result.traceId);
    }
    if (this.version >= 4 && result.warnings && result.warnings.length > 0) {
      flags |= FrameFlag.WARNING;
      prefix.stringList(result.warnings);
    }
    const body = encodeResult(result, { version: this.version, skipMetadata });
    this.respond(f, Opcode.RESULT, Buffer.concat([prefix.toBuffer(), body]), flags);
  }

  private respondError(f: Frame, err: CqlError, consistency = 1): void {
    this.respond(f, Opcode.ERROR, encodeError(err, consistency));
  }

  private respond(f: Frame, opcode: number, body: Buffer, flags = 0): void {
    this.write({ version: this.version, flags, stream: f.stream, opcode, body });
  }

  private write(frame: Frame): void {
    const bytes = encodeFrame(frame);
    const latency = this.host.faults?.latencyMs ?? 0;
    const send = () => {
      if (!this.closed) this.socket.write(bytes);
    };
    if (latency > 0) setTimeout(send, latency);
    else send();
  }
}
