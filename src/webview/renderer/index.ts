// Notebook renderer for `application/vnd.astra.cql-result+json`. Keeps one view per output id and disposes it in
// disposeOutputItem. Payloads of every version ever written are accepted (saved notebooks must still render).

import { readStagedPayload, type StagedPayload } from '../../shared/payloadText.js';
import { normalizeResultPayload } from '../../shared/resultPayload.js';
import { el } from './grid.js';
import { HostChannel } from './hostChannel.js';
import type { ActivationFunction, OutputItem } from './rendererApi.js';
import { ResultView } from './resultView.js';
import { installStyles } from './styles.js';

export const activate: ActivationFunction = (ctx) => {
  const channel = new HostChannel(ctx);
  const views = new Map<string, ResultView>();
  return {
    renderOutputItem(item, element) {
      installStyles(element.ownerDocument);
      views.get(item.id)?.dispose();
      views.delete(item.id);
      element.replaceChildren();
      const { raw, staged } = readItem(item);
      const payload = normalizeResultPayload(raw, false);
      if (!payload) {
        const d = el('div', 'astra-error');
        d.textContent = 'This result was written in a format this version of the extension cannot read; the text/plain output next to it still shows it.';
        element.append(d);
        return;
      }
      const rest = staged && staged.total > payload.rows.length ? { total: staged.total, next: staged.next } : undefined;
      const view = new ResultView(payload, channel.available ? channel : undefined, ctx.workspace.isTrusted, rest);
      views.set(item.id, view);
      element.append(view.root);
      void view.checkLive();
    },
    disposeOutputItem(id) {
      if (id === undefined) {
        for (const v of views.values()) v.dispose();
        views.clear();
        return;
      }
      views.get(id)?.dispose();
      views.delete(id);
    },
  };
};

/** Rows parsed before the first paint; the rest is parsed after it, a slice at a time. */
const FIRST_ROWS = 200;

/** The payload, staged when the output was written row per line (new outputs), else parsed whole. */
function readItem(item: OutputItem): { raw: unknown; staged?: StagedPayload } {
  try {
    const rowCount = (item.metadata as { rowCount?: number } | undefined)?.rowCount;
    const staged = typeof item.data === 'function' ? readStagedPayload(item.data(), FIRST_ROWS, rowCount) : undefined;
    if (staged) return { raw: staged.head, staged };
  } catch {
    // Not the row-per-line layout after all: read it as plain JSON below.
  }
  try {
    return { raw: item.json() };
  } catch {
    return { raw: undefined };
  }
}
