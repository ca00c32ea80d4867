// Upstream mode's CQL relay: between a driver and a real server, it speaks the native protocol far enough to make
// that server look like Astra to the driver. It adds what Astra adds (PRODUCT_TYPE=DATASTAX_APOLLO in SUPPORTED,
// which makes drivers default to LOCAL_QUORUM) and refuses what Astra refuses (keyspace DDL, writes at ANY / ONE /
// LOCAL_ONE), answering those requests itself; every other frame passes through unchanged.
import type { Duplex } from 'node:stream';
import { CqlError, ErrorCode } from '../errors.js';
import { weakWriteError } from '../engine/guardrails.js';
import { encodeError } from '../protocol/error-frame.js';
import { encodeFrame, FrameFlag, FrameParser, Opcode, type Frame } from '../protocol/frame.js';
import { decodeRequest, parsePlainToken, type Request } from '../protocol/messages.js';
import { WireReader, WireWriter } from '../protocol/wire.js';

const RESULT_PREPARED = 0x0004;

/** The statement's leading keywords, comments skipped: enough to tell writes and keyspace DDL apart. */
function leadingWords(cql: string): string {
  return cql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(--|\/\/)[^\n]*/g, ' ')
    .trim()
    .split(/\s+/, 2)
    .join(' ')
    .toUpperCase();
}

const isWrite = (cql: string) => /^(INSERT|UPDATE|DELETE|BEGIN)\b/.test(leadingWords(cql));
const keyspaceDdl = (cql: string) => /^(CREATE|ALTER|DROP) KEYSPACE$/.exec(leadingWords(cql))?.[1];

/** SUPPORTED as Astra sends it: product type Apollo, and no compression (so every later frame stays readable). */
export function astraSupported(body: Buffer): Buffer {
  const options = new WireReader(body).stringMultimap();
  options.set('PRODUCT_TYPE', ['DATASTAX_APOLLO']);
  options.set('COMPRESSION', []);
  return new WireWriter().stringMultimap(options).toBuffer();
}

/** Skips the optional prefixes of a response body (trace id, warnings, custom payload; v4 §2.2). */
function responseBody(f: Frame): WireReader {
  const r = new WireReader(f.body);
  if (f.flags & FrameFlag.TRACING) r.uuid();
  if (f.flags & FrameFlag.WARNING) r.stringList();
  if (f.flags & FrameFlag.CUSTOM_PAYLOAD) {
    for (let n = r.short(); n > 0; n--) {
      r.string();
      r.bytes();
    }
  }
  return r;
}

/**
 * Relays one driver connection. `prepared` (prepared id in hex → query text) is shared by every connection of a
 * front, since a driver may EXECUTE on a connection other than the one that prepared.
 */
export function relayAsAstra(client: Duplex, server: Duplex, prepared: Map<string, string>): void {
  const fromClient = new FrameParser();
  const fromServer = new FrameParser();
  const preparing = new Map<number, string>(); // stream id → query text of a PREPARE in flight
  let user = 'anonymous';

  const close = () => {
    client.destroy();
    server.destroy();
  };
  const refuse = (f: Frame, err: CqlError) =>
    client.write(encodeFrame({ version: f.version, flags: 0, stream: f.stream, opcode: Opcode.ERROR, body: encodeError(err) }));

  /** Astra's answer to a request it refuses, or undefined to pass it on. */
  const refusal = (req: Request): CqlError | undefined => {
    const check = (cql: string, consistency: number | undefined) => {
      const ddl = keyspaceDdl(cql);
      if (ddl) return new CqlError(ErrorCode.UNAUTHORIZED, `User ${user} has no ${ddl} permission on <all keyspaces> or any of its parents`);
      return consistency !== undefined && isWrite(cql) ? weakWriteError(consistency) : undefined;
    };
    switch (req.opcode) {
      case Opcode.AUTH_RESPONSE:
        user = parsePlainToken(req.token)?.username ?? user;
        return undefined;
      case Opcode.QUERY:
        return check(req.query, req.params.consistency);
      case Opcode.PREPARE:
        return check(req.query, undefined);
      case Opcode.EXECUTE:
        return check(prepared.get(req.id.toString('hex')) ?? '', req.params.consistency);
      case Opcode.BATCH:
        return weakWriteError(req.consistency);
      default:
        return undefined;
    }
  };

  const onClientFrame = (f: Frame) => {
    if (f.version !== 3 && f.version !== 4) {
      // Astra speaks v3/v4 only; drivers that start higher retry with the version named here.
      const msg = `Invalid or unsupported protocol version (${f.version}); supported versions are (3/v3, 4/v4)`;
      refuse({ ...f, version: 4 }, new CqlError(ErrorCode.PROTOCOL, msg));
      return;
    }
    let req: Request | undefined;
    try {
      if (!(f.flags & FrameFlag.COMPRESSION)) req = decodeRequest(f.opcode, f.body, f.flags);
    } catch {
      req = undefined; // not ours to judge: the server answers malformed frames itself
    }
    const err = req && refusal(req);
    if (err) return refuse(f, err);
    if (req?.opcode === Opcode.PREPARE) preparing.set(f.stream, req.query);
    server.write(encodeFrame(f, false));
  };

  const onServerFrame = (f: Frame) => {
    let out = f;
    if (f.opcode === Opcode.SUPPORTED) out = { ...f, body: astraSupported(f.body) };
    const query = preparing.get(f.stream);
    if (query !== undefined && f.stream >= 0) {
      preparing.delete(f.stream);
      if (f.opcode === Opcode.RESULT && !(f.flags & FrameFlag.COMPRESSION)) {
        const r = responseBody(f);
        if (r.int() === RESULT_PREPARED) prepared.set(r.shortBytes().toString('hex'), query);
      }
    }
    client.write(encodeFrame(out, true));
  };

  const pump = (parser: FrameParser, onFrame: (f: Frame) => void) => (chunk: Buffer) => {
    try {
      for (const f of parser.push(chunk)) onFrame(f);
    } catch {
      close(); // an unparseable byte stream cannot be resynchronised
    }
  };
  client.on('data', pump(fromClient, onClientFrame));
  server.on('data', pump(fromServer, onServerFrame));
  client.on('close', close);
  server.on('close', close);
  client.on('error', close);
  server.on('error', close);
}
