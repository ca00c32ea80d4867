// Statement text as the history keeps it: secrets masked. `CREATE ROLE … WITH PASSWORD = '…'` and `CREATE USER …
// WITH PASSWORD '…'` carry a password in the text itself; tokens and known secrets are masked like everything logged.

import { redact } from '../secrets/redact.js';

const CQL_PASSWORD = /\b((?:HASHED\s+)?PASSWORD\s*(?:=\s*)?)('(?:[^']|'')*'|\$\$[\s\S]*?\$\$)/gi;

export function recordableText(text: string): string {
  return redact(text.replace(CQL_PASSWORD, "$1'***'"));
}
