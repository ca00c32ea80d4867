// Hand-built metadata in the shape cassandra-driver produces, for DESCRIBE and tree tests.
import type { ColumnMeta, TableMeta, TypeInfo, UdtMeta } from '../../../src/extension/schema/schemaTypes.js';

export const t = {
  int: { code: 0x09 } as TypeInfo,
  text: { code: 0x0d } as TypeInfo,
  bigint: { code: 0x02 } as TypeInfo,
  timestamp: { code: 0x0b } as TypeInfo,
  float: { code: 0x08 } as TypeInfo,
  uuid: { code: 0x0c } as TypeInfo,
  list: (e: TypeInfo, frozen = false): TypeInfo => ({ code: 0x20, info: e, options: { frozen } }),
  set: (e: TypeInfo, frozen = false): TypeInfo => ({ code: 0x22, info: e, options: { frozen } }),
  map: (k: TypeInfo, v: TypeInfo, frozen = false): TypeInfo => ({ code: 0x21, info: [k, v], options: { frozen } }),
  tuple: (...e: TypeInfo[]): TypeInfo => ({ code: 0x31, info: e, options: { frozen: true } }),
  udt: (name: string, frozen = true): TypeInfo => ({ code: 0x30, info: { name, fields: [] }, options: { frozen } }),
  vector: (e: TypeInfo, n: number): TypeInfo => ({ code: 0x00, info: [e, n], customTypeName: 'vector' }),
};

export const col = (name: string, type: TypeInfo, isStatic = false): ColumnMeta => ({ name, type, isStatic });

/** A table like `events`: composite partition key, two clustering columns (DESC, ASC), a static column. */
export function eventsTable(): TableMeta {
  const tenant = col('tenant', t.text);
  const day = col('day', t.int);
  const ts = col('ts', t.timestamp);
  const seq = col('Seq', t.int);
  const owner = col('owner', t.text, true);
  const payload = col('payload', t.map(t.text, t.int));
  const embedding = col('embedding', t.vector(t.float, 3));
  return {
    name: 'events',
    columns: [tenant, day, ts, seq, owner, payload, embedding],
    partitionKeys: [tenant, day],
    clusteringKeys: [ts, seq],
    clusteringOrder: ['DESC', 'ASC'],
    bloomFilterFalsePositiveChance: 0.01,
    caching: '{"keys":"ALL","rows_per_partition":"NONE"}',
    comment: "it's a comment",
    compactionClass: 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy',
    compactionOptions: { min_threshold: '4', max_threshold: '32' },
    compression: { class: 'org.apache.cassandra.io.compress.LZ4Compressor', chunk_length_in_kb: '16' },
    crcCheckChance: 1,
    defaultTtl: 0,
    extensions: {},
    gcGraceSeconds: 864000,
    maxIndexInterval: 2048,
    memtableFlushPeriod: 0,
    minIndexInterval: 128,
    speculativeRetry: '99p',
    cdc: false,
    indexes: [
      { name: 'events_owner_idx', kind: 2, target: 'owner', options: { target: 'owner' } },
      {
        name: 'events_ann',
        kind: 0,
        target: 'embedding',
        options: { target: 'embedding', class_name: 'StorageAttachedIndex', similarity_function: 'COSINE' },
      },
      {
        name: 'events_payload_sai',
        kind: 0,
        target: 'values(payload)',
        options: { target: 'values(payload)', class_name: 'org.apache.cassandra.index.sai.StorageAttachedIndex' },
      },
    ],
  };
}

export function addressType(): UdtMeta {
  return { name: 'address', fields: [col('street', t.text), col('zip', t.int)] };
}
