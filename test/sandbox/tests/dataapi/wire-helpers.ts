// Raw HTTPS calls to the Data API stand-in, so tests see the exact wire (status code, envelope, error items).
import https from 'node:https';
import type { SandboxHandle } from '../../index.js';

export interface WireReply {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export function post(sb: SandboxHandle, path: string, body: unknown, headers: Record<string, string> | null = { token: sb.token }): Promise<WireReply> {
  return new Promise((resolve, reject) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const req = https.request(
      new URL(path, sb.dataApiEndpoint),
      { method: 'POST', ca: sb.pki.caCert, headers: { 'content-type': 'application/json', ...(headers ?? {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A command against `/api/json/v1/<ks>[/<collection>]`, answering the parsed envelope (HTTP 200 asserted by callers). */
export const command = (sb: SandboxHandle, ks: string, collection: string | undefined, cmd: string, args: unknown) =>
  post(sb, `/api/json/v1/${ks}${collection ? `/${collection}` : ''}`, { [cmd]: args });

/** Big-endian float32 base64, as astra-db-ts sends `$vector`. */
export function binaryVector(v: number[]): { $binary: string } {
  const b = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => b.writeFloatBE(x, i * 4));
  return { $binary: b.toString('base64') };
}
