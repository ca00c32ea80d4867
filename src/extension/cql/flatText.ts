// Short ASCII text written byte by byte into one reused buffer and read out with one native call. Text joined with
// `+` or a template literal becomes a rope past 13 characters (one heap object per join, flattened only when read),
// and encoded values live as long as their page: every young-generation collection then copies each rope node. A
// string read out of this buffer is one flat object. Callers write at most FLAT_MAX bytes and read them out before
// writing again (no awaits in between), so one buffer serves every encoder.

// Buffer.prototype.latin1Slice is what toString('latin1', start, end) calls once it has checked its arguments; called
// directly it costs a third less on a uuid. Node's Buffer has had it since its first releases (unit tests cover it).
const OUT = Buffer.allocUnsafe(512) as Buffer & { latin1Slice(start: number, end: number): string };
export const FLAT_MAX = OUT.length;

/** The text written at [start, end). */
export function flat(start: number, end: number): string {
  return OUT.latin1Slice(start, end);
}

const HEX_BYTES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const h = i.toString(16).padStart(2, '0');
  HEX_BYTES[2 * i] = h.charCodeAt(0);
  HEX_BYTES[2 * i + 1] = h.charCodeAt(1);
}

/** Writes one byte at `at` (its char code); returns the next position. */
export function putChar(code: number, at: number): number {
  OUT[at] = code;
  return at + 1;
}

/** Writes `byte` as two lower-case hex digits at `at`; returns the next position. */
export function putHex(byte: number, at: number): number {
  const i = byte * 2;
  OUT[at] = HEX_BYTES[i]!;
  OUT[at + 1] = HEX_BYTES[i + 1]!;
  return at + 2;
}

/** Writes `n` (an integer 0–99) as two digits at `at`; returns the next position. */
export function put2(n: number, at: number): number {
  const tens = (n / 10) | 0;
  OUT[at] = 48 + tens;
  OUT[at + 1] = 48 + n - tens * 10;
  return at + 2;
}

/** Writes the bytes of an ASCII string at `at`; returns the next position. */
export function putAscii(s: string, at: number): number {
  for (let i = 0; i < s.length; i++) OUT[at++] = s.charCodeAt(i);
  return at;
}

/** Writes a non-negative safe integer's digits so they end before `end`; returns where they start. */
export function putUintBefore(n: number, end: number): number {
  do {
    const q = Math.floor(n / 10);
    OUT[--end] = 48 + (n - q * 10);
    n = q;
  } while (n > 0);
  return end;
}

/** As putUintBefore, left-padded with zeros to `width` digits. */
export function putPaddedBefore(n: number, width: number, end: number): number {
  const stop = end - width;
  end = putUintBefore(n, end);
  while (end > stop) OUT[--end] = 48;
  return end;
}

/** Moves [start, end) one byte left and writes `code` at end - 1: inserts a character before `end`. */
export function insertBefore(code: number, start: number, end: number): void {
  for (let i = start; i < end; i++) OUT[i - 1] = OUT[i]!;
  OUT[end - 1] = code;
}
