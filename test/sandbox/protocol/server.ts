// One simulated Cassandra node speaking native protocol v4 (and v3) on a loopback port, or on sockets handed over
// by the SNI proxy. All nodes of a sandbox share one Engine; each node relays its schema changes to the
// connections that REGISTERed for them.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Engine, NodeInfo } from '../engine/api.js';
import type { Faults } from '../faults.js';
import { listenOn } from '../listen.js';
import { CqlConnection, type ConnectionHost } from './connection.js';

export interface CqlNodeServerOptions {
  node: NodeInfo; // port may be 0 until listen(); listen() fills it in
  peers: () => NodeInfo[];
  clusterName: string;
  engine: Engine;
  auth?: { authenticate(username: string, password: string): boolean }; // undefined: READY right after STARTUP
  astra: boolean; // SUPPORTED advertises PRODUCT_TYPE=DATASTAX_APOLLO; ExecContext.astra
  refuseKeyspaceDdl?: boolean; // ExecContext.refuseKeyspaceDdl
  faults?: Faults;
}

export class CqlNodeServer {
  private readonly host: ConnectionHost;
  private readonly open = new Set<CqlConnection>();
  private server?: net.Server;
  private readonly unsubscribe: () => void;
  private readonly onNodeDown = (hostId: string) => {
    if (hostId === this.host.node.hostId) for (const c of [...this.open]) c.destroy();
  };

  constructor(opts: CqlNodeServerOptions) {
    this.host = { ...opts, preparedQueries: new Map() };
    this.unsubscribe = opts.engine.onSchemaChange((change) => {
      for (const c of this.open) c.pushSchemaChange(change);
    });
    opts.faults?.on('nodeDown', this.onNodeDown);
  }

  get node(): NodeInfo {
    return this.host.node;
  }

  /** Open client connections. */
  get connections(): number {
    return this.open.size;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    const server = net.createServer((socket) => {
      socket.setNoDelay(true);
      this.handle(socket);
    });
    const bound = await listenOn(server, port, host);
    this.host.node.port = bound;
    this.server = server;
    return bound;
  }

  /** Serves an already-open stream (e.g. a TLS socket the SNI proxy decrypted). */
  handle(socket: Duplex): void {
    if (this.host.faults?.nodeDown.has(this.host.node.hostId)) {
      socket.destroy();
      return;
    }
    const conn = new CqlConnection(socket, this.host, (c) => this.open.delete(c));
    this.open.add(conn);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.host.faults?.off('nodeDown', this.onNodeDown);
    for (const c of [...this.open]) c.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
