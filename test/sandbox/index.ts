// startSandbox(): the local Astra stand-in. Astra mode puts a bundle + metadata service + SNI proxy + DevOps API in
// front of n simulated nodes (one shared engine); plain mode exposes the same nodes as an ordinary cluster.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, type BundleDefect } from './astra/bundle.js';
import { createPki, type SandboxPki } from './astra/certs.js';
import { organisation } from './astra/databases.js';
import { DevopsApi } from './astra/devops-api.js';
import { MetadataService } from './astra/metadata-service.js';
import { SniProxy, type SniRoute } from './astra/sni-proxy.js';
import { startRing, type Ring } from './astra/topology.js';
import { discoverUpstream, type UpstreamCluster } from './astra/upstream.js';
import { recordingEngine, type RecordingEngine } from './astra/recording-engine.js';
import type { ExecContext, NodeInfo } from './engine/api.js';
import { DataApiServer } from './dataapi/server.js';
import type { DataApiSettings } from './dataapi/reply.js';
import { createEngine } from './engine/index.js';
import type { CassandraVersion } from './engine/version.js';
import { Consistency } from './errors.js';
import { Faults } from './faults.js';
import type { CqlNodeServer } from './protocol/server.js';
import { seedCatalog } from './seed/collection.js';
import { seedDemo } from './seed/demo.js';

export interface SandboxOptions {
  mode?: 'astra' | 'plain';
  nodes?: number; // default 3
  seed?: 'demo' | 'none'; // default 'demo'
  dir?: string; // where the bundle is written (default: a fresh temp dir, removed by stop())
  portBase?: number; // 0/undefined = ephemeral; else metadata = N, SNI = N+1, DevOps = N+2, CQL = N+3, Data API = N+4
  auth?: boolean; // plain mode: require username/password (astra mode always requires the token)
  upstream?: string; // 'host:port' of a real Cassandra to put the Astra front in front of
  upstreamCredentials?: { username: string; password: string }; // for discovering the upstream's host ids
  keyspace?: string; // the database's default keyspace (default 'demo')
  bundleUrlTtlSeconds?: number;
  /** The Cassandra release imitated: '5.0' (default; vector, SAI) or '4.0' (refuses both with 4.0's errors). */
  cassandraVersion?: CassandraVersion;
  /** Refuse keyspace DDL over CQL, as Astra does (astra mode always does); the DevOps API can still create them. */
  refuseKeyspaceDdl?: boolean;
  /** Data API stand-in settings (page size, collection limit, lexical defaults). */
  dataApi?: Partial<DataApiSettings>;
}

export interface SandboxHandle {
  mode: 'astra' | 'plain';
  cassandraVersion: CassandraVersion;
  /** Upstream mode: the real cluster the Astra front forwards to. */
  upstream?: string;
  bundlePath: string;
  token: string;
  clientId: string;
  clientSecret: string;
  /** Plain-mode credentials (astra mode: 'token' / token). */
  username: string;
  password: string;
  cqlPort: number;
  metadataPort: number;
  sniPort: number;
  devopsUrl: string;
  contactPoint: string;
  localDataCenter: string;
  caPath: string;
  dir: string;
  engine: RecordingEngine;
  faults: Faults;
  nodes: NodeInfo[];
  servers: CqlNodeServer[];
  databaseId: string;
  keyspace: string;
  pki: SandboxPki;
  metadata: MetadataService;
  sniProxy: SniProxy;
  devops: DevopsApi;
  /** The Data API endpoint (`https://127.0.0.1:<port>`, trust `caPath`); '' in upstream mode, which has no stand-in. */
  dataApiEndpoint: string;
  dataApi: DataApiServer | undefined;
  /** Runs CQL as an administrator (no Astra guardrails), e.g. to create keyspaces as the DevOps API does. */
  adminQuery(cql: string): ReturnType<RecordingEngine['query']>;
  /** Creates a keyspace as the DevOps API would (on the upstream cluster in upstream mode). */
  createKeyspace(name: string): Promise<void>;
  /** Writes another bundle for this sandbox, optionally broken, and returns its path. */
  writeBundle(path: string, defects?: BundleDefect[]): string;
  bundleBytes(defects?: BundleDefect[]): Buffer;
  stop(): Promise<void>;
}

