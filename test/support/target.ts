// Where integration tests run: the local sandbox by default, or a real cluster named by env vars, so one suite
// can be pointed at real Astra / Cassandra without edits.
//   CQL_TEST_BUNDLE + CQL_TEST_TOKEN (+ CQL_TEST_KEYSPACE, required: Astra keyspaces come from the DevOps API)
//   CQL_TEST_CONTACT_POINTS (comma list) [+ CQL_TEST_LOCAL_DC, CQL_TEST_USERNAME, CQL_TEST_PASSWORD, CQL_TEST_KEYSPACE]
import { randomBytes } from 'node:crypto';
import type { ClientOptions } from 'cassandra-driver';
import type { SandboxHandle, SandboxOptions } from '../sandbox/index.js';

export type TargetKind = 'sandbox' | 'astra' | 'cluster';

export interface TestTarget {
  kind: TargetKind;
  bundlePath?: string;
  token?: string;
  contactPoints?: string[];
  localDataCenter?: string;
  credentials?: { username: string; password: string };
  /** Only for kind 'sandbox': the running sandbox (faults, engine, DevOps URL…). */
  sandbox?: SandboxHandle;
  /** A keyspace the test may create tables in (fresh per target, except on real Astra). */
  keyspace: string;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** Sandbox only. 'demo' (default) loads demo/shop data; 'none' starts empty (faster). */
  seed?: 'demo' | 'none';
  /** Sandbox only. 'astra' (default): bundle + token; 'plain': contact points. */
  mode?: 'astra' | 'plain';
  /** Sandbox only, plain mode: require username/password. */
  auth?: boolean;
  nodes?: number;
}

export const isRealTarget = (): boolean => !!(process.env.CQL_TEST_BUNDLE || process.env.CQL_TEST_CONTACT_POINTS);

const freshKeyspaceName = () => `test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

export async function testTarget(opts: TargetOptions = {}): Promise<TestTarget> {
  const env = process.env;
  if (env.CQL_TEST_BUNDLE) {
    if (!env.CQL_TEST_TOKEN) throw new Error('CQL_TEST_BUNDLE needs CQL_TEST_TOKEN');
    if (!env.CQL_TEST_KEYSPACE) throw new Error('CQL_TEST_BUNDLE needs CQL_TEST_KEYSPACE (an existing Astra keyspace)');
    return {
      kind: 'astra',
      bundlePath: env.CQL_TEST_BUNDLE,
      token: env.CQL_TEST_TOKEN,
      keyspace: env.CQL_TEST_KEYSPACE,
      stop: async () => {},
    };
  }
  if (env.CQL_TEST_CONTACT_POINTS) {
    const target: TestTarget = {
      kind: 'cluster',
      contactPoints: env.CQL_TEST_CONTACT_POINTS.split(',').map((s) => s.trim()).filter(Boolean),
      localDataCenter: env.CQL_TEST_LOCAL_DC || 'datacenter1',
      credentials: env.CQL_TEST_USERNAME
        ? { username: env.CQL_TEST_USERNAME, password: env.CQL_TEST_PASSWORD ?? '' }
        : undefined,
      keyspace: env.CQL_TEST_KEYSPACE || freshKeyspaceName(),
      stop: async () => {},
    };
    if (!env.CQL_TEST_KEYSPACE) {
      await clusterCql(target, `CREATE KEYSPACE IF NOT EXISTS ${target.keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
      target.stop = () => clusterCql(target, `DROP KEYSPACE IF EXISTS ${target.keyspace}`);
    }
    return target;
  }
  return sandboxTarget(opts);
}

async function sandboxTarget(opts: TargetOptions): Promise<TestTarget> {
  // Loaded lazily so a run against a real cluster never touches the sandbox code.
  const { startSandbox } = await import('../sandbox/index.js');
  const mode = opts.mode ?? 'astra';
  const sbOpts: SandboxOptions = { mode, seed: opts.seed ?? 'demo', auth: opts.auth, nodes: opts.nodes };
  const sb = await startSandbox(sbOpts);
  const keyspace = freshKeyspaceName();
  await sb.createKeyspace(keyspace);
  const astra = mode === 'astra';
  return {
    kind: 'sandbox',
    bundlePath: astra ? sb.bundlePath : undefined,
    token: astra ? sb.token : undefined,
    contactPoints: astra ? undefined : [sb.contactPoint],
    localDataCenter: astra ? undefined : sb.localDataCenter,
    credentials: !astra && opts.auth ? { username: sb.username, password: sb.password } : undefined,
    sandbox: sb,
    keyspace,
    stop: () => sb.stop(),
  };
}

/** cassandra-driver options for the target; `extra` is merged on top (shallowly, nested objects one level). */
export function nodeClientOptions(target: TestTarget, extra: Partial<ClientOptions> = {}): ClientOptions {
  const base: ClientOptions = {};
  if (target.bundlePath) {
    base.cloud = { secureConnectBundle: target.bundlePath };
    base.credentials = { username: 'token', password: target.token ?? '' };
  } else {
    base.contactPoints = target.contactPoints;
    base.localDataCenter = target.localDataCenter;
    if (target.credentials) base.credentials = target.credentials;
    const port = portOf(target.contactPoints?.[0]);
    // Peers are reached on protocolOptions.port, so it must match the contact point's port.
    if (port) base.protocolOptions = { port };
  }
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const prev = merged[k];
    merged[k] = isPlainObject(prev) && isPlainObject(v) ? { ...prev, ...v } : v;
  }
  return merged as ClientOptions;
}

function portOf(contactPoint: string | undefined): number | undefined {
  const m = contactPoint?.match(/:(\d+)$/);
  return m ? Number(m[1]) : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

async function clusterCql(target: TestTarget, cql: string): Promise<void> {
  const { Client } = await import('cassandra-driver');
  const client = new Client(nodeClientOptions(target));
  try {
    await client.connect();
    await client.execute(cql);
  } finally {
    await client.shutdown();
  }
}
