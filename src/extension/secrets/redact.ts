// Secrets must never reach the log, an error message or a notification. Everything user-visible that may
// contain driver output or configuration passes through redact() first.

import { knownSecrets as rememberedSecrets } from './knownSecrets.js';
import { maskSecretAssignments } from './secretAssignments.js';
import { maskKnownSecrets } from './secretForms.js';

const MASK = '***';

// Astra application tokens: "AstraCS:" + client id + ":" + hex secret. Keep the prefix so a reader can still
// tell a token was involved. URLs carry it percent-encoded, once or more ("AstraCS%3A…", "AstraCS%253A…"), JSON
// may \u-escape the colon.
const ASTRA_TOKEN = /AstraCS(?::|%(?:25){0,4}3A|\\{1,16}u003a)(?:[A-Za-z0-9+/=_.:%-]|\\{1,16}u003a)+/gi;

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
 * Masks every secret read from secret storage (see rememberSecret) and every one in `knownSecrets`, in any encoding
 * (client secrets and passwords have no recognisable shape), then Astra tokens, Bearer/Basic credentials and
 * values of secret-named keys it does not know.
 */
export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  // Known secrets first: a pattern rule masking part of one would leave the rest unrecognisable.
  const out = maskKnownSecrets(text, [...knownSecrets, ...rememberedSecrets()]);
  return maskSecretAssignments(out.replace(ASTRA_TOKEN, `AstraCS:${MASK}`).replace(BEARER, `$1${MASK}`).replace(BASIC, maskBasic));
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
