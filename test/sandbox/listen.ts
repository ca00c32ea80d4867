// Listening and closing for the sandbox's servers (CQL nodes, SNI proxy, metadata service, DevOps API).
import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** Binds `server` and resolves with the bound port (useful with port 0); rejects if binding fails. */
export function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops an HTTP(S) server, dropping idle keep-alive connections that would otherwise hold close() open. */
export function closeHttp(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
