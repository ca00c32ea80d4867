// Data API stand-in benchmark: what the collection browser waits for — the first page of 20 documents, every page
// of the 1,200-document demo collection, a vector search and a count — through the unmodified astra-db-ts client.
// Prints milliseconds (median of several runs); asserts nothing.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataAPIClient } from '@datastax/astra-db-ts';
import { startSandbox } from '../sandbox/index.js';
import { caFetcher } from '../support/dataApiFetcher.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const sb = await startSandbox({ nodes: 1 });
  const client = new DataAPIClient(sb.token, { httpOptions: { client: 'custom', fetcher: caFetcher(readFileSync(sb.caPath)) } });
  try {
    const catalog = client.db(sb.dataApiEndpoint, { keyspace: 'demo' }).collection('catalog');
    const first = await median(() => catalog.find({}).limit(20).toArray());
    const filtered = await median(() => catalog.find({ category: 'tools', price: { $lt: 50 } }).limit(20).toArray());
    let count = 0;
    const all = await median(async () => {
      count = (await catalog.find({}).toArray()).length;
    });
    const vector = await median(() => catalog.find({}, { sort: { $vector: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8] }, limit: 20, includeSimilarity: true }).toArray());
    const counted = await median(() => catalog.countDocuments({ category: 'books' }, 1000));
    console.log(`first page (20 docs): ${first.toFixed(1)} ms; filtered first page: ${filtered.toFixed(1)} ms`);
    console.log(`all ${count} docs paged (20 per page): ${all.toFixed(0)} ms; vector top 20: ${vector.toFixed(1)} ms; countDocuments: ${counted.toFixed(1)} ms`);
  } finally {
    await client.close();
    await sb.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
