// Upstream mode: the Astra front (bundle, metadata service, SNI proxy) in front of a REAL Cassandra, so the
// extension can be tried against genuine server behaviour through the cloud code path of the drivers.
import cassandra from 'cassandra-driver';

export interface UpstreamNode {
  hostId: string;
  host: string;
  port: number;
  dataCenter: string;
}

export interface UpstreamCluster {
  nodes: UpstreamNode[];
  localDc: string;
  client: cassandra.Client; // kept open for DevOps keyspace creation
}

function splitHostPort(s: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(s);
  return m ? { host: m[1], port: Number(m[2]) } : { host: s, port: 9042 };
}

export async function discoverUpstream(address: string, credentials?: { username: string; password: string }): Promise<UpstreamCluster> {
  const { host, port } = splitHostPort(address);
  const { policies } = cassandra;
  // RoundRobin + allow-list: no local DC is needed before we know it, and we talk to the one named node only.
  const client = new cassandra.Client({
    contactPoints: [`${host}:${port}`],
    protocolOptions: { port },
    credentials,
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(new policies.loadBalancing.RoundRobinPolicy(), [
        `${host}:${port}`,
      ]),
    },
  });
  await client.connect();
  try {
    const local = (await client.execute("SELECT host_id, data_center FROM system.local WHERE key='local'")).first();
    const peers = (await client.execute('SELECT host_id, data_center, rpc_address FROM system.peers')).rows;
    const nodes: UpstreamNode[] = [
      { hostId: String(local.host_id), host, port, dataCenter: String(local.data_center) },
      ...peers.map((p) => ({
        hostId: String(p.host_id),
        host: String(p.rpc_address),
        port,
        dataCenter: String(p.data_center),
      })),
    ];
    return { nodes, localDc: String(local.data_center), client };
  } catch (e) {
    await client.shutdown();
    throw e;
  }
}
