// Exact CQL text of the driver's scalar objects, character for character what their own toString() returns, but
// without their slow paths: Long/Integer print through repeated big-number division and BigDecimal, Duration and
// Uuid build intermediate strings and objects. Anything that is not shaped like the expected driver class goes to
// String(). The driver classes are recognised by their fields, not instanceof: importing the driver here would load
// it with the extension instead of on first connection.

import * as flatText from './flatText.js';

// Bound once here: compiled to CommonJS (tests, benchmarks), each use of an imported name is a getter call.
const { FLAT_MAX, flat, insertBefore, put2, putAscii, putChar, putHex, putPaddedBefore, putUintBefore } = flatText;

const TWO_32 = 4294967296;
const DEC = Array.from({ length: 256 }, (_, i) => String(i));

interface LongLike {
  high: number;
  low: number;
  unsigned: boolean;
}

const isLong = (v: unknown): v is LongLike =>
  typeof v === 'object' && v !== null && typeof (v as LongLike).high === 'number' && typeof (v as LongLike).low === 'number' && (v as LongLike).unsigned === false;

/** bigint / counter: a driver Long. */
export function longText(v: unknown): string {
  if (!isLong(v)) return String(v);
  const high = v.high;
  const low = v.low >>> 0;
  if (high >= 0) return high === 0 && low < 100000 ? String(low) : flat(putUnsigned64Before(high, low, FLAT_MAX), FLAT_MAX);
  if (high === -0x80000000 && low === 0) return '-9223372036854775808';
  // Two's-complement negation of the 64 bits, then the magnitude.
  const nlow = (~low + 1) >>> 0;
  const start = putUnsigned64Before((~high + (nlow === 0 ? 1 : 0)) >>> 0, nlow, FLAT_MAX) - 1;
  putChar(45, start);
  return flat(start, FLAT_MAX);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Writes the decimal digits of high·2^32 + low (high < 2^31) to end before `end`, exact in doubles:
 * 2^32 = 42949·10^5 + 67296, so the value is top·10^5 + rest with top < 10^14.
 */
function putUnsigned64Before(high: number, low: number, end: number): number {
  const below = high * 67296 + low;
  const rest = below % 100000;
  const top = high * 42949 + (below - rest) / 100000;
  if (top === 0) return putUintBefore(rest, end);
  return putUintBefore(top, putPaddedBefore(rest, 5, end));
}

/** inet: dotted quad for IPv4 (as the driver prints it); IPv6 keeps the driver's own zero compression. */
export function inetText(v: unknown): string {
  const b = (v as { buffer?: unknown } | null)?.buffer;
  if (!Buffer.isBuffer(b) || b.length !== 4 || (v as { version?: unknown }).version !== 4) return String(v);
  return `${DEC[b[0]!]}.${DEC[b[1]!]}.${DEC[b[2]!]}.${DEC[b[3]!]}`;
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

// Timestamps in one result are often on the same day: the date part of the last one is kept.
let lastDay = Number.NaN;
let lastDayText = '';

/**
 * Date.prototype.toISOString() of a finite time value, by integer arithmetic (days → civil date, Hinnant's
 * algorithm) instead of the engine's date machinery: `YYYY-MM-DDTHH:mm:ss.sssZ`, ±YYYYYY outside years 0–9999.
 */
export function isoUtc(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  if (days !== lastDay) {
    lastDayText = dayText(days);
    lastDay = days;
  }
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const sec = rest % 60;
  rest = (rest - sec) / 60;
  const min = rest % 60;
  const hour = (rest - min) / 60;
  let at = put2(hour, putAscii(lastDayText, 0));
  at = put2(min, putChar(58, at));
  at = put2(sec, putChar(58, at));
  at = putPaddedBefore(milli, 3, putChar(46, at) + 3) + 3;
  return flat(0, putChar(90, at));
}

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  return `${y}-${PAD2[month]}-${PAD2[day]}T`;
}

interface LocalDateLike {
  year: number;
  month: number;
  day: number;
  _value: unknown;
}

/** date: the driver's LocalDate.prototype.toString (`yyyy-mm-dd`, `-yyyy` before year 0) without its string padding. */
export function localDateText(v: unknown): string {
  const d = v as LocalDateLike | null;
  // `_value` is set (days since 1970) only outside the Date range, where the driver prints that number.
  if (typeof d !== 'object' || d === null || typeof d.year !== 'number' || typeof d.month !== 'number' || typeof d.day !== 'number' || d._value !== null) return String(v);
  const y = d.year;
  const year = y >= 1000 ? String(y) : y >= 0 ? pad(y, 4) : `-${pad(-y, 4)}`;
  return `${year}-${PAD2[d.month]}-${PAD2[d.day]}`;
}

interface IntegerBits {
  bits_: number[];
  sign_: number;
}

/** varint: a driver Integer (two's-complement 32-bit words, least significant first, then the sign word). */
export function integerText(v: unknown): string {
  if (typeof v !== 'object' || v === null || !Array.isArray((v as IntegerBits).bits_) || typeof (v as IntegerBits).sign_ !== 'number') return String(v);
  const { bits_: bits, sign_: sign } = v as IntegerBits;
  const n = bits.length;
  if (n === 0) return sign === 0 ? '0' : '-1';
  if (n === 1) return String(sign === 0 ? bits[0]! >>> 0 : (bits[0]! >>> 0) - TWO_32);
  if (n === 2 && bits[1]! >>> 0 < 0x200000 && sign === 0) return String((bits[1]! >>> 0) * TWO_32 + (bits[0]! >>> 0));
  if (n < MAG.length) return wordsText(bits, sign !== 0);
  let x = 0n;
  for (let i = n - 1; i >= 0; i--) x = (x << 32n) | BigInt(bits[i]! >>> 0);
  if (sign !== 0) x -= 1n << BigInt(32 * n);
  return x.toString();
}

// Magnitude words of a varint being printed (most values have a few; longer ones go through BigInt).
const MAG: number[] = new Array<number>(48).fill(0);

/**
 * Decimal digits of two's-complement 32-bit words (least significant first) by schoolbook division by 10^6, exact
 * in doubles (a remainder below 10^6 times 2^32 plus a word stays under 2^53): no BigInt per value.
 */
function wordsText(bits: number[], negative: boolean): string {
  let top = bits.length;
  let carry = 1;
  for (let i = 0; i < top; i++) {
    if (!negative) MAG[i] = bits[i]! >>> 0;
    else {
      const w = (~bits[i]! >>> 0) + carry;
      carry = w > 0xffffffff ? 1 : 0;
      MAG[i] = w >>> 0;
    }
  }
  if (negative && carry) MAG[top++] = 1;
  while (top > 0 && MAG[top - 1] === 0) top--;
  let end = FLAT_MAX;
  while (top > 0) {
    let rem = 0;
    for (let i = top - 1; i >= 0; i--) {
      const cur = rem * TWO_32 + MAG[i]!;
      let q = Math.floor(cur / 1e6);
      rem = cur - q * 1e6;
      if (rem < 0) { q--; rem += 1e6; } else if (rem >= 1e6) { q++; rem -= 1e6; }
      MAG[i] = q;
    }
    while (top > 0 && MAG[top - 1] === 0) top--;
    end = top > 0 ? putPaddedBefore(rem, 6, end) : putUintBefore(rem, end);
  }
  if (end === FLAT_MAX) end = putUintBefore(0, end);
  if (negative) end = putChar(45, end - 1) - 1;
  return flat(end, FLAT_MAX);
}

/** The value of an Integer of at most two words when it is a safe integer, else undefined. */
function smallInteger(bits: number[], sign: number): number | undefined {
  const n = bits.length;
  if (n === 0) return sign === 0 ? 0 : -1;
  if (n === 1) return sign === 0 ? bits[0]! >>> 0 : (bits[0]! >>> 0) - TWO_32;
  if (n === 2 && sign === 0 && bits[1]! >>> 0 < 0x200000) return (bits[1]! >>> 0) * TWO_32 + (bits[0]! >>> 0);
  return undefined;
}

const isInteger = (v: unknown): v is IntegerBits =>
  typeof v === 'object' && v !== null && Array.isArray((v as IntegerBits).bits_) && typeof (v as IntegerBits).sign_ === 'number';

interface DecimalParts {
  _intVal: unknown;
  _scale: number;
}

/** decimal: a driver BigDecimal (unscaled Integer and scale), laid out as BigDecimal.prototype.toString does. */
export function decimalText(v: unknown): string {
  if (typeof v !== 'object' || v === null || typeof (v as DecimalParts)._scale !== 'number' || !('_intVal' in v)) return String(v);
  const { _intVal, _scale: scale } = v as DecimalParts;
  const small = scale > 0 && scale < 256 && isInteger(_intVal) ? smallInteger(_intVal.bits_, _intVal.sign_) : undefined;
  if (small !== undefined) {
    // Digits, zeros before them up to one before the point, the point, the sign: one flat string.
    let start = putUintBefore(Math.abs(small), FLAT_MAX);
    const point = FLAT_MAX - scale;
    while (start >= point) start = putUintBefore(0, start);
    insertBefore(46, start, point);
    start--;
    if (small < 0) start = putChar(45, start - 1) - 1;
    return flat(start, FLAT_MAX);
  }
  let digits = integerText(_intVal);
  if (scale === 0) return digits;
  let sign = '';
  if (digits.charCodeAt(0) === 45) {
    sign = '-';
    digits = digits.slice(1);
  }
  let point = digits.length - scale;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = digits.length - scale;
  }
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}


