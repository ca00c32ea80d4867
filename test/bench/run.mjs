// Runs every *.bench.ts under test/bench (or the files/folders given) with tsx, one after another.
// Benchmarks print their own measurements; they are not pass/fail tests. `--expose-gc` lets a bench start each
// measured pass with the garbage of the previous one collected.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function collect(p, out) {
  if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) collect(join(p, name), out);
  else if (p.endsWith('.bench.ts')) out.push(p);
  return out;
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : [dirname(fileURLToPath(import.meta.url))];
const files = roots.flatMap((r) => collect(r, []));
let failed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
