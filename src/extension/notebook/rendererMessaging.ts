// Messages from the notebook result renderer: validated, then answered like every renderer request.

import * as vscode from 'vscode';
import { isRendererRequest, type ExtensionResponse } from '../../shared/messages.js';
import { isRowEditRequest, type RowEditRequest, type RowEditResponse } from '../../shared/rowEditMessages.js';
import { answerRendererRequest } from '../cql/rendererRequests.js';
import type { CqlSession } from '../cql/session.js';
import type { Logger } from '../logging.js';

export const RENDERER_ID = 'astra-cql-result-renderer';

const NOT_LIVE = 'This result was loaded from a saved notebook (or its session ended), so there is no live query to page or export. Run the cell again.';

export function registerRendererMessaging(
  live: { findLive(queryId: string): CqlSession | undefined },
  log: Logger,
  rowEdits?: { answer(msg: RowEditRequest): Promise<RowEditResponse> },
): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    if (rowEdits && isRowEditRequest(message)) {
      const answer = await rowEdits.answer(message).catch((e: unknown): ExtensionResponse => ({ type: 'error', requestId: message.requestId, message: e instanceof Error ? e.message : String(e) }));
      void messaging.postMessage(answer, editor);
      return;
    }
    if (!isRendererRequest(message)) {
      log.warn('ignored a malformed message from the result renderer');
      return;
    }
    const reply = (r: ExtensionResponse) => void messaging.postMessage(r, editor);
    try {
      reply(await answerRendererRequest(message, (queryId) => live.findLive(queryId), NOT_LIVE));
    } catch (e) {
      reply({ type: 'error', requestId: message.requestId, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
