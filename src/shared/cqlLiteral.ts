// CQL literals for edited values. User input is parsed into a literal tree, checked against the column's type and
// written back out canonically, so what reaches a statement is always a well-formed literal of that type (input is
// never pasted into CQL as it was typed). Both runtimes use it: the grid to flag a bad value as it is typed, the
// extension host to build the statements (the only place CQL text is made).

import type { CqlType } from './cqlType.js';
import { quoteIdentifier, quoteString } from './identifier.js';

export type LiteralNode =
  | { k: 'str'; v: string }
  | { k: 'num'; v: string }
  | { k: 'word'; v: string } // true, false, null, NaN, Infinity, a UDT field name, an ISO duration
  | { k: 'blob'; v: string }
  | { k: 'uuid'; v: string }
  | { k: 'list'; items: LiteralNode[] }
  | { k: 'tuple'; items: LiteralNode[] }
  | { k: 'brace'; entries: { key?: LiteralNode; value: LiteralNode }[] };

export class LiteralError extends Error {}

const TOKEN = /\s*(?:('(?:[^']|'')*')|(0[xX][0-9a-fA-F]*)|([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![\w-])|(-?(?:\d+(?:\.\d*)?(?:[eE][+-]?\d+)?(?:[a-zA-Zµ]+\d*)*|\.\d+))|(-?[A-Za-z_][A-Za-z0-9_]*)|("(?:[^"]|"")*")|([[\](){},:]))/y;

