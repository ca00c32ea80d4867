// Astra's SNI proxy: a TLS endpoint that demands a CA-signed client certificate, reads the SNI server name (a
// node's host id) and hands the decrypted CQL stream to that node, either in-process (CqlNodeServer.handle) or
// through the Astra relay to a TCP address (upstream mode: another server, made to look like Astra).
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { listenOn } from '../listen.js';
import { relayAsAstra } from './astra-relay.js';
import type { KeyPairPem } from './certs.js';

export type SniRoute = { handle(socket: Duplex): void } | { host: string; port: number };

export interface SniProxyOptions {
  caCert: string;
  server: KeyPairPem;
  /** The route for a server name (lower-cased host id), or undefined to close the connection. */
  route: (serverName: string) => SniRoute | undefined;
}

export class SniProxy {
  private readonly server: tls.Server;
  private readonly sockets = new Set<Duplex>();
  /** Connections refused because the SNI named no known node (or was absent). */
  unknownSni = 0;
  accepted = 0;
  /** Upstream mode: prepared statement texts by id, shared by every relayed connection. */
  private readonly prepared = new Map<string, string>();

  constructor(private readonly opts: SniProxyOptions) {
    this.server = tls.createServer(
      { cert: opts.server.cert, key: opts.server.key, ca: opts.caCert, requestCert: true, rejectUnauthorized: true },
      (socket) => this.accept(socket),
    );
    // Handshake failures (wrong CA, no client cert) are the client's problem; keep the proxy alive.
    this.server.on('tlsClientError', () => {});
  }

  private track(s: Duplex): void {
    this.sockets.add(s);
    s.once('close', () => this.sockets.delete(s));
  }

  private accept(socket: tls.TLSSocket): void {
    this.track(socket);
    socket.on('error', () => socket.destroy());
    const name = typeof socket.servername === 'string' ? socket.servername.toLowerCase() : '';
    const route = name ? this.opts.route(name) : undefined;
    if (!route) {
      this.unknownSni += 1;
      socket.destroy();
      return;
    }
    this.accepted += 1;
    socket.setNoDelay(true);
    if ('handle' in route) {
      route.handle(socket);
      return;
    }
    const upstream = net.connect(route.port, route.host);
    this.track(upstream);
    upstream.setNoDelay(true);
    relayAsAstra(socket, upstream, this.prepared);
  }

  listen(port = 0, host = '127.0.0.1'): Promise<number> {
    return listenOn(this.server, port, host);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const s of this.sockets) s.destroy();
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }
}
