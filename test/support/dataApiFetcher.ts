// An astra-db-ts `Fetcher` over node:https that trusts one extra CA (the sandbox's), so the unmodified client can
// talk to the Data API stand-in without NODE_EXTRA_CA_CERTS (which Node reads only at process start).
import https from 'node:https';
import type { Fetcher, FetcherRequestInfo, FetcherResponseInfo } from '@datastax/astra-db-ts';

export function caFetcher(ca: string | Buffer): Fetcher {
  const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 16 });
  return {
    fetch: (info: FetcherRequestInfo) =>
      new Promise<FetcherResponseInfo>((resolve, reject) => {
        const req = https.request(info.url, { method: info.method, headers: info.headers, agent, timeout: info.timeout }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({
              url: info.url,
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              httpVersion: 1,
              headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(info.mkTimeoutError()));
        req.on('error', reject);
        req.end(info.body);
      }),
    close: async () => agent.destroy(),
  };
}
