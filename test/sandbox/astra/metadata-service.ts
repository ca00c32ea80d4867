// Astra's metadata service: `GET /metadata` over mutual TLS, telling drivers which host ids exist and where the
// SNI proxy listens (docs/astra-protocol.md §2). Faults (delay, status, bad JSON) come from the shared Faults object.
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Faults } from '../faults.js';
import { closeHttp, listenOn, sendJson } from '../listen.js';
import type { KeyPairPem } from './certs.js';

export interface MetadataServiceOptions {
  caCert: string;
  server: KeyPairPem;
  /** Evaluated per request so nodes added later (or upstream discovery) show up. */
  contactPoints: () => string[];
  localDc: string;
  sniProxyAddress: () => string;
  faults?: Faults;
}

export class MetadataService {
  private readonly server: https.Server;
  /** Requests served (any status), for tests that check the driver really asked. */
  requests = 0;
  /** Test hook: answer with an empty contact_points list (a database with no reachable node). */
  emptyContactPoints = false;

  constructor(private readonly opts: MetadataServiceOptions) {
    this.server = https.createServer(
      { cert: opts.server.cert, key: opts.server.key, ca: opts.caCert, requestCert: true, rejectUnauthorized: true },
      (req, res) => void this.serve(req, res),
    );
    // Idle keep-alive sockets would otherwise hold close() open.
    this.server.keepAliveTimeout = 1000;
  }

  body(): Record<string, unknown> {
    const dc = this.opts.localDc;
    return {
      version: 1,
      region: dc,
      contact_info: {
        type: 'sni_proxy',
        local_dc: dc,
        contact_points: this.emptyContactPoints ? [] : this.opts.contactPoints(),
        sni_proxy_address: this.opts.sniProxyAddress(),
      },
    };
  }

  private async serve(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    this.requests += 1;
    const faults = this.opts.faults;
    // Defence in depth: rejectUnauthorized already refused unsigned clients during the handshake.
    if (!(req.socket as TLSSocket).authorized) return sendJson(res, 401, { message: 'client certificate required' });
    if (faults?.metadataDelayMs) await new Promise((r) => setTimeout(r, faults.metadataDelayMs));
    if (res.destroyed) return;
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (req.method !== 'GET' || url.pathname !== '/metadata') return sendJson(res, 404, { message: 'not found' });
    if (faults?.metadataStatus && faults.metadataStatus !== 200) {
      return sendJson(res, faults.metadataStatus, { message: 'injected failure' });
    }
    if (faults?.metadataBadJson) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"version":1,"contact_info":{');
    }
    sendJson(res, 200, this.body());
  }

  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return listenOn(this.server, port, host);
  }

  get listening(): boolean {
    return this.server.listening;
  }

  close(): Promise<void> {
    return closeHttp(this.server);
  }
}
