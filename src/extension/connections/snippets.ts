// "Copy Connection Code": driver snippets for a profile. Secrets are always read from environment variables,
// never inlined — the snippet ends up in source files and chat messages.

import type { ConnectionProfile } from './types.js';

export type SnippetLanguage = 'python' | 'python-cqlengine' | 'nodejs' | 'java';

export const SNIPPET_LANGUAGES: readonly { id: SnippetLanguage; label: string }[] = [
  { id: 'python', label: 'Python (cassandra-driver)' },
  { id: 'python-cqlengine', label: 'Python (cqlengine object mapper)' },
  { id: 'nodejs', label: 'Node.js (cassandra-driver)' },
  { id: 'java', label: 'Java (DataStax Java driver 4.x)' },
];

export const ENV = {
  token: 'ASTRA_DB_APPLICATION_TOKEN',
  clientId: 'ASTRA_DB_CLIENT_ID',
  clientSecret: 'ASTRA_DB_CLIENT_SECRET',
  username: 'CASSANDRA_USERNAME',
  password: 'CASSANDRA_PASSWORD',
} as const;

// JSON string literals are valid string literals in Python, JavaScript and Java (paths with backslashes included).
const lit = (s: string): string => JSON.stringify(s);

interface AuthEnv {
  user: { literal: string } | { env: string };
  passwordEnv: string;
}

function authEnv(profile: ConnectionProfile): AuthEnv | undefined {
  if (profile.kind === 'bundle') {
    return profile.authKind === 'token'
      ? { user: { literal: 'token' }, passwordEnv: ENV.token }
      : { user: { env: ENV.clientId }, passwordEnv: ENV.clientSecret };
  }
  return profile.username ? { user: { literal: profile.username }, passwordEnv: ENV.password } : undefined;
}

export function connectionSnippet(profile: ConnectionProfile, language: SnippetLanguage): string {
  switch (language) {
    case 'python':
      return python(profile);
    case 'python-cqlengine':
      return cqlengine(profile);
    case 'nodejs':
      return nodejs(profile);
    case 'java':
      return java(profile);
  }
}

function pyAuth(a: AuthEnv): string {
  const user = 'literal' in a.user ? lit(a.user.literal) : `os.environ[${lit(a.user.env)}]`;
  return `PlainTextAuthProvider(${user}, os.environ[${lit(a.passwordEnv)}])`;
}

function pyClusterArgs(profile: ConnectionProfile, a: AuthEnv | undefined): string[] {
  const args: string[] = [];
  if (profile.kind === 'bundle') {
    args.push(`cloud={'secure_connect_bundle': ${lit(profile.bundlePath)}}`);
  } else {
    args.push(`contact_points=[${profile.contactPoints.map(lit).join(', ')}]`, `port=${profile.port}`);
    args.push(`load_balancing_policy=DCAwareRoundRobinPolicy(local_dc=${lit(profile.localDataCenter)})`);
    if (profile.useTls) args.push('ssl_context=ssl.create_default_context()');
  }
  if (a) args.push(`auth_provider=${pyAuth(a)}`);
  return args;
}

function pyImports(profile: ConnectionProfile, a: AuthEnv | undefined, extra: string[]): string[] {
  const lines = a ? ['import os'] : [];
  if (profile.kind === 'contactPoints' && profile.useTls) lines.push('import ssl');
  if (a) lines.push('from cassandra.auth import PlainTextAuthProvider');
  if (profile.kind === 'contactPoints') lines.push('from cassandra.policies import DCAwareRoundRobinPolicy');
  return [...lines, ...extra];
}

function python(profile: ConnectionProfile): string {
  const a = authEnv(profile);
  const args = pyClusterArgs(profile, a);
  const ks = profile.defaultKeyspace ? lit(profile.defaultKeyspace) : '';
  return [
    ...pyImports(profile, a, ['from cassandra.cluster import Cluster']),
    '',
    `cluster = Cluster(\n    ${args.join(',\n    ')},\n)`,
    `session = cluster.connect(${ks})`,
    `print(session.execute("SELECT release_version FROM system.local").one())`,
    '',
  ].join('\n');
}

