// Frame header and byte-stream framing (native_protocol_v4 §2). Versions 1–2 have an 8-byte header with a one-byte
// stream id; we still parse those so that we can answer "unsupported version" instead of desynchronising.

export const Opcode = {
  ERROR: 0x00, STARTUP: 0x01, READY: 0x02, AUTHENTICATE: 0x03, OPTIONS: 0x05, SUPPORTED: 0x06, QUERY: 0x07,
  RESULT: 0x08, PREPARE: 0x09, EXECUTE: 0x0a, REGISTER: 0x0b, EVENT: 0x0c, BATCH: 0x0d, AUTH_CHALLENGE: 0x0e,
  AUTH_RESPONSE: 0x0f, AUTH_SUCCESS: 0x10,
} as const;

export const opcodeName = (op: number): string =>
  Object.entries(Opcode).find(([, v]) => v === op)?.[0] ?? `0x${op.toString(16).padStart(2, '0')}`;

export const FrameFlag = { COMPRESSION: 0x01, TRACING: 0x02, CUSTOM_PAYLOAD: 0x04, WARNING: 0x08, BETA: 0x10 } as const;

/** Cassandra's default native_transport_max_frame_size is 256 MB (16 MB in 4.0); refuse anything larger. */
export const MAX_BODY = 256 * 1024 * 1024;

export interface Frame {
  version: number; // without the direction bit
  flags: number;
  stream: number;
  opcode: number;
  body: Buffer;
}

export function headerLength(version: number): number {
  return (version & 0x7f) < 3 ? 8 : 9;
}

export function encodeFrame(f: Frame, response = true): Buffer {
  const v = f.version & 0x7f;
  const hl = headerLength(v);
  const out = Buffer.alloc(hl + f.body.length);
  out[0] = response ? v | 0x80 : v;
  out[1] = f.flags;
  if (hl === 8) out.writeInt8(f.stream, 2);
  else out.writeInt16BE(f.stream, 2);
  out[hl - 5] = f.opcode;
  out.writeUInt32BE(f.body.length, hl - 4);
  f.body.copy(out, hl);
  return out;
}

/**
 * Accumulates socket chunks and yields complete frames. Throws on a body length beyond MAX_BODY, after which the
 * stream is unusable (the connection must be closed).
 */
export class FrameParser {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < 1) break;
      const first = this.peek(1)[0];
      const hl = headerLength(first);
      if (this.buffered < hl) break;
      const head = this.peek(hl);
      const length = head.readUInt32BE(hl - 4);
      if (length > MAX_BODY) throw new Error(`Request is too big: length ${length} exceeds maximum allowed length`);
      if (this.buffered < hl + length) break;
      const all = this.consume(hl + length);
      frames.push({
        version: first & 0x7f,
        flags: all[1],
        stream: hl === 8 ? all.readInt8(2) : all.readInt16BE(2),
        opcode: all[hl - 5],
        body: all.subarray(hl),
      });
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private consume(n: number): Buffer {
    const whole = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = Buffer.from(whole.subarray(0, n));
    const rest = whole.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= n;
    return out;
  }
}
