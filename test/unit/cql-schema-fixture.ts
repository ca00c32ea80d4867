// A small schema for the CQL completion / diagnostics / hover tests: two keyspaces, a shared table name, a
// mixed-case table and a column that needs quoting.
import type { SchemaModel } from '../../src/extension/schema/schemaIndex.js';

export const DEMO: SchemaModel = {
  keyspaces: [
    {
      name: 'demo',
      tables: [
        {
          name: 'users',
          columns: [
            { name: 'email', type: 'text', kind: 'regular' },
            { name: 'user_id', type: 'uuid', kind: 'partition_key', position: 0 },
            { name: 'name', type: 'text', kind: 'regular' },
            { name: 'Nick Name', type: 'text', kind: 'regular' },
          ],
        },
        {
          name: 'events',
          columns: [
            { name: 'day', type: 'date', kind: 'partition_key', position: 0 },
            { name: 'ts', type: 'timestamp', kind: 'clustering', position: 0, clusteringOrder: 'desc' },
            { name: 'payload', type: 'text', kind: 'regular' },
            { name: 'source', type: 'text', kind: 'static' },
          ],
        },
        { name: 'MixedCase', columns: [{ name: 'id', type: 'int', kind: 'partition_key', position: 0 }] },
      ],
    },
    {
      name: 'shop',
      tables: [
        {
          name: 'products',
          columns: [
            { name: 'sku', type: 'text', kind: 'partition_key', position: 0 },
            { name: 'price', type: 'decimal', kind: 'regular' },
            { name: 'embedding', type: 'vector<float, 3>', kind: 'regular' },
          ],
        },
        { name: 'users', columns: [{ name: 'login', type: 'text', kind: 'partition_key', position: 0 }] },
      ],
    },
  ],
};
