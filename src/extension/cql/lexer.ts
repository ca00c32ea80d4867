// A forgiving CQL tokenizer for editor features: it never throws, keeps offsets, and reports what is left open
// (strings, quoted identifiers, comments, `$$` bodies) instead of failing, because the text is usually mid-edit.

export type TokenKind =
  | 'word' // bare identifier or keyword
  | 'quoted' // "Quoted Identifier" (value holds the unescaped name)
  | 'string' // 'literal' or $$ body
  | 'number' // integers, floats, durations, blobs, uuids
  | 'comment'
  | 'punct' // ( ) [ ] { } , . ; < >
  | 'op' // = != <= >= + - * / % ? :name
  | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Unescaped identifier for `quoted`, upper-cased text for `word`, raw text otherwise. */
  value: string;
  start: number;
  end: number;
  /** Set when the token runs to the end of the input without its closing delimiter. */
  unterminated?: boolean;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
const NUMBER = /-?(?:0[xX][0-9a-fA-F]*|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?(?:[a-zA-Zµ]\w*)?|\.\d+)/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Tokenizes `text[from, to)`; offsets are absolute. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  const push = (kind: TokenKind, end: number, value?: string, unterminated = false) => {
    const raw = text.slice(i, end);
    const tok: Token = { kind, text: raw, value: value ?? raw, start: i, end };
    if (unterminated) tok.unterminated = true;
    out.push(tok);
    i = end;
  };
  const sticky = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m && i + m[0].length <= to ? i + m[0].length : -1;
  };
  while (i < to) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      const eol = text.indexOf('\n', i);
      push('comment', eol < 0 || eol > to ? to : eol);
      continue;
    }
    if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close + 2 > to) push('comment', to, undefined, true);
      else push('comment', close + 2);
      continue;
    }
    if (c === '$' && next === '$') {
      const close = text.indexOf('$$', i + 2);
      if (close < 0 || close + 2 > to) push('string', to, undefined, true);
      else push('string', close + 2);
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let closed = false;
      while (j < to) {
        if (text[j] === c) {
          if (text[j + 1] === c && j + 1 < to) {
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        j++;
      }
      const inner = text.slice(i + 1, closed ? j - 1 : j).split(c + c).join(c);
      push(c === '"' ? 'quoted' : 'string', j, c === '"' ? inner : undefined, !closed);
      continue;
    }
    let end = sticky(UUID);
    if (end > 0) {
      push('number', end);
      continue;
    }
    if (isDigit(c) || (c === '-' && (isDigit(next) || (next === '.' && isDigit(text[i + 2])) ) && !isOperand(out)) || (c === '.' && isDigit(next))) {
      end = sticky(NUMBER);
      if (end > i) {
        push('number', end);
        continue;
      }
    }
    end = sticky(WORD);
    if (end > 0) {
      push('word', end, text.slice(i, end).toUpperCase());
      continue;
    }
    if (c === ':' && /[A-Za-z_]/.test(next ?? '')) {
      WORD.lastIndex = i + 1;
      const m = WORD.exec(text);
      push('op', Math.min(to, i + 1 + (m?.[0].length ?? 0)));
      continue;
    }
    const two = text.slice(i, i + 2);
    if ((two === '!=' || two === '<=' || two === '>=') && i + 2 <= to) {
      push('op', i + 2);
      continue;
    }
    if ('()[]{},.;<>'.includes(c)) push('punct', i + 1);
    else if ('=+-*/%?'.includes(c)) push('op', i + 1);
    else push('other', i + 1);
  }
  return out;
}

/** True when the previous token ends an operand, so a following `-` is subtraction, not a sign. */
function isOperand(out: Token[]): boolean {
  const last = out[out.length - 1];
  if (!last) return false;
  return last.kind === 'word' || last.kind === 'quoted' || last.kind === 'number' || last.text === ')' || last.text === ']';
}

/** Tokens without comments. */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment');
}
