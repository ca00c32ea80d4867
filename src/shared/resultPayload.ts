// The result MIME payload written by the controller and read by the renderer (and by saved notebooks, possibly
// years later). Every version ever written stays readable: `normalizeResultPayload` upgrades old ones.

import { isEncodedValue, type EncodedValue } from './valueEncoding.js';

export const RESULT_MIME = 'application/vnd.astra.cql-result+json';
export const RESULT_PAYLOAD_VERSION = 1;

export interface ResultColumn {
  name: string;
  /** CQL type text, e.g. `map<text, frozen<list<int>>>`. */
  type: string;
}

export interface TraceEvent {
  /** Microseconds since the start of the trace session. */
  elapsedUs: number;
  source: string;
  thread?: string;
  activity: string;
}

export interface TraceInfo {
  sessionId: string;
  coordinator?: string;
  request?: string;
  durationUs?: number;
  startedAt?: string;
  events: TraceEvent[];
  /** Set when the trace could not be read (tracing is asynchronous on real clusters). */
  error?: string;
}

export interface PageInfo {
  /** Page size used; null when paging was off. */
  pageSize: number | null;
  pagesFetched: number;
}

export interface ResultPayloadV1 {
  version: 1;
  /** 'rows' for SELECT-like results, 'void' for statements that return no rows (INSERT, DDL, USE…). */
  kind: 'rows' | 'void';
  statement: string;
  columns: ResultColumn[];
  rows: EncodedValue[][];
  pageInfo: PageInfo;
  elapsedMs: number;
  consistency: string;
  coordinator?: string;
  keyspace?: string;
  warnings: string[];
  trace?: TraceInfo;
  hasMore: boolean;
  /** Identifies the live result in the extension ("Load more", export). */
  queryId: string;
  /** EXPAND ON: show rows vertically. */
  expand?: boolean;
  /** IANA time zone the timestamps were formatted in. */
  timeZone?: string;
  /** Short human text for void results ("Keyspace changed to demo", "Schema CREATED TABLE demo.t"). */
  message?: string;
}

export type ResultPayload = ResultPayloadV1;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optString = (x: unknown) => x === undefined || typeof x === 'string';

function isColumn(x: unknown): x is ResultColumn {
  return isObj(x) && typeof x['name'] === 'string' && typeof x['type'] === 'string';
}

function isTrace(x: unknown): x is TraceInfo {
  return (
    isObj(x) &&
    typeof x['sessionId'] === 'string' &&
    Array.isArray(x['events']) &&
    (x['events'] as unknown[]).every(
      (e) => isObj(e) && typeof e['elapsedUs'] === 'number' && typeof e['source'] === 'string' && typeof e['activity'] === 'string',
    )
  );
}

/**
 * Full structural check of a version 1 payload. `deepRows` checks every value (O(cells)); the renderer checks the
 * first rows only for large payloads, since an invalid value deeper down still renders as text.
 */
function isResultPayloadV1(x: unknown, deepRows = true): x is ResultPayloadV1 {
  if (!isObj(x) || x['version'] !== 1) return false;
  if (x['kind'] !== 'rows' && x['kind'] !== 'void') return false;
  if (typeof x['statement'] !== 'string' || typeof x['queryId'] !== 'string') return false;
  if (!Array.isArray(x['columns']) || !(x['columns'] as unknown[]).every(isColumn)) return false;
  const rows = x['rows'];
  if (!Array.isArray(rows)) return false;
  const width = (x['columns'] as unknown[]).length;
  const checked = deepRows ? rows : rows.slice(0, 50);
  if (!checked.every((r) => Array.isArray(r) && r.length === width && r.every((v) => isEncodedValue(v)))) return false;
  const p = x['pageInfo'];
  if (!isObj(p) || !(p['pageSize'] === null || typeof p['pageSize'] === 'number') || typeof p['pagesFetched'] !== 'number') return false;
  if (typeof x['elapsedMs'] !== 'number' || typeof x['consistency'] !== 'string' || typeof x['hasMore'] !== 'boolean') return false;
  if (!Array.isArray(x['warnings']) || !(x['warnings'] as unknown[]).every((w) => typeof w === 'string')) return false;
  if (x['trace'] !== undefined && !isTrace(x['trace'])) return false;
  if (x['expand'] !== undefined && typeof x['expand'] !== 'boolean') return false;
  return optString(x['coordinator']) && optString(x['keyspace']) && optString(x['timeZone']) && optString(x['message']);
}

/** Any payload version this code ever wrote → the current shape; undefined when it is not a payload. */
export function normalizeResultPayload(x: unknown, deepRows = true): ResultPayload | undefined {
  if (isResultPayloadV1(x, deepRows)) return x;
  return undefined;
}

export function isResultPayload(x: unknown): x is ResultPayload {
  return normalizeResultPayload(x) !== undefined;
}