/** Parses literal text (`[1, 2]`, `{'a': 1}`, `{street: 'x'}`, `(1, 'b')`, `'it''s'`, `0xff`, …). */
export function parseLiteral(text: string): LiteralNode {
  const tokens: { kind: string; v: string }[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length && /\S/.test(text.slice(pos))) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new LiteralError(`Unexpected "${text.slice(pos).trim().slice(0, 12)}"`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'str', v: m[1].slice(1, -1).replace(/''/g, "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'blob', v: m[2].toLowerCase() });
    else if (m[3] !== undefined) tokens.push({ kind: 'uuid', v: m[3].toLowerCase() });
    else if (m[4] !== undefined) tokens.push({ kind: 'num', v: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'word', v: m[5] });
    else if (m[6] !== undefined) tokens.push({ kind: 'word', v: m[6].slice(1, -1).replace(/""/g, '"') });
    else tokens.push({ kind: 'punct', v: m[7]! });
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (p: string) => {
    if (peek()?.kind === 'punct' && peek()!.v === p) return (i++, true);
    return false;
  };
  const value = (): LiteralNode => {
    const t = tokens[i++];
    if (!t) throw new LiteralError('A value is missing');
    if (t.kind === 'punct') {
      const close = t.v === '[' ? ']' : t.v === '(' ? ')' : t.v === '{' ? '}' : undefined;
      if (!close) throw new LiteralError(`Unexpected "${t.v}"`);
      if (t.v === '{') {
        const entries: { key?: LiteralNode; value: LiteralNode }[] = [];
        if (!take('}')) {
          do {
            const first = value();
            entries.push(take(':') ? { key: first, value: value() } : { value: first });
          } while (take(','));
          if (!take('}')) throw new LiteralError('Expected "}"');
        }
        return { k: 'brace', entries };
      }
      const items: LiteralNode[] = [];
      if (!take(close)) {
        do items.push(value());
        while (take(','));
        if (!take(close)) throw new LiteralError(`Expected "${close}"`);
      }
      return { k: t.v === '[' ? 'list' : 'tuple', items };
    }
    return { k: t.kind as 'str' | 'num' | 'word' | 'blob' | 'uuid', v: t.v };
  };
  const node = value();
  if (i !== tokens.length) throw new LiteralError(`Unexpected "${tokens[i]!.v}" after the value`);
  return node;
}

const INT_RANGES: Record<string, [bigint, bigint]> = {
  tinyint: [-128n, 127n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
  counter: [-9223372036854775808n, 9223372036854775807n],
};
const FLOAT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DURATION = /^-?(?:\d+(?:y|mo|w|d|h|m|s|ms|us|µs|ns))+$/i;
const ISO_DURATION = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const DATE = /^-?\d{4,}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

const describe = (n: LiteralNode) => ('v' in n ? `"${n.v}"` : n.k === 'brace' ? '{…}' : n.k === 'list' ? '[…]' : '(…)');

function scalar(n: LiteralNode, name: string): string {
  const fail = (what: string): never => {
    throw new LiteralError(`${describe(n)} is not ${what}`);
  };
  switch (name) {
    case 'text':
    case 'varchar':
      return n.k === 'str' ? quoteString(n.v) : fail(`${name} (quote text: 'like this')`);
    case 'ascii':
      if (n.k !== 'str') fail("ascii (quote text: 'like this')");
      return /^[\x00-\x7f]*$/.test((n as { v: string }).v) ? quoteString((n as { v: string }).v) : fail('ascii (7-bit characters only)');
    case 'tinyint':
    case 'smallint':
    case 'int':
    case 'bigint':
    case 'counter':
    case 'varint': {
      if (n.k !== 'num' || !/^-?\d+$/.test(n.v)) return fail(`an integer (${name})`);
      const range = INT_RANGES[name];
      if (range && (BigInt(n.v) < range[0] || BigInt(n.v) > range[1])) fail(`within the ${name} range ${range[0]}…${range[1]}`);
      return BigInt(n.v).toString();
    }
    case 'float':
    case 'double':
      if (n.k === 'word' && /^-?(NaN|Infinity)$/.test(n.v)) return n.v;
      return n.k === 'num' && FLOAT.test(n.v) ? n.v : fail(`a number (${name})`);
    case 'decimal':
      return n.k === 'num' && FLOAT.test(n.v) ? n.v : fail('a decimal number');
    case 'boolean':
      return n.k === 'word' && /^(true|false)$/i.test(n.v) ? n.v.toLowerCase() : fail('true or false');
    case 'uuid':
      return n.k === 'uuid' ? n.v : fail('a uuid');
    case 'timeuuid':
      return n.k === 'uuid' && n.v[14] === '1' ? n.v : fail('a time-based (version 1) uuid');
    case 'blob':
      return n.k === 'blob' && n.v.length % 2 === 0 ? n.v : fail('hex bytes (0x…, an even number of digits)');
    case 'timestamp': {
      if (n.k === 'num' && /^-?\d+$/.test(n.v)) return n.v;
      const ms = n.k === 'str' ? parseTimestamp(n.v) : undefined;
      return ms === undefined ? fail("a timestamp ('2024-01-31T12:00:00.000Z' or milliseconds)") : String(ms);
    }
    case 'date':
      return n.k === 'str' && DATE.test(n.v) ? quoteString(n.v) : fail("a date ('YYYY-MM-DD')");
    case 'time':
      return n.k === 'str' && TIME.test(n.v) ? quoteString(n.v) : fail("a time ('HH:MM:SS.fffffffff')");
    case 'inet':
      return n.k === 'str' && (IPV4.test(n.v) || (n.v.includes(':') && IPV6.test(n.v))) ? quoteString(n.v) : fail("an IP address ('10.0.0.1')");
    case 'duration':
      if ((n.k === 'num' && DURATION.test(n.v)) || (n.k === 'word' && ISO_DURATION.test(n.v))) return n.v;
      return fail('a duration (1h30m, P1DT2H)');
    default:
      return fail(`a ${name} value`);
  }
}

/** Milliseconds of an ISO-like timestamp with an explicit zone (`Z`, `+02:00`), or undefined. */
export function parseTimestamp(text: string): number | undefined {
  const t = text.trim().replace(' ', 'T');
  if (!/^-?\d{4,}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t)) return undefined;
  const zoned = /T/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t;
  const ms = Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** The canonical literal of `n` as a value of `type`; throws LiteralError when it is not one. */
export function renderLiteral(n: LiteralNode, type: CqlType, nested = false): string {
  if (n.k === 'word' && n.v.toLowerCase() === 'null') {
    if (nested && type.kind !== 'udt') throw new LiteralError('null is not allowed inside a collection');
    return 'null';
  }
  switch (type.kind) {
    case 'scalar':
      return scalar(n, type.name);
    case 'list':
    case 'vector': {
      if (n.k !== 'list') throw new LiteralError(`Expected a ${type.kind} in [ ]`);
      if (type.kind === 'vector' && n.items.length !== type.dim) throw new LiteralError(`Expected ${type.dim} values, got ${n.items.length}`);
      return `[${n.items.map((x) => renderLiteral(x, type.of, true)).join(', ')}]`;
    }
    case 'set':
      if (n.k !== 'brace' || n.entries.some((e) => e.key)) throw new LiteralError('Expected a set in { }');
      return `{${n.entries.map((e) => renderLiteral(e.value, type.of, true)).join(', ')}}`;
    case 'map':
      if (n.k !== 'brace' || n.entries.some((e) => !e.key)) throw new LiteralError('Expected a map in { key: value }');
      return `{${n.entries.map((e) => `${renderLiteral(e.key!, type.key, true)}: ${renderLiteral(e.value, type.value, true)}`).join(', ')}}`;
    case 'tuple':
      if (n.k !== 'tuple' || n.items.length !== type.items.length) throw new LiteralError(`Expected a tuple of ${type.items.length} in ( )`);
      return `(${n.items.map((x, i) => (x.k === 'word' && x.v.toLowerCase() === 'null' ? 'null' : renderLiteral(x, type.items[i]!, true))).join(', ')})`;
    case 'udt':
      if (n.k !== 'brace' || n.entries.some((e) => e.key?.k !== 'word')) throw new LiteralError('Expected fields in { name: value }');
      return `{${n.entries.map((e) => `${quoteIdentifier((e.key as { v: string }).v)}: ${untyped(e.value)}`).join(', ')}}`;
    case 'custom':
      throw new LiteralError(`Values of custom type ${type.name} cannot be edited here`);
  }
}

/** A UDT field's value, whose type is not known here: written back in canonical form; the server checks the type. */
function untyped(n: LiteralNode): string {
  switch (n.k) {
    case 'str':
      return quoteString(n.v);
    case 'num':
    case 'blob':
    case 'uuid':
      return n.v;
    case 'word':
      if (/^(true|false|null|-?NaN|-?Infinity)$/i.test(n.v) || ISO_DURATION.test(n.v)) return n.v;
      throw new LiteralError(`"${n.v}" is not a value`);
    case 'list':
      return `[${n.items.map(untyped).join(', ')}]`;
    case 'tuple':
      return `(${n.items.map(untyped).join(', ')})`;
    case 'brace':
      return `{${n.entries.map((e) => (e.key ? (e.key.k === 'word' ? `${quoteIdentifier(e.key.v)}: ` : `${untyped(e.key)}: `) : '') + untyped(e.value)).join(', ')}}`;
  }
}

export type LiteralResult = { ok: true; literal: string } | { ok: false; error: string };

/**
 * What the user typed in a cell editor → a literal of `type`. Text-like scalars take the text as it is (no quotes
 * to type); collections, tuples, UDTs and vectors take CQL literal syntax.
 */
export function literalFromInput(type: CqlType, input: string): LiteralResult {
  try {
    if (type.kind === 'scalar') {
      const raw = ['text', 'varchar', 'ascii', 'date', 'time', 'inet', 'timestamp'].includes(type.name);
      if (raw) {
        const v = type.name === 'text' || type.name === 'varchar' || type.name === 'ascii' ? input : input.trim();
        if (type.name === 'timestamp' && /^-?\d+$/.test(v)) return { ok: true, literal: scalar({ k: 'num', v }, 'timestamp') };
        return { ok: true, literal: scalar({ k: 'str', v }, type.name) };
      }
      if (input.trim() === '') return { ok: false, error: 'Enter a value (or choose null)' };
    }
    return { ok: true, literal: renderLiteral(parseLiteral(type.kind === 'scalar' && type.name === 'blob' && !/^\s*0x/i.test(input) ? `0x${input.trim()}` : input), type) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