const DC = 'dc-1';
const REGION = 'us-east1';
const CLUSTER_NAME = 'cndb';
const DB_NAME = 'sandbox-db';
const letters = (n: number) =>
  Array.from(randomBytes(n), (b) => String.fromCharCode(65 + (b % 26) + (b & 32))).join('');

export function generateToken(): string {
  return `AstraCS:${letters(24)}:${randomBytes(32).toString('hex')}`;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const mode = options.mode ?? 'astra';
  const astra = mode === 'astra';
  const keyspace = options.keyspace ?? 'demo';
  const base = options.portBase ?? 0;
  const at = (offset: number) => (base ? base + offset : 0);
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'astra-sandbox-'));
  mkdirSync(dir, { recursive: true });

  const token = generateToken();
  const clientId = letters(24);
  const clientSecret = `${randomBytes(24).toString('base64url')},${randomBytes(24).toString('base64url')}`;
  const username = astra ? 'token' : 'cassandra';
  const password = astra ? token : randomBytes(12).toString('hex');
  const isValidToken = (t: string) => t === token;
  const authenticate = (u: string, p: string) =>
    (u === 'token' && p === token) || (u === clientId && p === clientSecret) || (u === username && p === password);

  const faults = new Faults();
  const core = createEngine({ astra, cassandraVersion: options.cassandraVersion });
  const engine = recordingEngine(core);
  const cassandraVersion = core.version.name;
  // Key generation runs on the thread pool while seeding keeps the main thread busy.
  const pkiReady = createPki();
  const cleanup: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of cleanup.reverse()) await fn();
    cleanup.length = 0;
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    let upstream: UpstreamCluster | undefined;
    let ring: Ring | undefined;
    if (options.upstream) {
      upstream = await discoverUpstream(options.upstream, options.upstreamCredentials);
      const client = upstream.client;
      cleanup.push(() => client.shutdown());
    } else {
      ring = await startRing({
        nodes: options.nodes ?? 3,
        dataCenter: DC,
        clusterName: CLUSTER_NAME,
        engine,
        astra,
        refuseKeyspaceDdl: options.refuseKeyspaceDdl,
        auth: astra || options.auth ? { authenticate } : undefined,
        faults,
        port: at(3),
      });
      const r = ring;
      cleanup.push(() => r.close());
    }
    const nodes = ring?.nodes ?? [];
    const localDataCenter = upstream?.localDc ?? DC;
    const adminCtx = (): ExecContext => ({
      node: nodes[0], peers: nodes.slice(1), clusterName: CLUSTER_NAME, keyspace: null,
      consistency: Consistency.LOCAL_QUORUM, astra: false,
    });
    const adminQuery = (cql: string) => engine.query(cql, null, adminCtx());
    const createKeyspace = async (name: string): Promise<void> => {
      const rf = upstream ? Math.min(3, upstream.nodes.length) : 3;
      const cql = `CREATE KEYSPACE IF NOT EXISTS ${name} WITH replication = {'class': 'NetworkTopologyStrategy', '${localDataCenter}': '${rf}'}`;
      if (upstream) await upstream.client.execute(cql);
      else adminQuery(cql);
    };
    await createKeyspace(keyspace);
    if (ring && options.seed !== 'none') seedDemo(engine, adminCtx(), { vector: core.version.vectorType });

    const pki = await pkiReady;
    const route = (name: string): SniRoute | undefined => {
      if (upstream) {
        const n = upstream.nodes.find((u) => u.hostId === name);
        return n && { host: n.host, port: n.port };
      }
      return ring?.byHostId.get(name);
    };
    const sniProxy = new SniProxy({ caCert: pki.caCert, server: pki.server, route });
    const sniPort = await sniProxy.listen(at(1));
    cleanup.push(() => sniProxy.close());

    const metadata = new MetadataService({
      caCert: pki.caCert,
      server: pki.server,
      contactPoints: () => (upstream ? upstream.nodes.map((n) => n.hostId) : nodes.map((n) => n.hostId)),
      localDc: localDataCenter,
      sniProxyAddress: () => `127.0.0.1:${sniPort}`,
      faults,
    });
    const metadataPort = await metadata.listen(at(0));
    cleanup.push(() => metadata.close());

    const bundleBytes = (defects?: BundleDefect[], metaPort = metadataPort) =>
      buildBundle({
        config: { host: '127.0.0.1', metadataPort: metaPort, cqlPort: sniPort, keyspace, localDC: localDataCenter },
        caCert: pki.caCert,
        client: pki.client,
        defects,
      });
    const writeBundle = (path: string, defects?: BundleDefect[]) => {
      writeFileSync(path, bundleBytes(defects));
      return path;
    };

    const databaseId = randomUUID();
    const userKeyspaces = () => {
      const res = adminQuery('SELECT keyspace_name FROM system_schema.keyspaces');
      if (res.kind !== 'rows') return [];
      return res.rows.map((r) => String(r[0])).filter((k) => !k.startsWith('system') && k !== keyspace).sort();
    };
    const org = organisation({
      id: databaseId, name: DB_NAME, keyspace, dataCenter: localDataCenter, region: REGION,
      additionalKeyspaces: () => (upstream ? [] : userKeyspaces()),
    });
    const devops = new DevopsApi({
      server: pki.server,
      isValidToken,
      databases: org.databases,
      // Other databases get a bundle whose metadata service is unreachable (port 1): they are not running here.
      bundle: (dbId) => (dbId === databaseId ? bundleBytes() : bundleBytes(undefined, 1)),
      createKeyspace: async (dbId, name) => {
        if (dbId === databaseId) return createKeyspace(name);
        const list = org.extraKeyspaces.get(dbId);
        if (list && !list.includes(name)) list.push(name);
      },
      urlTtlSeconds: options.bundleUrlTtlSeconds,
    });
    await devops.listen(at(2));
    cleanup.push(() => devops.close());

    let dataApi: DataApiServer | undefined;
    if (ring) {
      const api = new DataApiServer({
        server: pki.server,
        engine: engine.inner,
        context: adminCtx,
        isValidToken: (t) => isValidToken(t) || cassandraToken(t, authenticate),
        settings: options.dataApi,
      });
      dataApi = api;
      await api.listen(at(4));
      cleanup.push(() => api.close());
      if (options.seed !== 'none' && core.version.vectorType) seedCatalog(api.store, 'demo');
    }

    const bundlePath = writeBundle(join(dir, `secure-connect-${DB_NAME}.zip`));
    const caPath = join(dir, 'sandbox-ca.crt');
    writeFileSync(caPath, pki.caCert);
    const cqlPort = ring?.port ?? 0;

    return {
      mode, cassandraVersion, upstream: options.upstream, bundlePath, token, clientId, clientSecret, username, password, cqlPort, metadataPort, sniPort,
      devopsUrl: devops.url, contactPoint: `127.0.0.1:${cqlPort}`, localDataCenter, caPath, dir, engine, faults,
      nodes, servers: ring?.servers ?? [], databaseId, keyspace, pki, metadata, sniProxy, devops,
      dataApiEndpoint: dataApi?.url ?? '', dataApi,
      adminQuery, createKeyspace, writeBundle, bundleBytes: (d) => bundleBytes(d), stop,
    };
  } catch (e) {
    await pkiReady.catch(() => undefined);
    await stop();
    throw e;
  }
}

/** `Cassandra:<base64 user>:<base64 password>`, the Data API's user/password form of the `Token` header. */
function cassandraToken(token: string, authenticate: (u: string, p: string) => boolean): boolean {
  const m = /^Cassandra:([^:]+):([^:]+)$/.exec(token);
  if (!m) return false;
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  return authenticate(b64(m[1]), b64(m[2]));
}
