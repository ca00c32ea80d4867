// Masks the value of anything named like a secret (clientSecret, password, ASTRA_DB_CLIENT_SECRET, token, api key)
// when the extension does not know the value: key=value, key: value, "key":"value" and the same inside escaped
// JSON (\"key\":\"value\", at any depth). A quoted value is masked up to its real closing quote, not the first
// comma or escaped quote inside it.

const MASK = '***';
// Starts only where an identifier starts, with a bounded prefix and bounded escapes: linear on long words and runs.
const KEY = /(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{0,40}?(?:secret|password|passwd|pwd|token|api[_-]?key))(\\{0,16}["']?)([ \t]*[:=][ \t]*)(\\{0,16}["'])?/gi;
/** An unquoted value ends at whitespace, a quote, a query/statement separator or a closing bracket. */
const UNQUOTED_END = /[\s"'&;<>)}\]]|\\["']|,(?=[\s"']|$)/g;

export function maskSecretAssignments(text: string): string {
  let out = '';
  let last = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m; m = KEY.exec(text)) {
    const start = m.index + m[0].length;
    const opening = m[4];
    const end = opening ? closingQuote(text, start, opening) : unquotedEnd(text, start);
    const value = text.slice(start, end);
    // Already masked (a known secret or a token): keep what follows it, e.g. the host after "token:***@".
    if (value.length === 0 || value.startsWith(MASK) || value.startsWith(`AstraCS:${MASK}`)) continue;
    out += text.slice(last, start) + MASK;
    last = end;
    KEY.lastIndex = Math.max(end, KEY.lastIndex);
  }
  return out + text.slice(last);
}

function unquotedEnd(text: string, from: number): number {
  UNQUOTED_END.lastIndex = from;
  const m = UNQUOTED_END.exec(text);
  return m ? m.index : text.length;
}

/**
 * At nesting depth d a string is opened by a quote after L = 2^d - 1 backslashes. Inside it, a quote that belongs
 * to the value is preceded by a run of backslashes whose length is 2L+1 modulo 2L+2; the closing quote by a run of
 * L modulo 2L+2. Returns where the value ends (before the closing run), or the end of the line when unterminated.
 */
function closingQuote(text: string, from: number, opening: string): number {
  const quote = opening[opening.length - 1]!;
  const depth = opening.length - 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' && depth === 0) return i;
    if (ch !== quote) continue;
    let run = 0;
    while (i - run - 1 >= from && text[i - run - 1] === '\\') run++;
    if (run % (2 * depth + 2) === depth) return i - depth;
  }
  return text.length;
}
