// Explorer benchmark: expand a keyspace with 500 tables and a table with 100 columns through the same loader
// the tree uses, against the sandbox (or a real cluster from env vars). Prints milliseconds; asserts nothing.
import { performance } from 'node:perf_hooks';
import { Client } from 'cassandra-driver';
import { nodeClientOptions, testTarget } from '../support/target.js';
import type { ExplorerNode } from '../../src/extension/explorer/model.js';
import { SchemaTreeLoader } from '../../src/extension/explorer/treeLoader.js';

const TABLES = Number(process.env.BENCH_TABLES ?? 500);
const COLUMNS = Number(process.env.BENCH_COLUMNS ?? 100);
const P = 'bench';

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const target = await testTarget({ mode: 'plain', seed: 'none' });
  const client = new Client(nodeClientOptions(target));
  try {
    await client.connect();
    const ks = target.keyspace;
    const [, setupMs] = await time(async () => {
      for (let i = 0; i < TABLES; i++) {
        await client.execute(`CREATE TABLE ${ks}.t${String(i).padStart(3, '0')} (id int PRIMARY KEY, v text)`);
      }
      const cols = Array.from({ length: COLUMNS - 2 }, (_, i) => `c${i} ${i % 3 === 0 ? 'int' : i % 3 === 1 ? 'text' : 'map<text, int>'}`);
      await client.execute(`CREATE TABLE ${ks}.wide (pk int, ck int, ${cols.join(', ')}, PRIMARY KEY (pk, ck))`);
    });
    console.log(`setup: ${TABLES + 1} tables created in ${setupMs.toFixed(0)} ms`);

    const keyspace: ExplorerNode = { kind: 'keyspace', profileId: P, keyspace: ks, system: false, virtual: false };
    for (const round of ['cold', 'warm'] as const) {
      const loader = new SchemaTreeLoader();
      if (round === 'cold') await client.metadata.refreshKeyspace(ks);
      const [folders, ksMs] = await time(() => loader.children(keyspace, client));
      const tablesFolder = folders.find((f) => f.kind === 'folder' && f.folder === 'tables');
      if (!tablesFolder) throw new Error(`no Tables folder: ${JSON.stringify(folders)}`);
      const [tables, folderMs] = await time(() => loader.children(tablesFolder, client));
      const wide = tables.find((t) => t.kind === 'table' && t.name === 'wide');
      if (!wide) throw new Error('wide table not listed');
      const [columns, tableMs] = await time(() => loader.children(wide, client));
      console.log(
        `${round}: expand keyspace (${TABLES + 1} tables) ${ksMs.toFixed(1)} ms; ` +
          `expand Tables folder → ${tables.length} nodes ${folderMs.toFixed(1)} ms; ` +
          `expand table with ${COLUMNS} columns → ${columns.length} nodes ${tableMs.toFixed(1)} ms`,
      );
    }
  } finally {
    await client.shutdown();
    await target.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
