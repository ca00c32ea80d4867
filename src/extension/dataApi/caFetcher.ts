// The HTTP transport astra-db-ts uses inside the extension host: node:https with an optional extra CA (the sandbox's,
// from ASTRA_DB_VSCODE_DEVOPS_CA). Node's global fetch cannot take a CA without an extra dependency, and
// NODE_EXTRA_CA_CERTS is read only at process start, which an extension cannot control. Keep-alive agents are
// per fetcher and destroyed by `close()` when the client is disposed.

import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Fetcher, FetcherRequestInfo, FetcherResponseInfo } from '@datastax/astra-db-ts';

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class CaFetcher implements Fetcher {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });

  constructor(ca?: string) {
    // `ca` adds to nothing: Node replaces the default store, so the public roots are kept alongside it.
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ...(ca ? { ca: [...tlsRoots(), ca] } : {}) });
  }

  fetch(info: FetcherRequestInfo): Promise<FetcherResponseInfo> {
    return new Promise((resolve, reject) => {
      const url = new URL(info.url);
      const isHttps = url.protocol === 'https:';
      const headers: Record<string, string> = { ...info.headers };
      if (info.body !== undefined) headers['content-length'] = String(Buffer.byteLength(info.body));
      const req = (isHttps ? https : http).request(
        url,
        { method: info.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE_BYTES) req.destroy(new Error(`the Data API response exceeds ${MAX_RESPONSE_BYTES} bytes`));
            else chunks.push(c);
          });
          res.on('end', () => {
            clearTimeout(timer);
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: flat,
              body: Buffer.concat(chunks).toString('utf8'),
              url: info.url,
              httpVersion: 1,
            });
          });
          res.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
          });
        },
      );
      // A disabled timeout arrives as Infinity or 0 (createCollection); setTimeout would treat those as "now".
      const limited = Number.isFinite(info.timeout) && info.timeout > 0;
      const timer = limited ? setTimeout(() => req.destroy(info.mkTimeoutError()), info.timeout) : undefined;
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(info.body);
    });
  }

  async close(): Promise<void> {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }
}

function tlsRoots(): readonly string[] {
  return tls.rootCertificates;
}
