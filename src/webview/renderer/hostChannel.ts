// Request/response over the renderer messaging channel, validated with the shared guards.

import { isExtensionResponse, type ExtensionResponse, type RendererRequest } from '../../shared/messages.js';
import { isRowEditResponse, type RowEditRequest, type RowEditResponse } from '../../shared/rowEditMessages.js';
import type { Disposable, RendererContext } from './rendererApi.js';

type Response = ExtensionResponse | RowEditResponse;
type Pending = (r: Response) => void;
type WithoutId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

export class HostChannel {
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sub: Disposable | undefined;

  constructor(private readonly ctx: RendererContext<unknown>) {
    this.sub = ctx.onDidReceiveMessage?.((msg) => {
      if (!isExtensionResponse(msg) && !isRowEditResponse(msg)) return;
      const resolve = this.pending.get(msg.requestId);
      if (resolve) {
        this.pending.delete(msg.requestId);
        resolve(msg);
      }
    });
  }

  /** False when VS Code gives this output no channel to the extension (e.g. the extension is not running). */
  get available(): boolean {
    return typeof this.ctx.postMessage === 'function' && this.sub !== undefined;
  }

  request(req: WithoutId<RendererRequest>, timeoutMs?: number): Promise<ExtensionResponse>;
  request(req: WithoutId<RowEditRequest>, timeoutMs?: number): Promise<Response>;
  request(req: WithoutId<RendererRequest | RowEditRequest>, timeoutMs = 0): Promise<Response> {
    const requestId = this.next++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      if (timeoutMs > 0) {
        setTimeout(() => {
          if (this.pending.delete(requestId)) resolve({ type: 'error', requestId, message: 'The extension did not answer.' });
        }, timeoutMs);
      }
      this.ctx.postMessage!({ ...req, requestId });
    });
  }

  dispose(): void {
    this.sub?.dispose();
    this.pending.clear();
  }
}
