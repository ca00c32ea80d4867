// Loaded documents as the rows the browser shows: the `_id` and top-level fields as cell text, the whole document as
// exact JSON, and the similarity score of a vector search kept apart from the document itself.

import type { DocumentRow } from '../../../shared/documentBrowserMessages.js';
import { cellText, documentJson } from './documentText.js';

export function documentRow(doc: Record<string, unknown>, index: number): DocumentRow {
  const { $similarity, ...rest } = doc;
  const row: DocumentRow = {
    index,
    id: cellText(rest._id),
    fields: Object.entries(rest).map(([k, v]) => [k, cellText(v)]),
    json: documentJson(rest),
  };
  if (typeof $similarity === 'number') row.similarity = $similarity;
  return row;
}

/** The document without what the API adds to results (`$similarity`), as it is stored. */
export function storedDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const { $similarity: _, ...rest } = doc;
  return rest;
}
