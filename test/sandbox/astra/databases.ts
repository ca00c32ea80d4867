// The DevOps API's view of the organisation: the sandbox's own database plus a few inert ones (hibernated,
// parked, multi-region, terminated) so listing, filtering and paging have something to chew on.
import { randomUUID } from 'node:crypto';
import type { DevopsDatabase } from './devops-api.js';

export interface MainDatabase {
  id: string;
  name: string;
  keyspace: string;
  additionalKeyspaces: () => string[];
  dataCenter: string;
  region: string;
}

interface DbSpec {
  name: string;
  status: string;
  provider: string;
  regions: string[];
}

const EXTRA: DbSpec[] = [
  { name: 'analytics-archive', status: 'HIBERNATED', provider: 'GCP', regions: ['us-east1'] },
  { name: 'staging', status: 'PARKED', provider: 'AWS', regions: ['us-east-2'] },
  { name: 'global-catalog', status: 'ACTIVE', provider: 'AWS', regions: ['us-east-1', 'eu-west-1'] },
  { name: 'old-prototype', status: 'TERMINATED', provider: 'AZURE', regions: ['westus2'] },
];

function database(
  id: string,
  name: string,
  status: string,
  provider: string,
  keyspace: string,
  additionalKeyspaces: string[],
  dcs: { name: string; region: string }[],
  orgId: string,
): DevopsDatabase {
  const host = (region: string) => `${id}-${region}.apps.astra.datastax.com`;
  return {
    id,
    orgId,
    ownerId: orgId,
    status,
    creationTime: new Date(Date.UTC(2025, 0, 1)).toISOString(),
    lastUsageTime: new Date(Date.UTC(2025, 5, 1)).toISOString(),
    availableActions: status === 'ACTIVE' ? ['park', 'getCreds', 'addKeyspace', 'terminate'] : ['unpark', 'terminate'],
    cqlshUrl: `https://${host(dcs[0].region)}/cqlsh`,
    dataEndpointUrl: `https://${host(dcs[0].region)}/api/rest`,
    info: {
      name,
      keyspace,
      additionalKeyspaces,
      // astra-db-ts lists keyspaces from `keyspaces` (all of them), not from keyspace + additionalKeyspaces.
      keyspaces: [keyspace, ...additionalKeyspaces],
      region: dcs[0].region,
      cloudProvider: provider,
      tier: 'serverless',
      dbType: 'vector',
      capacityUnits: 1,
      datacenters: dcs.map((dc, i) => ({
        id: `${id}-${i + 1}`,
        name: dc.name,
        region: dc.region,
        cloudProvider: provider,
        status,
        tier: 'serverless',
        capacityUnits: 1,
        dateCreated: new Date(Date.UTC(2025, 0, 1)).toISOString(),
      })),
    },
    storage: { nodeCount: 3, replicationFactor: 3, totalStorage: 20 },
  };
}

/** A snapshot function: the main database's keyspace list is read live from the engine. */
export function organisation(main: MainDatabase): { databases: () => DevopsDatabase[]; extraKeyspaces: Map<string, string[]> } {
  const orgId = randomUUID();
  const extras = EXTRA.map((spec) => ({ spec, id: randomUUID() }));
  const extraKeyspaces = new Map(extras.map((e) => [e.id, [] as string[]]));
  return {
    extraKeyspaces,
    databases: () => [
      database(main.id, main.name, 'ACTIVE', 'GCP', main.keyspace, main.additionalKeyspaces(),
        [{ name: main.dataCenter, region: main.region }], orgId),
      ...extras.map(({ spec, id }) =>
        database(id, spec.name, spec.status, spec.provider, 'default_keyspace', extraKeyspaces.get(id) ?? [],
          spec.regions.map((region, i) => ({ name: `dc-${i + 1}`, region })), orgId),
      ),
    ],
  };
}
