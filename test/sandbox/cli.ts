// `npm run sandbox [-- --json] [--port-base N] [--seed demo|none] [--mode astra|plain] [--dir D] [--upstream h:p]
//   [--cassandra-version 4.0|5.0] [--refuse-keyspace-ddl]`
// Starts the local Astra stand-in and keeps it running until SIGINT/SIGTERM.
import { startSandbox, type SandboxHandle, type SandboxOptions } from './index.js';

function parseArgs(argv: string[]): { json: boolean; options: SandboxOptions } {
  const options: SandboxOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--json': json = true; break;
      case '--port-base': options.portBase = Number(value()); break;
      case '--seed': options.seed = oneOf(value(), ['demo', 'none'] as const, flag); break;
      case '--mode': options.mode = oneOf(value(), ['astra', 'plain'] as const, flag); break;
      case '--dir': options.dir = value(); break;
      case '--upstream': options.upstream = value(); break;
      case '--nodes': options.nodes = Number(value()); break;
      case '--auth': options.auth = true; break;
      case '--cassandra-version': options.cassandraVersion = oneOf(value(), ['4.0', '5.0'] as const, flag); break;
      case '--refuse-keyspace-ddl': options.refuseKeyspaceDdl = true; break;
      case '--help': case '-h':
        process.stdout.write('usage: npm run sandbox -- [--json] [--port-base N] [--seed demo|none] [--mode astra|plain] [--dir D] [--upstream host:port] [--nodes N] [--auth] [--cassandra-version 4.0|5.0] [--refuse-keyspace-ddl]\n');
        process.exit(0);
        break;
      default: throw new Error(`unknown option ${arg}`);
    }
  }
  if (options.portBase !== undefined && !(Number.isInteger(options.portBase) && options.portBase >= 0 && options.portBase < 65530)) {
    throw new Error('--port-base must be an integer port number');
  }
  return { json, options };
}

function oneOf<T extends string>(v: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(v)) throw new Error(`${flag} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function describe(sb: SandboxHandle): string {
  const plain = sb.mode === 'plain';
  const lines = [
    `Astra sandbox running (${sb.mode} mode, Cassandra ${sb.cassandraVersion}, ${sb.nodes.length} node(s), data center ${sb.localDataCenter})`,
    '',
    `  secure connect bundle  ${sb.bundlePath}`,
    `  application token      ${sb.token}`,
    `  client id / secret     ${sb.clientId} / ${sb.clientSecret}`,
    `  metadata service       https://127.0.0.1:${sb.metadataPort}/metadata   (mutual TLS)`,
    `  SNI proxy              127.0.0.1:${sb.sniPort}`,
    `  DevOps API             ${sb.devopsUrl}   (CA: ${sb.caPath})`,
    ...(sb.dataApiEndpoint ? [`  Data API               ${sb.dataApiEndpoint}   (Token header; collection demo.catalog)`] : []),
    `  plain CQL              ${sb.contactPoint}${plain ? '' : `   (user token / the token above)`}`,
    ...(plain ? [`  user / password        ${sb.username} / ${sb.password}   (checked only with --auth)`] : []),
    `  default keyspace       ${sb.keyspace}`,
    ...(sb.upstream ? ['', `Upstream mode: CQL goes to ${sb.upstream}; log in with that cluster's credentials.`] : []),
    '',
    'cqlsh-like:',
    plain
      ? `  cqlsh 127.0.0.1 ${sb.cqlPort}`
      : `  cqlsh -b ${sb.bundlePath} -u token -p '${sb.token}'`,
    'Node.js:',
    plain
      ? `  new Client({ contactPoints: ['${sb.contactPoint}'], localDataCenter: '${sb.localDataCenter}', protocolOptions: { port: ${sb.cqlPort} } })`
      : `  new Client({ cloud: { secureConnectBundle: '${sb.bundlePath}' }, credentials: { username: 'token', password: '${sb.token}' } })`,
    'Python:',
    plain
      ? `  Cluster(['127.0.0.1'], port=${sb.cqlPort})`
      : `  Cluster(cloud={'secure_connect_bundle': '${sb.bundlePath}', 'use_default_tempdir': True}, auth_provider=PlainTextAuthProvider('token', '${sb.token}'))`,
    '',
    'Ctrl+C to stop.',
  ];
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sandbox: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const { SANDBOX_UPSTREAM_USERNAME: username, SANDBOX_UPSTREAM_PASSWORD: password } = process.env;
  // Upstream credentials come from the environment so they never show in `ps`.
  const upstreamCredentials = username ? { username, password: password ?? '' } : undefined;
  const sb = await startSandbox({ seed: 'demo', upstreamCredentials, ...parsed.options });
  if (parsed.json) {
    const { bundlePath, token, cqlPort, metadataPort, sniPort, devopsUrl, contactPoint, dataApiEndpoint, caPath, databaseId } = sb;
    process.stdout.write(JSON.stringify({ bundlePath, token, cqlPort, metadataPort, sniPort, devopsUrl, contactPoint, dataApiEndpoint, caPath, databaseId }) + '\n');
  } else {
    process.stdout.write(describe(sb));
  }
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    sb.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
