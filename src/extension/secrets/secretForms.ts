// Masks a secret the extension knows (a stored token, client secret or password) in whatever encoding it reaches a
// message in. Rather than listing encoders, each character of the secret may appear as itself, percent-encoded
// once or twice (URLs, form bodies, a URL inside a URL), JSON-escaped at any depth (a JSON string inside a JSON
// string) or \u-escaped; base64 (Basic headers) is found from the three alignments the secret can start at.

const MASK = '***';
/** JSON nested four deep escapes a quote with 15 backslashes; a bound keeps matching linear on long backslash runs. */
const BACKSLASHES = '{1,16}';
const BASE64_RUN = /[A-Za-z0-9+/_-]/;
/** Shorter base64 pieces would match unrelated text too easily. */
const MIN_BASE64_CORE = 8;

const utf8 = new TextEncoder();
const cache = new Map<string, { pattern: RegExp; cores: string[] }>();

function hexCaseless(byte: number): string {
  return byte
    .toString(16)
    .padStart(2, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One alternative per way the character can be written; UTF-8 bytes are percent-encoded one by one. */
function charPattern(ch: string): string {
  const bytes = [...utf8.encode(ch)];
  const percent = bytes.map((b) => `%${hexCaseless(b)}`).join('');
  const percentTwice = bytes.map((b) => `%25${hexCaseless(b)}`).join('');
  const code = ch.codePointAt(0)!;
  const options = [escapeRegExp(ch), percent, percentTwice];
  if (code <= 0xffff) options.push(`\\\\${BACKSLASHES}u${code.toString(16).padStart(4, '0').replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`)}`);
  // JSON escapes these with backslashes, doubled at each level of nesting.
  if (ch === '"' || ch === '\\' || ch === '/') options.push(`\\\\${BACKSLASHES}${escapeRegExp(ch)}`);
  if (ch === ' ') options.push('\\+', '%2[Bb]');
  return `(?:${options.join('|')})`;
}

/** The parts of base64(x + secret) that depend on the secret alone, for x of 0, 1 and 2 bytes (both alphabets). */
function base64Cores(secret: string): string[] {
  const bytes = utf8.encode(secret);
  const cores = new Set<string>();
  for (let k = 0; k < 3; k++) {
    const encoded = btoa(String.fromCharCode(...new Uint8Array(k), ...bytes));
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + bytes.length)) / 6); // exclusive: the char holding bits past the end is mixed
    const core = encoded.slice(first, last);
    if (core.length >= MIN_BASE64_CORE) {
      cores.add(core);
      cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...cores];
}

function formsOf(secret: string): { pattern: RegExp; cores: string[] } {
  let forms = cache.get(secret);
  if (!forms) {
    forms = { pattern: new RegExp([...secret].map(charPattern).join(''), 'g'), cores: base64Cores(secret) };
    // Secrets are few (one per profile and the account token); the cap only guards against misuse.
    if (cache.size > 256) cache.clear();
    cache.set(secret, forms);
  }
  return forms;
}

/** Replaces the whole base64 word around each occurrence of a core: the rest of it encodes the secret's neighbours. */
function maskBase64(text: string, core: string): string {
  let out = text;
  let at = out.indexOf(core);
  while (at !== -1) {
    let start = at;
    let end = at + core.length;
    while (start > 0 && BASE64_RUN.test(out[start - 1]!)) start--;
    while (end < out.length && BASE64_RUN.test(out[end]!)) end++;
    while (out[end] === '=') end++;
    out = out.slice(0, start) + MASK + out.slice(end);
    at = out.indexOf(core, start + MASK.length);
  }
  return out;
}

export function maskSecret(text: string, secret: string): string {
  const { pattern, cores } = formsOf(secret);
  let out = text.replace(pattern, MASK);
  for (const core of cores) out = maskBase64(out, core);
  return out;
}

/** Masks every known secret, longest first, so a secret that contains another one is masked as a whole. */
export function maskKnownSecrets(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) out = maskSecret(out, secret);
  return out;
}
