// The exact Data API command a confirmation shows before a write: the JSON the client sends, with the values as
// the database stores them (exact numbers, `$date`/`$uuid`/`$objectId`). Long documents are cut for the dialog.

import { documentJson } from './documentText.js';

const MAX_SHOWN = 3000;

export function writeCommandText(command: 'insertOne' | 'findOneAndReplace' | 'deleteOne', body: Record<string, unknown>): string {
  const text = documentJson({ [command]: body }, false);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length.toLocaleString('en-US')} characters)` : text;
}

/** Two document values are the same document when their exact JSON is (key order included). */
export function sameValue(a: unknown, b: unknown): boolean {
  return documentJson(a, false) === documentJson(b, false);
}
