// The results panel for statements run from `.cql` editors: a webview running dist/resultsPanel.js, which mounts
// the notebook's result renderer, so both places show results identically. Messages are typed in
// src/shared/resultsPanelMessages.ts and validated on arrival.

import { webviewPageHead } from '../webviewPage.js';
import * as vscode from 'vscode';
import type { ExtensionResponse, RendererRequest } from '../../shared/messages.js';
import type { RowEditRequest, RowEditResponse } from '../../shared/rowEditMessages.js';
import { isPanelToHost, type HostToPanel, type PanelEntry } from '../../shared/resultsPanelMessages.js';

export type { PanelEntry };

export type RendererRequestHandler = (req: RendererRequest | RowEditRequest) => Promise<ExtensionResponse | RowEditResponse>;

export class ResultsPanel implements vscode.Disposable {
  static readonly viewType = 'astra.cqlResults';
  private panel: vscode.WebviewPanel | undefined;
  private state: Extract<HostToPanel, { type: 'show' }> = { type: 'show', title: '', running: false, entries: [] };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onRequest: RendererRequestHandler,
  ) {}

  /** Replaces the panel's content (creating or revealing the panel). */
  show(title: string, entries: PanelEntry[], running: boolean): void {
    this.state = { type: 'show', title, running, entries };
    if (!this.panel) this.create();
    else if (!this.panel.visible) this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.post(this.state);
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  private post(message: HostToPanel): void {
    void this.panel?.webview.postMessage(message);
  }

  private create(): void {
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(ResultsPanel.viewType, 'CQL Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'astra.svg');
    panel.webview.html = html(panel.webview, vscode.Uri.joinPath(dist, 'resultsPanel.js'), vscode.workspace.isTrusted);
    this.panel = panel;
    // The webview is rebuilt when it becomes visible again (no retainContextWhenHidden): it asks for the content.
    panel.webview.onDidReceiveMessage(async (msg: unknown) => {
      if (!isPanelToHost(msg)) return;
      switch (msg.type) {
        case 'ready':
          this.post(this.state);
          return;
        case 'renderer': {
          let reply: ExtensionResponse | RowEditResponse;
          try {
            reply = await this.onRequest(msg.message);
          } catch (e) {
            reply = { type: 'error', requestId: msg.message.requestId, message: e instanceof Error ? e.message : String(e) };
          }
          this.post({ type: 'renderer', message: reply });
          return;
        }
      }
    });
    panel.onDidDispose(() => (this.panel = undefined));
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function html(webview: vscode.Webview, script: vscode.Uri, trusted: boolean): string {
  const head = webviewPageHead(webview, script);
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head.meta}
<style nonce="${head.nonce}">
  body { padding: 0 12px 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  .title { color: var(--vscode-descriptionForeground); margin: 8px 0; }
  section { margin: 10px 0 16px; }
  .statement { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap;
    color: var(--vscode-textPreformat-foreground); border-left: 2px solid var(--vscode-focusBorder); padding-left: 6px; margin-bottom: 4px; }
  pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; margin: 0; }
  pre.error { color: var(--vscode-errorForeground); }
</style>
</head>
<body data-trusted="${trusted ? 'true' : 'false'}">
<div class="title" id="title"></div>
<div id="results"></div>
${head.script}
</body>
</html>`;
}
