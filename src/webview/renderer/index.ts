// Notebook renderer for `application/vnd.astra.cql-result+json`. Keeps one view per output id and disposes it in
// disposeOutputItem. Payloads of every version ever written are accepted (saved notebooks must still render).

import { normalizeResultPayload } from '../../shared/resultPayload.js';
import { el } from './grid.js';
import { HostChannel } from './hostChannel.js';
import type { ActivationFunction } from './rendererApi.js';
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
      let raw: unknown;
      try {
        raw = item.json();
      } catch {
        raw = undefined;
      }
      const payload = normalizeResultPayload(raw, false);
      if (!payload) {
        const d = el('div', 'astra-error');
        d.textContent = 'This result was written in a format this version of the extension cannot read; the text/plain output next to it still shows it.';
        element.append(d);
        return;
      }
      const view = new ResultView(payload, channel.available ? channel : undefined, ctx.workspace.isTrusted);
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
