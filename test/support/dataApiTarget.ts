// Where Data API integration tests run: the sandbox's stand-in by default, or real Astra when
// CQL_TEST_ASTRA_TOKEN + CQL_TEST_DATA_API_ENDPOINT are set (keyspace CQL_TEST_DATA_API_KEYSPACE, default
// `default_keyspace`). On Astra every collection is named per run and dropped by stop(), so runs never collide.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataAPIClient, type Db } from '@datastax/astra-db-ts';
import type { SandboxHandle } from '../sandbox/index.js';
import { caFetcher } from './dataApiFetcher.js';

export interface DataApiTarget {
  kind: 'sandbox' | 'astra';
  endpoint: string;
  keyspace: string;
  client: DataAPIClient;
  db: Db;
  /** A client holding a wrong token, for the authentication error. */
  badClient(): DataAPIClient;
  sandbox?: SandboxHandle;
  /** The collection name to create: `base` in the sandbox's fresh keyspace, `base_<run tag>` on Astra. */
  name(base: string): string;
  stop(): Promise<void>;
}

export const isRealDataApiTarget = () => !!(process.env.CQL_TEST_ASTRA_TOKEN && process.env.CQL_TEST_DATA_API_ENDPOINT);

export async function dataApiTarget(): Promise<DataApiTarget> {
  const env = process.env;
  if (isRealDataApiTarget()) {
    const endpoint = env.CQL_TEST_DATA_API_ENDPOINT ?? '';
    const keyspace = env.CQL_TEST_DATA_API_KEYSPACE || 'default_keyspace';
    const tag = `r${randomBytes(3).toString('hex')}`;
    const client = new DataAPIClient(env.CQL_TEST_ASTRA_TOKEN, { caller: ['astra-db-vscode-tests', '0'] });
    const db = client.db(endpoint, { keyspace });
    const named = new Set<string>();
    return {
      kind: 'astra', endpoint, keyspace, client, db,
      badClient: () => new DataAPIClient('AstraCS:invalid:0000'),
      name: (base) => {
        const n = `${base}_${tag}`;
        named.add(n);
        return n;
      },
      stop: async () => {
        for (const n of named) await db.dropCollection(n).catch(() => undefined);
        await client.close();
      },
    };
  }
  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox({ nodes: 1 });
  const keyspace = `dataapi_${randomBytes(3).toString('hex')}`;
  await sandbox.createKeyspace(keyspace);
  const ca = readFileSync(sandbox.caPath);
  const httpOptions = { client: 'custom' as const, fetcher: caFetcher(ca) };
  const client = new DataAPIClient(sandbox.token, { httpOptions });
  return {
    kind: 'sandbox', endpoint: sandbox.dataApiEndpoint, keyspace, client, sandbox,
    db: client.db(sandbox.dataApiEndpoint, { keyspace }),
    badClient: () => new DataAPIClient('AstraCS:invalid:0000', { httpOptions: { client: 'custom', fetcher: caFetcher(ca) } }),
    name: (base) => base,
    stop: async () => {
      await client.close();
      await sandbox.stop();
    },
  };
}
