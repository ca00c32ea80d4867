// Messages between the `.cql` results panel (a webview) and the extension host. The panel hosts the notebook
// result renderer, so renderer requests and responses travel inside `renderer` envelopes. Both directions are
// discriminated unions, validated on arrival.

import { isExtensionResponse, isRendererRequest, type ExtensionResponse, type RendererRequest } from './messages.js';
import type { ResultPayload } from './resultPayload.js';
import { isRowEditRequest, isRowEditResponse, type RowEditRequest, type RowEditResponse } from './rowEditMessages.js';

/** One statement's outcome as the panel shows it; result payloads are checked by the renderer itself. */
export type PanelEntry =
  | { kind: 'result'; id: string; statement: string; payload: ResultPayload }
  | { kind: 'text'; id: string; statement: string; text: string }
  | { kind: 'error'; id: string; statement: string; text: string };

export type HostToPanel =
  | { type: 'show'; title: string; running: boolean; entries: PanelEntry[] }
  | { type: 'renderer'; message: ExtensionResponse | RowEditResponse };

export type PanelToHost = { type: 'ready' } | { type: 'renderer'; message: RendererRequest | RowEditRequest };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function isPanelEntry(x: unknown): x is PanelEntry {
  if (!isObj(x) || typeof x['id'] !== 'string' || typeof x['statement'] !== 'string') return false;
  switch (x['kind']) {
    case 'result':
      return isObj(x['payload']);
    case 'text':
    case 'error':
      return typeof x['text'] === 'string';
    default:
      return false;
  }
}

export function isHostToPanel(x: unknown): x is HostToPanel {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'show':
      return typeof x['title'] === 'string' && typeof x['running'] === 'boolean' && Array.isArray(x['entries']) && x['entries'].every(isPanelEntry);
    case 'renderer':
      return isExtensionResponse(x['message']) || isRowEditResponse(x['message']);
    default:
      return false;
  }
}

export function isPanelToHost(x: unknown): x is PanelToHost {
  if (!isObj(x)) return false;
  switch (x['type']) {
    case 'ready':
      return true;
    case 'renderer':
      return isRendererRequest(x['message']) || isRowEditRequest(x['message']);
    default:
      return false;
  }
}
