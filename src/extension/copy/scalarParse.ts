// One scalar's text → the driver value for its CQL type, checked strictly (a value that does not fit the type is
// an error for the error file, never silently changed), and the exact text of a duration.

import { driverTypes } from './driverTypes.js';
import type { TimestampFormat } from './timestampFormat.js';

const S = {
  ascii: 0x01, bigint: 0x02, blob: 0x03, boolean: 0x04, counter: 0x05, decimal: 0x06, double: 0x07, float: 0x08,
  int: 0x09, text: 0x0a, timestamp: 0x0b, uuid: 0x0c, varchar: 0x0d, varint: 0x0e, timeuuid: 0x0f, inet: 0x10,
  date: 0x11, time: 0x12, smallint: 0x13, tinyint: 0x14, duration: 0x15,
} as const;

export const SCALAR_CODES = new Set<number>(Object.values(S));

const INT = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|NaN|Infinity)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANGE: Partial<Record<number, [number, number, string]>> = {
  [S.int]: [-2147483648, 2147483647, 'int'], [S.smallint]: [-32768, 32767, 'smallint'], [S.tinyint]: [-128, 127, 'tinyint'],
};
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const bad = (text: string, type: string): Error => new Error(`'${text.length > 40 ? `${text.slice(0, 40)}…` : text}' is not a valid ${type}`);

export function parseScalar(code: number, text: string, ts: TimestampFormat): unknown {
  switch (code) {
    case S.ascii:
      if (/[^\x00-\x7f]/.test(text)) throw bad(text, 'ascii');
      return text;
    case S.text: case S.varchar:
      return text;
    case S.int: case S.smallint: case S.tinyint: {
      const [min, max, name] = RANGE[code]!;
      const n = Number(text.trim());
      if (!INT.test(text.trim()) || n < min || n > max) throw bad(text, name);
      return n;
    }
    case S.bigint: case S.counter: {
      const t = text.trim();
      if (!INT.test(t)) throw bad(text, 'bigint');
      // Up to 15 digits is exact as a double (most values): no BigInt and no second parse by Long.fromString.
      if (t.length <= 15) return driverTypes().Long.fromNumber(Number(t));
      const b = BigInt(t);
      if (b < LONG_MIN || b > LONG_MAX) throw bad(text, 'bigint');
      return driverTypes().Long.fromString(b.toString());
    }
    case S.varint:
      if (!INT.test(text.trim())) throw bad(text, 'varint');
      return driverTypes().Integer.fromString(BigInt(text.trim()).toString());
    case S.decimal: {
      const t = text.trim();
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) throw bad(text, 'decimal');
      return decimal(t);
    }
    case S.float: case S.double: {
      const t = text.trim();
      if (!NUMBER.test(t)) throw bad(text, code === S.float ? 'float' : 'double');
      return Number(t);
    }
    case S.boolean: {
      const t = text.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') throw bad(text, 'boolean');
      return t === 'true';
    }
    case S.uuid: case S.timeuuid: {
      const t = text.trim();
      if (!UUID.test(t)) throw bad(text, code === S.uuid ? 'uuid' : 'timeuuid');
      if (code === S.timeuuid && t[14] !== '1') throw bad(text, 'timeuuid');
      // The shape is checked above: the bytes straight from the hex, without the driver checking it again.
      const Uuid = driverTypes().Uuid;
      return new Uuid(Buffer.from(`${t.slice(0, 8)}${t.slice(9, 13)}${t.slice(14, 18)}${t.slice(19, 23)}${t.slice(24)}`, 'hex'));
    }
    case S.timestamp: {
      const ms = ts.parse(text);
      if (ms === undefined) throw bad(text, 'timestamp');
      return new Date(ms);
    }
    case S.date:
      return driverParse(() => driverTypes().LocalDate.fromString(text.trim()), text, 'date', /^[-+]?\d+-\d{2}-\d{2}$|^\d+$/);
    case S.time:
      return driverParse(() => driverTypes().LocalTime.fromString(text.trim()), text, 'time', /^\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/);
    case S.duration:
      return driverParse(() => driverTypes().Duration.fromString(text.trim()), text, 'duration', /^-?(P|\d)/i);
    case S.inet:
      return driverParse(() => driverTypes().InetAddress.fromString(text.trim()), text, 'inet', /^[0-9a-f.:]+$/i);
    case S.blob: {
      const t = text.trim();
      if (!/^0x([0-9a-f]{2})*$/i.test(t)) throw bad(text, 'blob');
      return Buffer.from(t.slice(2), 'hex');
    }
    default:
      throw new Error(`COPY cannot read values of type code ${code}`);
  }
}

/** A BigDecimal from plain or exponent notation, exactly (unscaled digits and scale). */
function decimal(t: string): unknown {
  const m = /^([-+]?)(\d*)\.?(\d*)(?:[eE]([-+]?\d+))?$/.exec(t)!;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}` || '0';
  const scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  const Integer = driverTypes().Integer;
  const unscaled = digits.length <= 15
    ? Integer.fromNumber((m[1] === '-' ? -1 : 1) * Number(digits))
    : Integer.fromString(`${m[1] === '-' ? '-' : ''}${BigInt(digits).toString()}`);
  return new (driverTypes().BigDecimal)(unscaled as unknown as number, scale);
}

function driverParse(parse: () => unknown, text: string, type: string, shape: RegExp): unknown {
  if (!shape.test(text.trim())) throw bad(text, type);
  try {
    return parse();
  } catch {
    throw bad(text, type);
  }
}

/** `<months>mo<days>d<nanos>ns` style, every unit exact (the display text rounds years). */
export function exactDurationText(v: unknown): string {
  const d = v as { months: number; days: number; nanoseconds: { toString(): string } };
  const nanos = BigInt(d.nanoseconds.toString());
  const negative = d.months < 0 || d.days < 0 || nanos < 0n;
  const months = Math.abs(d.months);
  let rest = nanos < 0n ? -nanos : nanos;
  let out = negative ? '-' : '';
  if (months >= 12) out += `${Math.floor(months / 12)}y`;
  if (months % 12) out += `${months % 12}mo`;
  if (d.days) out += `${Math.abs(d.days)}d`;
  for (const [per, unit] of [[3_600_000_000_000n, 'h'], [60_000_000_000n, 'm'], [1_000_000_000n, 's'], [1_000_000n, 'ms'], [1_000n, 'us'], [1n, 'ns']] as const) {
    if (rest >= per) {
      out += `${rest / per}${unit}`;
      rest %= per;
    }
  }
  return out === '' || out === '-' ? '0s' : out;
}
