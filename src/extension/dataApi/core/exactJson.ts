// JSON typed by the user (filters, sorts, documents to save) parsed without losing digits: JSON.parse would turn
// 12345678901234567890 into 12345678901234567000 and save that. Numbers a double holds exactly stay numbers; the
// others go through `big(text)` (astra-db-ts's BigNumber, which the client then writes digit for digit).

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 64;

/** True when a double keeps the number's exact value (so `Number(text)` loses nothing). */
export function fitsDouble(text: string): boolean {
  const n = Number(text);
  if (!Number.isFinite(n)) return false;
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return false;
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  if (!m[2] && !m[3]) return Number.isSafeInteger(n) || digits.length <= 15;
  return digits.length <= 15;
}

export function parseExactJson(text: string, big: (numberText: string) => unknown): unknown {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line}, column ${i - text.lastIndexOf('\n', i - 1)}`, i);
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('Nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') return i++, out;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expected a property name in double quotes');
        const key = str();
        ws();
        if (text[i] !== ':') fail('Expected ":"');
        i++;
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return i++, out;
        fail('Expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') return i++, out;
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return i++, out;
        fail('Expected "," or "]"');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 200));
    if (!m) return fail(i >= text.length ? 'Unexpected end of JSON' : `Unexpected character ${JSON.stringify(c)}`);
    i += m[0].length;
    return fitsDouble(m[0]) ? Number(m[0]) : big(m[0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('Control character in a string');
      i++;
    }
    if (i >= text.length) fail('Unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('Invalid escape in a string');
    }
  };
  const result = value(0);
  ws();
  if (i < text.length) fail('Unexpected text after the JSON value');
  return result;
}

/** A JSON object (filter, sort, projection, document), or a message saying what is wrong. Empty text = `{}`. */
export function parseJsonObject(text: string, what: string, big: (t: string) => unknown): { value: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { value: {} };
  try {
    const v = parseExactJson(text, big);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: `The ${what} must be a JSON object, like {"name": "x"}.` };
    return { value: v as Record<string, unknown> };
  } catch (e) {
    return { error: `The ${what} is not valid JSON: ${(e as Error).message}.` };
  }
}

/** A vector pasted as a JSON array of numbers (or comma/space separated numbers). */
export function parseVector(text: string): { value: number[] } | { error: string } {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (!body) return { error: 'The vector is empty: paste numbers like [0.1, 0.2, 0.3].' };
  const parts = body.split(/[\s,]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(p) || !Number.isFinite(n)) {
      return { error: `The vector has a value that is not a number: ${JSON.stringify(p.slice(0, 30))}.` };
    }
    out.push(n);
  }
  return { value: out };
}
