// Where integration tests run: the local sandbox by default, or a real cluster named by env vars, so one suite
// can be pointed at real Astra / Cassandra without edits.
//   CQL_TEST_BUNDLE + CQL_TEST_TOKEN (+ CQL_TEST_KEYSPACE, required: Astra keyspaces come from the DevOps API)
//   CQL_TEST_CONTACT_POINTS (comma list) [+ CQL_TEST_LOCAL_DC, CQL_TEST_USERNAME, CQL_TEST_PASSWORD, CQL_TEST_KEYSPACE]
//   CQL_TEST_CASSANDRA_VERSION=4.0|5.0 picks the release the sandbox imitates (default 5.0).
//   Data API tests (dataApiTarget.ts): CQL_TEST_ASTRA_TOKEN + CQL_TEST_DATA_API_ENDPOINT [+ CQL_TEST_DATA_API_KEYSPACE].
// With CQL_TEST_KEYSPACE the keyspace is shared (as on Astra, where CQL cannot create keyspaces): tests name what
// they create with target.name(), unique per run, and stop() drops every object so named.
import { randomBytes } from 'node:crypto';
import type { ClientOptions } from 'cassandra-driver';
import type { SandboxHandle, SandboxOptions } from '../sandbox/index.js';
import { dropObjectsNamed } from './keyspaceObjects.js';

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
  /** A keyspace the test may create tables in (fresh per target, unless CQL_TEST_KEYSPACE names one). */
  keyspace: string;
  /** The keyspace outlives this run and may hold other objects: only what `name()` returned is ours. */
  sharedKeyspace: boolean;
  /** Keyspace DDL over CQL is allowed (not on Astra, nor when the keyspace was given). */
  canCreateKeyspaces: boolean;
  /** The name to create an object under: `base` in a fresh keyspace, `base_<run tag>` in a shared one. */
  name(base: string): string;
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

/** Skip reason for tests that need a secure connect bundle (Astra, or the sandbox's Astra mode); false when one exists. */
export const needsBundle = (): string | false =>
  !!process.env.CQL_TEST_CONTACT_POINTS && !process.env.CQL_TEST_BUNDLE && 'needs a secure connect bundle; the target is a contact-point cluster';

/** Skip reason for tests that need contact points; false unless the target is bundle-only (Astra). */
export const needsContactPoints = (): string | false =>
  !!process.env.CQL_TEST_BUNDLE && 'needs contact points; the target is Astra (secure connect bundle only)';

const freshKeyspaceName = () => `test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Fields for a keyspace given by CQL_TEST_KEYSPACE: run-unique names, and a stop() that drops them. */
function sharedKeyspaceFields(target: Omit<TestTarget, 'name' | 'stop' | 'sharedKeyspace' | 'canCreateKeyspaces'>) {
  const tag = `r${randomBytes(3).toString('hex')}`;
  let named = false;
  return {
    sharedKeyspace: true,
    canCreateKeyspaces: false,
    name: (base: string) => {
      named = true;
      return `${base}_${tag}`;
    },
    stop: async () => {
      if (!named) return;
      await withClient(target as TestTarget, (c) => dropObjectsNamed(c, target.keyspace, (n) => n.endsWith(`_${tag}`)));
    },
  };
}

const ownKeyspaceFields = { sharedKeyspace: false, canCreateKeyspaces: true, name: (base: string) => base };

export async function testTarget(opts: TargetOptions = {}): Promise<TestTarget> {
  const env = process.env;
  if (env.CQL_TEST_BUNDLE) {
    if (!env.CQL_TEST_TOKEN) throw new Error('CQL_TEST_BUNDLE needs CQL_TEST_TOKEN');
    if (!env.CQL_TEST_KEYSPACE) throw new Error('CQL_TEST_BUNDLE needs CQL_TEST_KEYSPACE (an existing Astra keyspace)');
    const astra = { kind: 'astra' as const, bundlePath: env.CQL_TEST_BUNDLE, token: env.CQL_TEST_TOKEN, keyspace: env.CQL_TEST_KEYSPACE };
    return { ...astra, ...sharedKeyspaceFields(astra) };
  }
  if (env.CQL_TEST_CONTACT_POINTS) {
    const cluster = {
      kind: 'cluster' as const,
      contactPoints: env.CQL_TEST_CONTACT_POINTS.split(',').map((s) => s.trim()).filter(Boolean),
      localDataCenter: env.CQL_TEST_LOCAL_DC || 'datacenter1',
      credentials: env.CQL_TEST_USERNAME
        ? { username: env.CQL_TEST_USERNAME, password: env.CQL_TEST_PASSWORD ?? '' }
        : undefined,
      keyspace: env.CQL_TEST_KEYSPACE || freshKeyspaceName(),
    };
    if (env.CQL_TEST_KEYSPACE) return { ...cluster, ...sharedKeyspaceFields(cluster) };
    const target: TestTarget = { ...cluster, ...ownKeyspaceFields, stop: async () => {} };
    await clusterCql(target, `CREATE KEYSPACE IF NOT EXISTS ${target.keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
    target.stop = () => clusterCql(target, `DROP KEYSPACE IF EXISTS ${target.keyspace}`);
    return target;
  }
  return sandboxTarget(opts);
}

async function sandboxTarget(opts: TargetOptions): Promise<TestTarget> {
  // Loaded lazily so a run against a real cluster never touches the sandbox code.
  const { startSandbox } = await import('../sandbox/index.js');
  const mode = opts.mode ?? 'astra';
  const version = process.env.CQL_TEST_CASSANDRA_VERSION;
  if (version && version !== '4.0' && version !== '5.0') throw new Error('CQL_TEST_CASSANDRA_VERSION must be 4.0 or 5.0');
  const sbOpts: SandboxOptions = { mode, seed: opts.seed ?? 'demo', auth: opts.auth, nodes: opts.nodes, cassandraVersion: version as SandboxOptions['cassandraVersion'] };
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
    ...ownKeyspaceFields,
    // Astra mode refuses keyspace DDL over CQL like Astra; tests create keyspaces through sandbox.createKeyspace.
    canCreateKeyspaces: !astra,
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

async function withClient<T>(target: TestTarget, fn: (client: import('cassandra-driver').Client) => Promise<T>): Promise<T> {
  const { Client } = await import('cassandra-driver');
  const client = new Client(nodeClientOptions(target));
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.shutdown();
  }
}

const clusterCql = (target: TestTarget, cql: string) => withClient(target, (c) => c.execute(cql)).then(() => undefined);
