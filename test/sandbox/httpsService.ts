// The skeleton shared by the sandbox's HTTPS stand-ins (DevOps API, Data API): one server on loopback with the
// sandbox's certificate, a short keep-alive so close() is quick, listen/close, and a request handler whose rejection
// is answered in the stand-in's own error shape instead of leaving the client hanging.
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { KeyPairPem } from './astra/certs.js';
import { closeHttp, listenOn } from './listen.js';

export abstract class HttpsService {
  private readonly server: https.Server;
  private port = 0;

  protected constructor(tls: KeyPairPem) {
    this.server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
      this.serve(req, res).catch((e: unknown) => this.answerFailure(res, e));
    });
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  protected abstract serve(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** Answers a request whose handler threw (a 500 in the API's error shape). */
  protected abstract answerFailure(res: ServerResponse, error: unknown): void;

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.port = await listenOn(this.server, port, host);
    return this.port;
  }

  close(): Promise<void> {
    return closeHttp(this.server);
  }
}
