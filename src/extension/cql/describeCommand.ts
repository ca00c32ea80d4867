// DESCRIBE in notebook cells and `.cql` files, answered by the schema module's reader and DDL generator, so the
// explorer's DESCRIBE and a statement's print the same.

import type { Client } from 'cassandra-driver';
import type { DescribeTarget } from './shellCommands.js';
import {
  describeAggregate, describeFunction, describeKeyspace, describeTable, describeType, describeView,
} from '../schema/describe.js';
import { isSystemKeyspace } from '../schema/schemaTypes.js';
import {
  keyspaceMeta, listKeyspace, listKeyspaces, readAggregates, readFunctions, readKeyspaceSchema, readTableForDescribe, readType, readViewForDescribe,
} from '../schema/schemaReader.js';

/** Produces cqlsh-like DESCRIBE output for a target, relative to the statement's keyspace. */
export type Describer = (client: Client, target: DescribeTarget, keyspace: string | undefined) => Promise<string>;

const needKeyspace = (ks: string | undefined): string => {
  if (!ks) throw new Error('No keyspace specified and no current keyspace: USE a keyspace or qualify the name.');
  return ks;
};

/** A Describer for one connection; `astra` prints keyspace DDL as a comment (Astra creates keyspaces elsewhere). */
export function createDescriber(astra: () => boolean): Describer {
  return async (client: Client, target: DescribeTarget, current: string | undefined): Promise<string> => {
    const opts = { astra: astra() };
    switch (target.kind) {
      case 'cluster': {
        const rs = await client.execute('SELECT cluster_name, partitioner FROM system.local', [], { prepare: false });
        const row = rs.first();
        return `Cluster: ${String(row?.['cluster_name'] ?? '')}\nPartitioner: ${String(row?.['partitioner'] ?? '').replace(/^org\.apache\.cassandra\.dht\./, '')}`;
      }
      case 'keyspaces':
        return (await listKeyspaces(client)).map((k) => k.name).sort().join('  ');
      case 'tables':
      case 'types': {
        const ks = needKeyspace(current);
        const listing = await listKeyspace(client, ks);
        return [...listing[target.kind]].sort().join('  ') || `(no ${target.kind} in ${ks})`;
      }
      case 'functions':
      case 'aggregates': {
        const listing = await listKeyspace(client, needKeyspace(current));
        return listing[target.kind].map((f) => `${f.name}(${f.argTypes.join(', ')})`).sort().join('\n') || `(no ${target.kind})`;
      }
      case 'schema': {
        const names = (await listKeyspaces(client)).map((k) => k.name).filter((n) => target.full || !isSystemKeyspace(n)).sort();
        const parts: string[] = [];
        for (const n of names) parts.push(describeKeyspace(await readKeyspaceSchema(client, n), opts));
        return parts.join('\n');
      }
      case 'keyspace':
        return describeKeyspace(await readKeyspaceSchema(client, needKeyspace(target.keyspace ?? current)), opts);
      case 'table': {
        const ks = needKeyspace(target.keyspace ?? current);
        return describeTable(ks, await readTableForDescribe(client, ks, target.name));
      }
      case 'type': {
        const ks = needKeyspace(target.keyspace ?? current);
        return describeType(ks, await readType(client, ks, target.name));
      }
      case 'function':
        return (await readFunctions(client, needKeyspace(target.keyspace ?? current), target.name)).map(describeFunction).join('\n\n');
      case 'aggregate':
        return (await readAggregates(client, needKeyspace(target.keyspace ?? current), target.name)).map(describeAggregate).join('\n\n');
      case 'materialized_view': {
        const ks = needKeyspace(target.keyspace ?? current);
        return describeView(ks, await readViewForDescribe(client, ks, target.name));
      }
      case 'index':
        throw new Error('DESCRIBE INDEX is not supported in notebooks yet: DESCRIBE TABLE shows the table with its indexes.');
      case 'any': {
        if (!target.keyspace && keyspaceMeta(client, target.name)) {
          return describeKeyspace(await readKeyspaceSchema(client, target.name), opts);
        }
        const ks = needKeyspace(target.keyspace ?? current);
        return describeTable(ks, await readTableForDescribe(client, ks, target.name));
      }
    }
  };
}