/** uuid / timeuuid: 8-4-4-4-12 lower-case hex of the 16 bytes. */
export function uuidText(v: unknown): string {
  const b = (v as { buffer?: unknown } | null)?.buffer;
  // An IPv6 InetAddress also holds 16 bytes, but has a version.
  if (!Buffer.isBuffer(b) || b.length !== 16 || (v as { version?: unknown }).version !== undefined) return String(v);
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) at = putChar(45, at);
    at = putHex(b[i]!, at);
  }
  return flat(0, at);
}

const BLOB_FLAT = (FLAT_MAX - 2) >> 1;

/** blob: `0x` and lower-case hex. */
export function blobHex(v: unknown): string {
  if (!Buffer.isBuffer(v)) return `0x${String(v)}`;
  const n = v.length;
  if (n > BLOB_FLAT) return `0x${v.toString('hex')}`;
  let at = putChar(120, putChar(48, 0));
  for (let i = 0; i < n; i++) at = putHex(v[i]!, at);
  return flat(0, at);
}

const NANOS_PER = [
  [3_600_000_000_000, 'h'], [60_000_000_000, 'm'], [1_000_000_000, 's'], [1_000_000, 'ms'], [1_000, 'us'], [1, 'ns'],
] as const;

/** duration: the driver's Duration.prototype.toString (`1y2mo3d4h5m6s7ms8us9ns`), with exact integer arithmetic. */
export function durationText(v: unknown): string {
  const d = v as { months: number; days: number; nanoseconds: unknown } | null;
  if (typeof d !== 'object' || d === null || typeof d.months !== 'number' || typeof d.days !== 'number' || !isLong(d.nanoseconds)) return String(v);
  const ns = d.nanoseconds;
  const high = ns.high;
  if (!(high >= -0x200000 && high < 0x200000)) return String(v);
  const nanos = high * TWO_32 + (ns.low >>> 0);
  let out = d.months < 0 || d.days < 0 || nanos < 0 ? '-' : '';
  const months = Math.abs(d.months);
  let rest = months;
  // Whole years: the driver's own toString uses (months / 12).toFixed(0), which rounds 18 months up to "2y6mo".
  if (months >= 12) {
    out += `${Math.floor(months / 12)}y`;
    rest = months % 12;
  }
  if (rest !== 0) out += `${rest}mo`;
  if (d.days !== 0) out += `${Math.abs(d.days)}d`;
  let left = Math.abs(nanos);
  for (const [per, unit] of NANOS_PER) {
    if (left === 0 || left < per) continue;
    const r = left % per;
    out += `${(left - r) / per}${unit}`;
    left = r;
  }
  return out;
}
