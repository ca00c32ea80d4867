// Secrets must never reach the log, an error message or a notification. Everything user-visible that may
// contain driver output or configuration passes through redact() first.

const MASK = '***';

// Astra application tokens: "AstraCS:" + client id + ":" + hex secret. Keep the prefix so a reader can still
// tell a token was involved. URLs carry it percent-encoded ("AstraCS%3A…").
const ASTRA_TOKEN = /AstraCS(?::|%3A)[A-Za-z0-9+/=_.:%-]+/gi;

// key=value / "key": "value" / key: value, for keys that name a secret.
const SECRET_ASSIGNMENT =
  /\b((?:client[_-]?)?secret|password|passwd|pwd|token|keyStorePassword|trustStorePassword|pfxCertPassword)(["']?\s*[:=]\s*["']?)([^\s"',;}&)]+)/gi;

const BEARER = /\b(Bearer\s+)[^\s"',;]+/gi;

// "Basic" is common prose, so only a value that decodes to RFC 7617 "user:password" is taken as credentials.
const BASIC = /\b(Basic\s+)([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi;

function maskBasic(match: string, prefix: string, value: string): string {
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return match;
  }
  return /^[\x20-\x7e]*:[\x20-\x7e]*$/.test(decoded) ? `${prefix}${MASK}` : match;
}

/**
 * Masks Astra tokens (plain or URL-encoded), secret-looking assignments, Bearer/Basic credentials and every literal in `knownSecrets`
 * (client secrets and passwords have no recognisable shape, so callers register them).
 */
export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  // Longest first, so a secret that contains another one is masked as a whole.
  const literals = [...knownSecrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of literals) out = out.split(secret).join(MASK);
  return out
    .replace(ASTRA_TOKEN, `AstraCS:${MASK}`)
    .replace(BEARER, `$1${MASK}`)
    .replace(BASIC, maskBasic)
    .replace(SECRET_ASSIGNMENT, (_m, key: string, sep: string, value: string) =>
      value === MASK || value === `AstraCS:${MASK}` ? `${key}${sep}${value}` : `${key}${sep}${MASK}`,
    );
}

/** Renders a log argument (Error, object, primitive) as text, then redacts it. */
export function redactValue(value: unknown, knownSecrets: Iterable<string> = []): string {
  return redact(describe(value), knownSecrets);
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    const inner = (value as { innerErrors?: unknown }).innerErrors;
    const extra = inner && typeof inner === 'object' ? ` innerErrors=${safeJson(mapErrors(inner))}` : '';
    return `${value.stack ?? `${value.name}: ${value.message}`}${extra}`;
  }
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return safeJson(value);
}

function mapErrors(inner: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(inner)) out[k] = v instanceof Error ? `${v.name}: ${v.message}` : String(v);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
