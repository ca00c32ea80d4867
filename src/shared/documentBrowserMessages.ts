// Messages between the collection document browser (a webview) and the extension host. Documents travel as text the
// host has already made exact (numbers with every digit, `$date`/`$uuid`/`$objectId` forms): the webview never
// parses database values, it only shows them. Both directions are discriminated unions, validated on arrival.

export type SearchMode = 'filter' | 'vector' | 'vectorize';

/** The query form as typed (the host parses and validates the JSON). */
export interface QueryForm {
  mode: SearchMode;
  filter: string;
  projection: string;
  sort: string;
  limit: string;
  /** Pasted vector (mode `vector`) or text to embed (mode `vectorize`). */
  search: string;
}

export interface CollectionFacts {
  keyspace: string;
  name: string;
  database: string;
  vectorDimension?: number;
  metric?: string;
  vectorize?: string;
}

export interface DocumentRow {
  /** Position in the host's loaded list: how the webview names a document back (edit, delete, find similar). */
  index: number;
  id: string;
  /** Top-level fields in document order, each as the cell text. */
  fields: [string, string][];
  /** The whole document as exact, pretty JSON. */
  json: string;
  similarity?: number;
}

export type HostToBrowser =
  | { type: 'init'; collection: CollectionFacts; form: QueryForm }
  | { type: 'rows'; queryId: number; append: boolean; rows: DocumentRow[]; more: boolean; note?: string }
  | { type: 'error'; queryId: number; message: string }
  | { type: 'form'; form: QueryForm };

export type BrowserToHost =
  | { type: 'ready' }
  | { type: 'query'; queryId: number; form: QueryForm }
  | { type: 'more'; queryId: number }
  | { type: 'similar'; queryId: number; index: number }
  | { type: 'edit'; index: number }
  | { type: 'delete'; index: number }
  | { type: 'insert' };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const MAX_TEXT = 1_000_000;
const isText = (x: unknown): x is string => typeof x === 'string' && x.length <= MAX_TEXT;

export function isQueryForm(x: unknown): x is QueryForm {
  return (
    isObj(x) &&
    (x['mode'] === 'filter' || x['mode'] === 'vector' || x['mode'] === 'vectorize') &&
    ['filter', 'projection', 'sort', 'limit', 'search'].every((k) => isText(x[k]))
  );
}

function isRow(x: unknown): x is DocumentRow {
  return (
    isObj(x) && isIndex(x['index']) && typeof x['id'] === 'string' && typeof x['json'] === 'string' &&
    Array.isArray(x['fields']) && x['fields'].every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string') &&
    (x['similarity'] === undefined || typeof x['similarity'] === 'number')
  );
}

function isFacts(x: unknown): x is CollectionFacts {
  return isObj(x) && typeof x['keyspace'] === 'string' && typeof x['name'] === 'string' && typeof x['database'] === 'string';
}

export function isHostToBrowser(x: unknown): x is HostToBrowser {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'init':
      return isFacts(x['collection']) && isQueryForm(x['form']);
    case 'rows':
      return isIndex(x['queryId']) && typeof x['append'] === 'boolean' && typeof x['more'] === 'boolean' && Array.isArray(x['rows']) && x['rows'].every(isRow);
    case 'error':
      return isIndex(x['queryId']) && typeof x['message'] === 'string';
    case 'form':
      return isQueryForm(x['form']);
    default:
      return false;
  }
}

export function isBrowserToHost(x: unknown): x is BrowserToHost {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'ready':
    case 'insert':
      return true;
    case 'query':
      return isIndex(x['queryId']) && isQueryForm(x['form']);
    case 'more':
      return isIndex(x['queryId']);
    case 'similar':
      return isIndex(x['queryId']) && isIndex(x['index']);
    case 'edit':
    case 'delete':
      return isIndex(x['index']);
    default:
      return false;
  }
}

export const EMPTY_FORM: QueryForm = { mode: 'filter', filter: '', projection: '', sort: '', limit: '', search: '' };
