// The Cassandra release the sandbox imitates. One real version at a time: what it reports in system.local and
// system.peers, and which 5.0 features exist (a 4.0 server refuses them with its own error text).

export type CassandraVersion = '4.0' | '5.0';

export interface ServerVersion {
  name: CassandraVersion;
  release: string; // release_version in system.local / system.peers
  cql: string; // cql_version in system.local
  /** `vector<type, n>` (CASSANDRA-18504): in 4.0 `vector` is an ordinary identifier, so `vector<` is a syntax error. */
  vectorType: boolean;
  /** Storage-attached indexes (CEP-7). */
  sai: boolean;
}

export const SERVER_VERSIONS: Record<CassandraVersion, ServerVersion> = {
  '4.0': { name: '4.0', release: '4.0.11', cql: '3.4.5', vectorType: false, sai: false },
  '5.0': { name: '5.0', release: '5.0.2', cql: '3.4.7', vectorType: true, sai: true },
};

export const DEFAULT_CASSANDRA_VERSION: CassandraVersion = '5.0';

export function serverVersion(name: string | undefined): ServerVersion {
  const v = SERVER_VERSIONS[(name ?? DEFAULT_CASSANDRA_VERSION) as CassandraVersion];
  if (!v) throw new Error(`unsupported Cassandra version ${name}; one of ${Object.keys(SERVER_VERSIONS).join(', ')}`);
  return v;
}
