// Primitive notations of native_protocol_v4 §3 ([int], [string], [bytes], [string multimap]…): a cursor reader
// over a frame body and an append-only writer. A truncated body raises WireError, which the connection turns
// into a protocol error frame.

import { formatInet, formatUuid, inetBytes, uuidBytes } from '../types/primitives.js';
import { decodeUnsignedVInt, encodeUnsignedVInt } from '../types/vint.js';
import { UNSET, type BoundValue } from '../engine/api.js';

export class WireError extends Error {}

export class WireReader {
  offset = 0;
  constructor(readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  private take(n: number, what: string): Buffer {
    if (n < 0 || this.offset + n > this.buf.length) {
      throw new WireError(`Not enough bytes to read ${what} (need ${n}, have ${this.remaining})`);
    }
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  byte(): number {
    return this.take(1, 'a byte')[0];
  }
  short(): number {
    return this.take(2, 'a short').readUInt16BE(0);
  }
  int(): number {
    return this.take(4, 'an int').readInt32BE(0);
  }
  long(): bigint {
    return this.take(8, 'a long').readBigInt64BE(0);
  }
  string(): string {
    return this.take(this.short(), 'a string').toString('utf8');
  }
  longString(): string {
    return this.take(this.int(), 'a long string').toString('utf8');
  }
  uuid(): string {
    return formatUuid(this.take(16, 'a uuid'));
  }
  /** [bytes]: null for a negative length. */
  bytes(): Buffer | null {
    const n = this.int();
    return n < 0 ? null : Buffer.from(this.take(n, 'bytes'));
  }
  shortBytes(): Buffer {
    return Buffer.from(this.take(this.short(), 'short bytes'));
  }
  /** [value]: -1 is null, -2 is "unset" (v4). */
  value(): BoundValue {
    const n = this.int();
    if (n === -1) return null;
    if (n === -2) return UNSET;
    if (n < 0) throw new WireError(`Invalid value length ${n}`);
    return Buffer.from(this.take(n, 'a value'));
  }
  stringList(): string[] {
    return Array.from({ length: this.short() }, () => this.string());
  }
  stringMap(): Map<string, string> {
    const n = this.short();
    const m = new Map<string, string>();
    for (let i = 0; i < n; i++) m.set(this.string(), this.string());
    return m;
  }
  stringMultimap(): Map<string, string[]> {
    const n = this.short();
    const m = new Map<string, string[]>();
    for (let i = 0; i < n; i++) m.set(this.string(), this.stringList());
    return m;
  }
  consistency(): number {
    return this.short();
  }
  inet(): { address: string; port: number } {
    const n = this.byte();
    const address = formatInet(this.take(n, 'an inet address'));
    return { address, port: this.int() };
  }
  unsignedVInt(): bigint {
    try {
      const [v, n] = decodeUnsignedVInt(this.buf, this.offset);
      this.offset += n;
      return v;
    } catch {
      throw new WireError('Not enough bytes to read a vint');
    }
  }
}

export class WireWriter {
  private parts: Buffer[] = [];
  private size = 0;

  raw(b: Buffer): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }
  byte(n: number): this {
    return this.raw(Buffer.from([n & 0xff]));
  }
  short(n: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(n);
    return this.raw(b);
  }
  int(n: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return this.raw(b);
  }
  long(n: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(n);
    return this.raw(b);
  }
  string(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.short(b.length).raw(b);
  }
  longString(s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.int(b.length).raw(b);
  }
  uuid(s: string): this {
    return this.raw(uuidBytes(s));
  }
  bytes(b: Buffer | null): this {
    return b === null ? this.int(-1) : this.int(b.length).raw(b);
  }
  shortBytes(b: Buffer): this {
    return this.short(b.length).raw(b);
  }
  value(v: BoundValue): this {
    return v === UNSET ? this.int(-2) : this.bytes(v);
  }
  stringList(list: readonly string[]): this {
    this.short(list.length);
    for (const s of list) this.string(s);
    return this;
  }
  stringMap(m: Iterable<[string, string]>): this {
    const entries = [...m];
    this.short(entries.length);
    for (const [k, v] of entries) this.string(k).string(v);
    return this;
  }
  stringMultimap(m: Iterable<[string, readonly string[]]>): this {
    const entries = [...m];
    this.short(entries.length);
    for (const [k, v] of entries) this.string(k).stringList(v);
    return this;
  }
  inet(address: string, port: number): this {
    const b = inetBytes(address);
    return this.byte(b.length).raw(b).int(port);
  }
  unsignedVInt(n: bigint | number): this {
    return this.raw(encodeUnsignedVInt(n));
  }
  get length(): number {
    return this.size;
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}
