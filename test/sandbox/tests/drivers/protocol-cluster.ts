// Starts one or two CqlNodeServers over a shared engine for the protocol tests. Two nodes listen on the same port
// at 127.0.0.1 and 127.0.0.2, since system.peers (v4) carries an address but no port.

import { randomUUID } from 'node:crypto';
import cassandra from 'cassandra-driver';
import type { Engine, ExecContext, NodeInfo } from '../../engine/api.js';
import { adminContext, createEngine } from '../../engine/index.js';
import { Faults } from '../../faults.js';
import { CqlNodeServer } from '../../protocol/server.js';

export interface TestCluster {
  servers: CqlNodeServer[];
  nodes: NodeInfo[];
  faults: Faults;
  port: number;
  close(): Promise<void>;
  client(extra?: Partial<cassandra.ClientOptions>): cassandra.Client;
}

export async function startCluster(
  engine: Engine,
  opts: { nodes?: 1 | 2; auth?: boolean; astra?: boolean } = {},
): Promise<TestCluster> {
  const faults = new Faults();
  const count = opts.nodes ?? 1;
  const nodes: NodeInfo[] = Array.from({ length: count }, (_, i) => ({
    hostId: randomUUID(),
    address: `127.0.0.${i + 1}`,
    port: 0,
    dataCenter: 'dc1',
    rack: 'rack1',
    tokens: [String(-9e18 + i * 9e18)],
  }));
  const auth = opts.auth ? { authenticate: (u: string, p: string) => u === 'token' && p === 'AstraCS:good' } : undefined;
  const servers = nodes.map(
    (node) => new CqlNodeServer({ node, peers: () => nodes, clusterName: 'Test Cluster', engine, auth, astra: !!opts.astra, faults }),
  );
  const port = await servers[0].listen(0, nodes[0].address);
  for (let i = 1; i < count; i++) await servers[i].listen(port, nodes[i].address);
  const clients: cassandra.Client[] = [];
  return {
    servers,
    nodes,
    faults,
    port,
    client(extra = {}) {
      const c = new cassandra.Client({
        contactPoints: [`127.0.0.1:${port}`],
        localDataCenter: 'dc1',
        protocolOptions: { port },
        socketOptions: { connectTimeout: 2000, readTimeout: 4000 },
        pooling: { heartBeatInterval: 0 },
        ...extra,
      });
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.shutdown().catch(() => undefined)));
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

/** The real engine with keyspace `ks` and table `ks.t (k int PRIMARY KEY, v text)`, created out of band. */
export function seededEngine(astra = false): Engine {
  const engine = createEngine({ astra });
  const ctx = adminContext();
  engine.query("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", null, ctx);
  engine.query('CREATE TABLE ks.t (k int PRIMARY KEY, v text)', null, ctx);
  return engine;
}

/** Observes an engine the way the tests need: PREPARE count, the last query context, a one-shot thrown error. */
export class EngineSpy {
  prepareCalls = 0;
  lastCtx?: ExecContext;
  throwNext?: Error;

  private readonly rawQuery: Engine['query'];

  constructor(readonly engine: Engine) {
    const { prepare, query } = engine;
    this.rawQuery = query.bind(engine);
    engine.prepare = (cql, ctx) => {
      this.prepareCalls++;
      return prepare.call(engine, cql, ctx);
    };
    engine.query = (cql, values, ctx) => {
      this.lastCtx = ctx;
      const err = this.throwNext;
      this.throwNext = undefined;
      if (err) throw err;
      return query.call(engine, cql, values, ctx);
    };
  }

  /** Runs CQL as the DevOps API would: outside any client connection. */
  admin(cql: string) {
    return this.rawQuery(cql, null, adminContext());
  }
}
