// The simulated ring: n nodes in one DC, one Murmur3 token each, spread evenly, each with its own loopback address
// (127.0.0.1, .2, .3 …) on a shared port. Distinct addresses matter: drivers key hosts by `rpc_address:port`, so
// nodes sharing one address would collapse into one host; and plain-mode drivers dial peers on the same port.
import { randomUUID } from 'node:crypto';
import type { Engine, NodeInfo } from '../engine/api.js';
import { MIN_TOKEN } from '../engine/murmur3.js';
import type { Faults } from '../faults.js';
import { CqlNodeServer } from '../protocol/server.js';

export interface RingOptions {
  nodes: number;
  dataCenter: string;
  clusterName: string;
  engine: Engine;
  astra: boolean;
  refuseKeyspaceDdl?: boolean;
  auth?: { authenticate(username: string, password: string): boolean };
  faults: Faults;
  port: number; // 0 = pick a free one
}

export interface Ring {
  nodes: NodeInfo[];
  servers: CqlNodeServer[];
  port: number;
  byHostId: Map<string, CqlNodeServer>;
  close(): Promise<void>;
}

export function evenTokens(n: number): string[] {
  const step = 2n ** 64n / BigInt(n);
  return Array.from({ length: n }, (_, i) => (MIN_TOKEN + step * BigInt(i)).toString());
}

export function makeNodes(n: number, dataCenter: string): NodeInfo[] {
  const tokens = evenTokens(n);
  return tokens.map((token, i) => ({
    hostId: randomUUID(),
    address: `127.0.0.${i + 1}`,
    port: 0,
    dataCenter,
    rack: `rack${(i % 3) + 1}`,
    tokens: [token],
  }));
}

export async function startRing(opts: RingOptions): Promise<Ring> {
  const nodes = makeNodes(opts.nodes, opts.dataCenter);
  // An ephemeral port free on 127.0.0.1 may be taken on .2/.3: retry a few times with a new one.
  for (let attempt = 0; ; attempt++) {
    const servers = nodes.map(
      (node) =>
        new CqlNodeServer({
          node,
          peers: () => nodes.filter((p) => p !== node),
          clusterName: opts.clusterName,
          engine: opts.engine,
          auth: opts.auth,
          astra: opts.astra,
          refuseKeyspaceDdl: opts.refuseKeyspaceDdl,
          faults: opts.faults,
        }),
    );
    try {
      const port = await servers[0].listen(opts.port, nodes[0].address);
      for (let i = 1; i < servers.length; i++) await servers[i].listen(port, nodes[i].address);
      return {
        nodes,
        servers,
        port,
        byHostId: new Map(servers.map((s, i) => [nodes[i].hostId, s])),
        close: async () => {
          await Promise.all(servers.map((s) => s.close()));
        },
      };
    } catch (e) {
      await Promise.all(servers.map((s) => s.close()));
      if (opts.port !== 0 || attempt >= 4 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
}
