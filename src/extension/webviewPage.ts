// The one place the host's webview panels (the .cql results panel, the document browser) get their page head:
// a fresh nonce and a strict CSP that allows only the extension's own script, nonce'd styles and fonts.

import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

export interface WebviewPageHead {
  nonce: string;
  /** `<meta charset>`, the CSP and the viewport, for the top of `<head>`. */
  meta: string;
  /** The module script tag for `script` (a file of the extension). */
  script: string;
}

export function webviewPageHead(webview: vscode.Webview, script: vscode.Uri): WebviewPageHead {
  const nonce = randomBytes(16).toString('base64');
  const src = webview.cspSource;
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}' ${src}`, `style-src 'nonce-${nonce}' ${src}`, `font-src ${src}`].join('; ');
  return {
    nonce,
    meta: `<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">`,
    script: `<script type="module" nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>`,
  };
}
