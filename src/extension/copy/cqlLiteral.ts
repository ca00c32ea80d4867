// The cqlsh-style text of collection, tuple, UDT and vector values (`[1, 2]`, `{'a': 1}`, `(1, 'x')`,
// `{x: 1, label: 'p'}`) read back into a tree, so COPY FROM can rebuild the value for its column type.

export type Literal =
  | { k: 'str'; v: string }
  /** Anything unquoted: numbers, true/false, null, uuids, 0x… blobs, durations, field names. */
  | { k: 'atom'; v: string }
  | { k: 'list' | 'tuple'; items: Literal[] }
  /** `{…}`: a set (items), or a map / UDT (entries); `{}` has neither. */
  | { k: 'braces'; items: Literal[]; entries: [Literal, Literal][] };

export function parseLiteral(text: string): Literal {
  const p = { s: text, i: 0 };
  const v = value(p);
  skip(p);
  if (p.i < p.s.length) throw new Error(`unexpected '${p.s.slice(p.i, p.i + 10)}' after the value`);
  return v;
}

interface Cursor { s: string; i: number }

function skip(p: Cursor): void {
  while (p.i < p.s.length && (p.s[p.i] === ' ' || p.s[p.i] === '\t' || p.s[p.i] === '\n' || p.s[p.i] === '\r')) p.i++;
}

function value(p: Cursor): Literal {
  skip(p);
  const c = p.s[p.i];
  if (c === undefined) throw new Error('a value is missing');
  if (c === "'") return { k: 'str', v: quoted(p, "'") };
  if (c === '"') return { k: 'atom', v: quoted(p, '"') };
  if (c === '[' || c === '(') {
    p.i++;
    const items = sequence(p, c === '[' ? ']' : ')');
    return { k: c === '[' ? 'list' : 'tuple', items };
  }
  if (c === '{') {
    p.i++;
    const items: Literal[] = [];
    const entries: [Literal, Literal][] = [];
    skip(p);
    if (p.s[p.i] === '}') return (p.i++, { k: 'braces', items, entries });
    for (;;) {
      const first = value(p);
      skip(p);
      if (p.s[p.i] === ':') {
        if (items.length) throw new Error('a set cannot hold key: value pairs');
        p.i++;
        entries.push([first, value(p)]);
      } else {
        if (entries.length) throw new Error('a map entry is missing its value');
        items.push(first);
      }
      skip(p);
      const sep = p.s[p.i++];
      if (sep === '}') return { k: 'braces', items, entries };
      if (sep !== ',') throw new Error("expected ',' or '}'");
    }
  }
  const start = p.i;
  while (p.i < p.s.length && !/[\s,:\]\)\}\[\(\{]/.test(p.s[p.i]!)) p.i++;
  if (p.i === start) throw new Error(`unexpected '${c}'`);
  return { k: 'atom', v: p.s.slice(start, p.i) };
}

function sequence(p: Cursor, close: string): Literal[] {
  const items: Literal[] = [];
  skip(p);
  if (p.s[p.i] === close) return (p.i++, items);
  for (;;) {
    items.push(value(p));
    skip(p);
    const sep = p.s[p.i++];
    if (sep === close) return items;
    if (sep !== ',') throw new Error(`expected ',' or '${close}'`);
  }
}

/** A string in `q` quotes with doubled quotes inside. */
function quoted(p: Cursor, q: string): string {
  let out = '';
  let i = p.i + 1;
  for (;;) {
    const j = p.s.indexOf(q, i);
    if (j < 0) throw new Error('a quoted string is not closed');
    out += p.s.slice(i, j);
    if (p.s[j + 1] === q) {
      out += q;
      i = j + 2;
      continue;
    }
    p.i = j + 1;
    return out;
  }
}
