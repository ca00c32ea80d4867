// The sandbox's DevOps stand-in carries what astra-db-ts's admin needs to derive each region's Data API endpoint
// (`https://<id>-<region>.apps.astra.datastax.com`), its keyspaces and dates — what the extension derives too before
// applying its endpoint override.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { DataAPIClient } from '@datastax/astra-db-ts';
import { startSandbox, type SandboxHandle } from '../sandbox/index.js';
import { caFetcher } from '../support/dataApiFetcher.js';

let sb: SandboxHandle;
before(async () => {
  sb = await startSandbox({ nodes: 1, seed: 'none' });
  await sb.createKeyspace('extra_ks');
});
after(() => sb?.stop());

test('AstraAdmin.listDatabases() against the DevOps stand-in yields regions with Data API endpoints and keyspaces', async () => {
  const client = new DataAPIClient(sb.token, { httpOptions: { client: 'custom', fetcher: caFetcher(readFileSync(sb.caPath)) } });
  try {
    const dbs = await client.admin({ endpointUrl: `${sb.devopsUrl}/v2` }).listDatabases();
    const mine = dbs.find((d) => d.id === sb.databaseId);
    assert.ok(mine, 'the sandbox database is listed');
    assert.equal(mine.regions.length, 1);
    assert.equal(mine.regions[0].apiEndpoint, `https://${sb.databaseId}-${mine.regions[0].name}.apps.astra.datastax.com`);
    assert.ok(mine.regions[0].createdAt instanceof Date && !Number.isNaN(mine.regions[0].createdAt.getTime()));
    assert.deepEqual([...mine.keyspaces].sort(), [sb.keyspace, 'extra_ks'].sort());
  } finally {
    await client.close();
  }
});
