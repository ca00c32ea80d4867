// Seeded random mutations of a valid bundle, each with the outcome the bundle reader must reach: refuse, accept
// (with exactly which entries), or "either" for blind byte flips, where acceptance is only allowed when every
// entry still has its original content. Outcomes come from what each mutation does to the archive, not from the
// reader's code.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { rawZip, type RawEntry, type RawZipOptions } from '../../support/rawZip.js';
import { prng } from '../../sandbox/seed/prng.js';

export type Expect = 'accept' | 'refuse' | 'either';

export interface Mutation {
  kind: string;
  bytes: Buffer;
  expect: Expect;
  /** For accept/either: the entries the stored bundle must hold, byte for byte. */
  entries: Map<string, Buffer>;
}

export interface Bomb {
  body: Buffer;
  crc: number;
  size: number;
}

/** Deflates `size` zero bytes a megabyte at a time, so building a bomb costs no more memory than reading one. */
export async function zeroBomb(size: number): Promise<Bomb> {
  const deflater = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflater.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((r) => deflater.on('end', r));
  const mb = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let left = size; left > 0; left -= mb.length) {
    const chunk = left >= mb.length ? mb : mb.subarray(0, left);
    crc = crc32(chunk, crc);
    if (!deflater.write(chunk)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await done;
  return { body: Buffer.concat(parts), crc, size };
}


const REQUIRED = new Set(['config.json', 'ca.crt', 'cert', 'key']);
const VALID_HOSTS = ['127.0.0.1', 'db-1-us-east1.db.astra.datastax.com', `${'a'.repeat(63)}.example.com`, 'localhost'];
const INVALID_HOSTS: unknown[] = ['a b', 'x'.repeat(300), `${'a'.repeat(64)}.example.com`, 'host:1', '[::1]', 'evil.com/x', 'h\n', 123, ['h'], '-a.com'];
const VALID_PORTS: unknown[] = [1, 443, 65535, '29042'];
const INVALID_PORTS: unknown[] = [0, 65536, -1, 1.5, 'x', true];
const VALID_KEYSPACES: unknown[] = ['ks', 'K_1', 'k'.repeat(48), ''];
const INVALID_KEYSPACES: unknown[] = ['k'.repeat(49), 'a-b', 'a b', 7];

export class Mutator {
  private readonly rnd: () => number;
  private readonly base: readonly RawEntry[];
  constructor(
    entries: readonly RawEntry[],
    private readonly bomb: Bomb,
    seed: number,
  ) {
    this.rnd = prng(seed);
    // Deflate once: every mutation re-zips the same bodies.
    this.base = entries.map((e) => ({ ...e, body: deflateRawSync(e.data), crc: crc32(e.data) }));
  }

  private int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  private baseMap(drop?: string): Map<string, Buffer> {
    return new Map(this.base.filter((e) => e.name !== drop).map((e) => [e.name, e.data]));
  }
  private zip(entries: RawEntry[], options?: RawZipOptions): Buffer {
    return rawZip(entries, options);
  }

  /** Offsets of each entry's local header and central record in rawZip(base). */
  private layout(): { local: number[]; central: number[]; size: number } {
    const local: number[] = [];
    const central: number[] = [];
    let at = 0;
    for (const e of this.base) {
      local.push(at);
      at += 30 + Buffer.byteLength(e.name) + e.body!.length;
    }
    for (const e of this.base) {
      central.push(at);
      at += 46 + Buffer.byteLength(e.name);
    }
    return { local, central, size: at + 22 };
  }

  next(): Mutation {
    const kinds: (() => Mutation)[] = [
      () => this.flipAny(), () => this.flipIgnored(), () => this.truncate(), () => this.append(), () => this.prepend(),
      () => this.field('declared-size', 24), () => this.field('crc', 16), () => this.rename(), () => this.mode(),
      () => this.duplicate(), () => this.drop(), () => this.count(), () => this.encrypt(), () => this.method(),
      () => this.stored(), () => this.shuffle(), () => this.comment(), () => this.bombed(), () => this.config(),
    ];
    return this.pick(kinds)();
  }

  private ok(kind: string, bytes: Buffer, expect: Expect, entries = this.baseMap()): Mutation {
    return { kind, bytes, expect, entries };
  }

  private flipAny(): Mutation {
    const bytes = this.zip([...this.base]);
    bytes[this.int(bytes.length)] ^= 1 + this.int(255);
    return this.ok('flip any byte', bytes, 'either');
  }

  /** Times, dates, "version needed" and internal attributes: nothing a reader should act on. */
  private flipIgnored(): Mutation {
    const bytes = this.zip([...this.base]);
    const { local, central } = this.layout();
    const i = this.int(this.base.length);
    const at = this.rnd() < 0.5 ? local[i]! + this.pick([4, 5, 10, 11, 12, 13]) : central[i]! + this.pick([6, 7, 12, 13, 14, 15, 36, 37]);
    bytes[at] ^= 1 + this.int(255);
    return this.ok('flip an ignored field', bytes, 'accept');
  }

  private truncate(): Mutation {
    const bytes = this.zip([...this.base]);
    return this.ok('truncate', bytes.subarray(0, 1 + this.int(bytes.length - 1)), 'refuse');
  }

  private append(): Mutation {
    const junk = Buffer.from(Array.from({ length: 1 + this.int(100) }, () => this.int(256)));
    return this.ok('append junk', Buffer.concat([this.zip([...this.base]), junk]), 'refuse');
  }

  private prepend(): Mutation {
    const junk = Buffer.from(Array.from({ length: 1 + this.int(100) }, () => this.int(256)));
    return this.ok('prepend junk', Buffer.concat([junk, this.zip([...this.base])]), 'refuse');
  }

  /** A 32-bit field of a central record set to a different random value (a lying size or checksum). */
  private field(kind: string, offset: number): Mutation {
    const bytes = this.zip([...this.base]);
    const at = this.layout().central[this.int(this.base.length)]! + offset;
    const old = bytes.readUInt32LE(at);
    let value = this.rnd() < 0.3 ? 0 : Math.floor(this.rnd() * 0x100000000);
    if (value === old) value = (old + 1) >>> 0;
    bytes.writeUInt32LE(value >>> 0, at);
    return this.ok(kind, bytes, 'refuse');
  }

  private rename(): Mutation {
    const entries = this.base.map((e) => ({ ...e }));
    const target = entries[this.int(entries.length)]!;
    const others = entries.filter((e) => e !== target).map((e) => e.name);
    const printable = () => Array.from({ length: 1 + this.int(20) }, () => String.fromCharCode(0x20 + this.int(95))).join('');
    const name = this.pick([() => printable(), () => `../${target.name}`, () => `/${target.name}`, () => `sub/${target.name}`,
      () => target.name.toUpperCase() === target.name ? `${target.name}.bak` : target.name.toUpperCase(), () => this.pick(others), () => `${target.name}\\x`])();
    target.name = name === target.name ? `${name}~` : name;
    return this.ok('rename an entry', this.zip(entries), 'refuse');
  }

  private mode(): Mutation {
    const [mode, expect] = this.pick<[number, Expect]>([[0o100644, 'accept'], [0o100755, 'accept'], [0o120777, 'refuse'], [0o040755, 'refuse'], [0o010644, 'refuse'], [0o020644, 'refuse'], [0o140755, 'refuse'], [0o060644, 'refuse']]);
    const i = this.int(this.base.length);
    return this.ok(`unix mode (${expect === 'accept' ? 'regular file' : 'link, folder or special'})`, this.zip(this.base.map((e, j) => (j === i ? { ...e, mode } : e))), expect);
  }

  private duplicate(): Mutation {
    const copy = this.pick(this.base);
    const entries = [...this.base];
    entries.splice(this.int(entries.length + 1), 0, { ...copy });
    return this.ok('duplicate an entry', this.zip(entries), 'refuse');
  }

  private drop(): Mutation {
    const gone = this.pick(this.base).name;
    return this.ok('drop an entry', this.zip(this.base.filter((e) => e.name !== gone)), REQUIRED.has(gone) ? 'refuse' : 'accept', this.baseMap(gone));
  }

  private count(): Mutation {
    let declaredCount = this.int(70);
    if (declaredCount === this.base.length) declaredCount += 1 + this.int(60000);
    return this.ok('declared entry count', this.zip([...this.base], { declaredCount }), 'refuse');
  }

  private encrypt(): Mutation {
    const i = this.int(this.base.length);
    return this.ok('encrypted flag', this.zip(this.base.map((e, j) => (j === i ? { ...e, flags: 1 } : e))), 'refuse');
  }

  private method(): Mutation {
    const i = this.int(this.base.length);
    const method = this.pick([0, 1, 6, 9, 12, 14, 93, 99]);
    return this.ok(method === 0 ? 'deflated data declared stored' : 'unknown compression method', this.zip(this.base.map((e, j) => (j === i ? { ...e, method } : e))), 'refuse');
  }

  private stored(): Mutation {
    return this.ok('stored (not deflated) entries', this.zip(this.base.map((e) => (this.rnd() < 0.5 ? { ...e, deflate: false, body: undefined } : e))), 'accept');
  }

  private shuffle(): Mutation {
    const entries = [...this.base];
    for (let i = entries.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    return this.ok('shuffled order', this.zip(entries), 'accept');
  }

  private comment(): Mutation {
    const comment = Buffer.from(Array.from({ length: this.int(200) }, () => this.int(256)));
    return this.ok('archive comment', this.zip([...this.base], { comment }), 'accept');
  }

  /** An entry replaced by 64 MB of zeros, declared honestly, as 0 or as a small size. */
  private bombed(): Mutation {
    const i = this.int(this.base.length);
    const declaredSize = this.pick([this.bomb.size, 0, 1024]);
    const bomb: RawEntry = { name: this.base[i]!.name, data: Buffer.alloc(0), body: this.bomb.body, crc: this.bomb.crc, declaredSize };
    return this.ok(declaredSize === this.bomb.size ? 'bomb, size declared' : 'bomb, size understated', this.zip(this.base.map((e, j) => (j === i ? bomb : e))), 'refuse');
  }

  /** config.json with one field drawn from lists of valid and invalid values. */
  private config(): Mutation {
    const original = JSON.parse(this.base.find((e) => e.name === 'config.json')!.data.toString('utf8')) as Record<string, unknown>;
    const [field, valid, invalid] = this.pick<[string, unknown[], unknown[]]>([
      ['host', VALID_HOSTS, INVALID_HOSTS], ['port', VALID_PORTS, INVALID_PORTS], ['cql_port', VALID_PORTS, INVALID_PORTS], ['keyspace', VALID_KEYSPACES, INVALID_KEYSPACES],
    ]);
    const good = this.rnd() < 0.5;
    const data = Buffer.from(JSON.stringify({ ...original, [field]: this.pick(good ? valid : invalid) }));
    const entries = this.base.map((e) => (e.name === 'config.json' ? { name: e.name, data, deflate: true } : e));
    const expected = this.baseMap();
    expected.set('config.json', data);
    return this.ok(`config.json ${field} ${good ? 'valid' : 'invalid'}`, this.zip(entries), good ? 'accept' : 'refuse', expected);
  }
}
