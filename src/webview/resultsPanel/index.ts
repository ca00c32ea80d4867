// The `.cql` results panel: a webview that lists each statement with its outcome and mounts the notebook result
// renderer for result sets, with a context whose messages go through this webview, so grid, paging (Load more),
// export and copy behave exactly as in notebooks.

import { RESULT_MIME } from '../../shared/resultPayload.js';
import { isHostToPanel, type HostToPanel, type PanelEntry, type PanelToHost } from '../../shared/resultsPanelMessages.js';
import { activate } from '../renderer/index.js';
import type { OutputItem, RendererApi } from '../renderer/rendererApi.js';

interface WebviewApi {
  postMessage(message: PanelToHost): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const listeners = new Set<(message: unknown) => void>();
const root = document.getElementById('results')!;
const title = document.getElementById('title')!;
let mounted: string[] = [];

function el(tag: string, cls?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function outputItem(e: Extract<PanelEntry, { kind: 'result' }>): OutputItem {
  const json = JSON.stringify(e.payload);
  return {
    id: e.id,
    mime: RESULT_MIME,
    metadata: {},
    json: () => JSON.parse(json) as unknown,
    text: () => json,
    data: () => new TextEncoder().encode(json),
    blob: () => new Blob([json]),
  };
}

function show(api: RendererApi, m: Extract<HostToPanel, { type: 'show' }>): void {
  for (const id of mounted) api.disposeOutputItem?.(id);
  mounted = [];
  root.replaceChildren();
  title.textContent = m.title + (m.running ? ' — running…' : '');
  for (const e of m.entries) {
    const section = el('section');
    section.append(el('div', 'statement', e.statement));
    const body = el('div');
    section.append(body);
    root.append(section);
    if (e.kind === 'result') {
      mounted.push(e.id);
      void api.renderOutputItem(outputItem(e), body, new AbortController().signal);
    } else {
      body.append(el('pre', e.kind === 'error' ? 'error' : 'text', e.text));
    }
  }
}

async function main(): Promise<void> {
  const api = await activate({
    postMessage: (message) => vscode.postMessage({ type: 'renderer', message: message as never }),
    onDidReceiveMessage: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    getState: () => undefined,
    setState: () => {},
    workspace: { isTrusted: document.body.dataset['trusted'] === 'true' },
    settings: { lineLimit: 30, outputScrolling: true },
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const m = event.data;
    if (!isHostToPanel(m)) return;
    switch (m.type) {
      case 'renderer':
        for (const l of listeners) l(m.message);
        return;
      case 'show':
        show(api, m);
        return;
    }
  });
  vscode.postMessage({ type: 'ready' });
}

void main();