function cqlengine(profile: ConnectionProfile): string {
  const a = authEnv(profile);
  const args = pyClusterArgs(profile, a);
  // cqlengine needs a default keyspace for its models; the bundle's own one is the natural choice.
  const ks = lit(profile.defaultKeyspace ?? 'my_keyspace');
  const hosts = profile.kind === 'bundle' ? 'None' : `[${profile.contactPoints.map(lit).join(', ')}]`;
  const kwargs = profile.kind === 'bundle' ? args : args.slice(1); // hosts go positionally
  return [
    ...pyImports(profile, a, ['from cassandra.cqlengine import connection']),
    '',
    `connection.setup(\n    ${hosts}, ${ks},\n    ${kwargs.join(',\n    ')},\n)`,
    '',
  ].join('\n');
}

function nodejs(profile: ConnectionProfile): string {
  const a = authEnv(profile);
  const opts: string[] = [];
  if (profile.kind === 'bundle') {
    opts.push(`cloud: { secureConnectBundle: ${lit(profile.bundlePath)} }`);
  } else {
    opts.push(`contactPoints: [${profile.contactPoints.map(lit).join(', ')}]`);
    opts.push(`localDataCenter: ${lit(profile.localDataCenter)}`, `protocolOptions: { port: ${profile.port} }`);
    if (profile.useTls) opts.push('sslOptions: { rejectUnauthorized: true }');
  }
  if (a) {
    const user = 'literal' in a.user ? lit(a.user.literal) : `process.env.${a.user.env}`;
    opts.push(`credentials: { username: ${user}, password: process.env.${a.passwordEnv} }`);
  }
  if (profile.defaultKeyspace) opts.push(`keyspace: ${lit(profile.defaultKeyspace)}`);
  return [
    "const cassandra = require('cassandra-driver');",
    '',
    `const client = new cassandra.Client({\n  ${opts.join(',\n  ')},\n});`,
    '',
    'async function main() {',
    '  await client.connect();',
    "  const rs = await client.execute('SELECT release_version FROM system.local');",
    '  console.log(rs.first());',
    '  await client.shutdown();',
    '}',
    'main();',
    '',
  ].join('\n');
}

function java(profile: ConnectionProfile): string {
  const a = authEnv(profile);
  const calls: string[] = [];
  const imports = ['import com.datastax.oss.driver.api.core.CqlSession;'];
  if (profile.kind === 'bundle') {
    imports.push('import java.nio.file.Paths;');
    calls.push(`.withCloudSecureConnectBundle(Paths.get(${lit(profile.bundlePath)}))`);
  } else {
    imports.push('import java.net.InetSocketAddress;');
    for (const host of profile.contactPoints) calls.push(`.addContactPoint(new InetSocketAddress(${lit(host)}, ${profile.port}))`);
    calls.push(`.withLocalDatacenter(${lit(profile.localDataCenter)})`);
    if (profile.useTls) {
      imports.push('import javax.net.ssl.SSLContext;');
      calls.push('.withSslContext(SSLContext.getDefault())');
    }
  }
  if (a) {
    const user = 'literal' in a.user ? lit(a.user.literal) : `System.getenv(${lit(a.user.env)})`;
    calls.push(`.withAuthCredentials(${user}, System.getenv(${lit(a.passwordEnv)}))`);
  }
  if (profile.defaultKeyspace) calls.push(`.withKeyspace(${lit(profile.defaultKeyspace)})`);
  return [
    ...imports,
    '',
    'public class Connect {',
    '  public static void main(String[] args) throws Exception {',
    '    try (CqlSession session = CqlSession.builder()',
    ...calls.map((c) => `        ${c}`),
    '        .build()) {',
    '      System.out.println(session.execute("SELECT release_version FROM system.local").one().getString(0));',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
