// The results panel for statements run from `.cql` editors. It mounts the notebook's result renderer
// (dist/renderer.js, the same grid, paging and export) in a webview by calling its `activate` with a context that
// forwards messages through the webview, so both places show results identically.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isRendererRequest, type ExtensionResponse, type RendererRequest } from '../../shared/messages.js';
import { RESULT_MIME, type ResultPayload } from '../../shared/resultPayload.js';

export type PanelEntry =
  | { kind: 'result'; id: string; statement: string; payload: ResultPayload }
  | { kind: 'text'; id: string; statement: string; text: string }
  | { kind: 'error'; id: string; statement: string; text: string };

/** Host → webview. */
type ToPanel = { type: 'show'; title: string; running: boolean; entries: PanelEntry[] } | { type: 'renderer'; message: ExtensionResponse };

/** Webview → host, validated on arrival. */
type FromPanel = { type: 'ready' } | { type: 'renderer'; message: RendererRequest };

function isFromPanel(x: unknown): x is FromPanel {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return m['type'] === 'ready' || (m['type'] === 'renderer' && isRendererRequest(m['message']));
}

export type RendererRequestHandler = (req: RendererRequest) => Promise<ExtensionResponse>;

export class ResultsPanel implements vscode.Disposable {
  static readonly viewType = 'astra.cqlResults';
  private panel: vscode.WebviewPanel | undefined;
  private state: Extract<ToPanel, { type: 'show' }> = { type: 'show', title: '', running: false, entries: [] };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onRequest: RendererRequestHandler,
  ) {}

  /** Replaces the panel's content (creating or revealing the panel). */
  show(title: string, entries: PanelEntry[], running: boolean): void {
    this.state = { type: 'show', title, running, entries };
    if (!this.panel) this.create();
    else if (!this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
    void this.panel!.webview.postMessage(this.state);
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  private create(): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(ResultsPanel.viewType, 'CQL Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'astra.svg');
    panel.webview.html = html(panel.webview, vscode.Uri.joinPath(dist, 'renderer.js'), vscode.workspace.isTrusted);
    // The webview is rebuilt when it becomes visible again (no retainContextWhenHidden): it asks for the content.
    panel.webview.onDidReceiveMessage(async (msg: unknown) => {
      if (!isFromPanel(msg)) return;
      switch (msg.type) {
        case 'ready':
          void panel.webview.postMessage(this.state);
          return;
        case 'renderer': {
          let reply: ExtensionResponse;
          try {
            reply = await this.onRequest(msg.message);
          } catch (e) {
            reply = { type: 'error', requestId: msg.message.requestId, message: e instanceof Error ? e.message : String(e) };
          }
          const out: ToPanel = { type: 'renderer', message: reply };
          void panel.webview.postMessage(out);
          return;
        }
      }
    });
    panel.onDidDispose(() => (this.panel = undefined));
    this.panel = panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function html(webview: vscode.Webview, renderer: vscode.Uri, trusted: boolean): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}' ${webview.cspSource}`, `style-src 'nonce-${nonce}' ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  const rendererUrl = JSON.stringify(webview.asWebviewUri(renderer).toString());
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { padding: 0 12px 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  .title { color: var(--vscode-descriptionForeground); margin: 8px 0; }
  section { margin: 10px 0 16px; }
  .statement { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap;
    color: var(--vscode-textPreformat-foreground); border-left: 2px solid var(--vscode-focusBorder); padding-left: 6px; margin-bottom: 4px; }
  pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; margin: 0; }
  pre.error { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<div class="title" id="title"></div>
<div id="results"></div>
<script type="module" nonce="${nonce}">
  import { activate } from ${rendererUrl};
  const vscode = acquireVsCodeApi();
  const listeners = new Set();
  const api = await activate({
    postMessage: (message) => vscode.postMessage({ type: 'renderer', message }),
    onDidReceiveMessage: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    getState: () => undefined,
    setState: () => {},
    workspace: { isTrusted: ${trusted ? 'true' : 'false'} },
    settings: { lineLimit: 30, outputScrolling: true },
  });
  const root = document.getElementById('results');
  const title = document.getElementById('title');
  let mounted = [];
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  function show(m) {
    for (const id of mounted) api.disposeOutputItem?.(id);
    mounted = [];
    root.replaceChildren();
    title.textContent = m.title + (m.running ? ' — running…' : '');
    for (const e of m.entries) {
      if (!e || typeof e.id !== 'string') continue;
      const section = el('section');
      section.append(el('div', 'statement', String(e.statement)));
      const body = el('div');
      section.append(body);
      root.append(section);
      if (e.kind === 'result') {
        const json = JSON.stringify(e.payload);
        mounted.push(e.id);
        api.renderOutputItem({ id: e.id, mime: ${JSON.stringify(RESULT_MIME)}, metadata: {}, json: () => JSON.parse(json), text: () => json,
          data: () => new TextEncoder().encode(json), blob: () => new Blob([json]) }, body, new AbortController().signal);
      } else {
        body.append(el('pre', e.kind === 'error' ? 'error' : 'text', String(e.text)));
      }
    }
  }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'renderer') for (const l of listeners) l(m.message);
    else if (m.type === 'show' && Array.isArray(m.entries)) show(m);
  });
  vscode.postMessage({ type: 'ready' });
</script>
</body>
</html>`;
}
