// CQL type text (as result columns and table metadata spell it: `map<text, frozen<list<int>>>`, `vector<float, 3>`,
// `frozen<"Address">`) parsed into a tree, so edited values can be checked against the column's type.

export type CqlType =
  | { kind: 'scalar'; name: string }
  | { kind: 'list' | 'set'; of: CqlType }
  | { kind: 'map'; key: CqlType; value: CqlType }
  | { kind: 'tuple'; items: CqlType[] }
  | { kind: 'vector'; of: CqlType; dim: number }
  /** A user-defined type: only its name is known here, so its fields are checked for form, not type. */
  | { kind: 'udt'; name: string }
  | { kind: 'custom'; name: string };

export const SCALAR_TYPES = new Set([
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varchar', 'varint',
]);

/** Parses type text; throws on text that is not a CQL type. */
export function parseCqlType(text: string): CqlType {
  const tokens = text.match(/"(?:[^"]|"")*"|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.]*|\d+|[<>,]/g) ?? [];
  let i = 0;
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (tokens[i] !== t) throw new Error(`Unreadable type "${text}"`);
    i++;
  };
  const one = (): CqlType => {
    const word = next();
    if (word === undefined) throw new Error(`Unreadable type "${text}"`);
    if (word.startsWith("'")) return { kind: 'custom', name: word.slice(1, -1) };
    if (word.startsWith('"')) return { kind: 'udt', name: word.slice(1, -1).replace(/""/g, '"') };
    const lower = word.toLowerCase();
    if (lower === 'frozen') {
      expect('<');
      const inner = one();
      expect('>');
      return inner;
    }
    if (lower === 'list' || lower === 'set') {
      expect('<');
      const of = one();
      expect('>');
      return { kind: lower, of };
    }
    if (lower === 'map') {
      expect('<');
      const key = one();
      expect(',');
      const value = one();
      expect('>');
      return { kind: 'map', key, value };
    }
    if (lower === 'tuple') {
      expect('<');
      const items = [one()];
      while (tokens[i] === ',') {
        i++;
        items.push(one());
      }
      expect('>');
      return { kind: 'tuple', items };
    }
    if (lower === 'vector') {
      expect('<');
      const of = one();
      expect(',');
      const dim = Number(next());
      expect('>');
      if (!Number.isInteger(dim) || dim <= 0) throw new Error(`Unreadable type "${text}"`);
      return { kind: 'vector', of, dim };
    }
    if (SCALAR_TYPES.has(lower)) return { kind: 'scalar', name: lower };
    return { kind: 'udt', name: word };
  };
  const t = one();
  if (i !== tokens.length) throw new Error(`Unreadable type "${text}"`);
  return t;
}

/** True for types whose editor is a CQL literal (collections, tuples, UDTs, vectors) rather than plain text. */
export function isLiteralTyped(t: CqlType): boolean {
  return t.kind !== 'scalar';
}
