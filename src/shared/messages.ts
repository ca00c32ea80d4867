// Messages between the result renderer (notebook output webview) and the extension host.
// Both directions are discriminated unions, validated on arrival and handled with exhaustive switches.

import { isEncodedValue, type EncodedValue } from './valueEncoding.js';

export type ExportFormat = 'csv' | 'json';

export type RendererRequest =
  /** Is the query behind this output still live (can it page / export)? */
  | { type: 'status'; requestId: number; queryId: string }
  | { type: 'loadMore'; requestId: number; queryId: string }
  | { type: 'export'; requestId: number; queryId: string; format: ExportFormat }
  /** Webview clipboard access is not guaranteed, so copies go through the extension. */
  | { type: 'copy'; requestId: number; text: string };

export type ExtensionResponse =
  | { type: 'status'; requestId: number; queryId: string; live: boolean; reason?: string }
  | { type: 'rows'; requestId: number; queryId: string; rows: EncodedValue[][]; hasMore: boolean }
  | { type: 'exported'; requestId: number; queryId: string; rowCount: number; path: string }
  | { type: 'copied'; requestId: number }
  | { type: 'cancelled'; requestId: number }
  | { type: 'error'; requestId: number; message: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const MAX_COPY = 50 * 1024 * 1024;

export function isRendererRequest(x: unknown): x is RendererRequest {
  if (!isObj(x) || typeof x['requestId'] !== 'number') return false;
  switch (x['type']) {
    case 'status':
    case 'loadMore':
      return typeof x['queryId'] === 'string';
    case 'export':
      return typeof x['queryId'] === 'string' && (x['format'] === 'csv' || x['format'] === 'json');
    case 'copy':
      return typeof x['text'] === 'string' && x['text'].length <= MAX_COPY;
    default:
      return false;
  }
}

export function isExtensionResponse(x: unknown): x is ExtensionResponse {
  if (!isObj(x) || typeof x['requestId'] !== 'number') return false;
  switch (x['type']) {
    case 'status':
      return typeof x['queryId'] === 'string' && typeof x['live'] === 'boolean';
    case 'rows':
      return (
        typeof x['queryId'] === 'string' &&
        typeof x['hasMore'] === 'boolean' &&
        Array.isArray(x['rows']) &&
        (x['rows'] as unknown[]).every((r) => Array.isArray(r) && r.every((v) => isEncodedValue(v)))
      );
    case 'exported':
      return typeof x['queryId'] === 'string' && typeof x['rowCount'] === 'number' && typeof x['path'] === 'string';
    case 'copied':
    case 'cancelled':
      return true;
    case 'error':
      return typeof x['message'] === 'string';
    default:
      return false;
  }
}
