// JSON that keeps numbers exact: documents are parsed into plain values whose numbers are `Num` (the literal text
// as received), and written back with that text, so 12345678901234567890.123 survives a round trip.
import { parseDec, type Dec } from './decimal.js';

export class Num {
  private dec?: Dec;
  constructor(readonly text: string) {}
  get value(): number {
    return Number(this.text);
  }
  get exact(): Dec {
    return (this.dec ??= parseDec(this.text));
  }
  static of(n: number | string): Num {
    return new Num(String(n));
  }
}

export type Json = null | boolean | string | Num | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Num);

/** Sets a property named by user data (`__proto__` included) as an own, enumerable property. */
export function put(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export class JsonSyntaxError extends Error {}

const NUMBER_LITERAL = /[:,[]\s*(-?\d[\d.eE+-]*)/g;
/** Replaces JS numbers by `Num` in place (much faster than a JSON.parse reviver). */
function wrapNumbers(v: unknown): Json {
  if (typeof v === 'number') return new Num(String(v));
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = wrapNumbers(v[i]);
    return v;
  } else if (v !== null && typeof v === 'object') {
    const o = v as JsonObject;
    for (const k of Object.keys(o)) {
      const x = o[k] as unknown;
      if (typeof x === 'number') {
        if (k === '__proto__') put(o, k, new Num(String(x)));
        else o[k] = new Num(String(x));
      } else if (x !== null && typeof x === 'object') {
        wrapNumbers(x);
      }
    }
  }
  return v as Json;
}

/** Parses JSON text; numbers become `Num`. Duplicate keys keep the last value, as JSON.parse does. */
export function parseJson(text: string): Json {
  // JSON.parse is an order of magnitude faster; it is exact when every number literal prints back the same.
  let exact = true;
  for (const m of text.matchAll(NUMBER_LITERAL)) {
    if (String(Number(m[1])) !== m[1]) {
      exact = false;
      break;
    }
  }
  if (exact) {
    try {
      return wrapNumbers(JSON.parse(text));
    } catch (e) {
      throw new JsonSyntaxError((e as Error).message);
    }
  }
  return parseExact(text);
}

function parseExact(text: string): Json {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: JsonObject = {};
      ws();
      if (text[i] === '}') return i++, obj;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        const key = string();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        put(obj, key, value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, obj;
        else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, arr;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const found = m.exec(text);
    if (!found) return fail('unexpected character');
    i += found[0].length;
    return new Num(found[0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    let simple = true;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        simple = false;
        i++;
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    const raw = text.slice(start, i);
    return simple ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  };
  const result = value();
  ws();
  if (i < text.length) fail('unexpected trailing text');
  return result;
}

export function stringifyJson(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Num) return v.text;
  if (Array.isArray(v)) return `[${v.map(stringifyJson).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${stringifyJson(x)}`).join(',')}}`;
}

/** Converts ordinary JS values (numbers, nested objects) into `Json`, for replies built in code. */
export function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint') return Num.of(String(v));
  if (typeof v === 'boolean' || typeof v === 'string' || v instanceof Num) return v;
  if (Array.isArray(v)) return v.map(toJson);
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v as object)) if (x !== undefined) put(out, k, toJson(x));
  return out;
}

export function cloneJson(v: Json): Json {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) put(out, k, cloneJson(x));
    return out;
  }
  return v;
}
