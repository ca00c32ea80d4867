// The secrets this process has read from secret storage (tokens, client secrets, passwords). Kept in one place so
// every redact() call masks them, including calls far from the code that read them (API errors, notifications):
// a secret that is missed in one path only is still a leaked secret.

const secrets = new Set<string>();

/** Remembers a secret for every later redact(); too-short values are ignored (masking "ab" shreds every message). */
export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

export function knownSecrets(): ReadonlySet<string> {
  return secrets;
}
