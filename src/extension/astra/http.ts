// One HTTP(S) request with a total deadline, a size bound and cancellation. node:https rather than fetch because
// tests (and the sandbox) need a custom CA, which fetch cannot take without an extra dependency.

import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Trusted CA(s) in PEM; replaces the default store (tests point this at the sandbox CA). */
  ca?: string | Buffer;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type HttpFailureReason = 'timeout' | 'tooLarge' | 'network' | 'cancelled';

export class HttpFailure extends Error {
  constructor(
    readonly reason: HttpFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new HttpFailure('network', 'the URL is not valid'));
      return;
    }
    const isHttps = url.protocol === 'https:';
    if (!isHttps && url.protocol !== 'http:') {
      reject(new HttpFailure('network', `unsupported protocol ${url.protocol}`));
      return;
    }
    if (req.signal?.aborted) {
      reject(new HttpFailure('cancelled', 'cancelled'));
      return;
    }

    let settled = false;
    const finish = (err: HttpFailure | undefined, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (err) {
        request.destroy();
        reject(err);
      } else resolve(res!);
    };
    const onAbort = () => finish(new HttpFailure('cancelled', 'cancelled'));

    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(req.body));
    }
    const options: https.RequestOptions = { method: req.method, headers };
    if (isHttps && req.ca) options.ca = req.ca;
    const request = (isHttps ? https : http).request(url, options, (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        finish(new HttpFailure('tooLarge', `the response is ${declared} bytes, more than the ${req.maxBytes} allowed`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) finish(new HttpFailure('tooLarge', `the response exceeds the ${req.maxBytes} bytes allowed`));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => finish(new HttpFailure('network', e.message)));
    });
    const timer = setTimeout(
      () => finish(new HttpFailure('timeout', `no complete answer within ${Math.round(req.timeoutMs / 100) / 10} s`)),
      req.timeoutMs,
    );
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (e: NodeJS.ErrnoException) => finish(new HttpFailure('network', e.code ? `${e.code}: ${e.message}` : e.message)));
    request.end(req.body);
  });
}
