// The import graph of src/, read from the sources themselves, so layer rules and the numbers in docs are real.
//   node scripts/import-layers.mjs           check the layer rules, file and folder cycles, file sizes (exit 1 on a
//                                            violation); run by `npm run lint`
//   node scripts/import-layers.mjs --report  also print lines per folder and the folder-level import edges
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 400;

/** Folder-prefix rules: a file under `from` must not import anything under one of `not`, or only `only`. */
const RULES = [
  { from: 'extension/language/', not: ['extension/notebook/', 'extension/explorer/'], why: 'language and notebook are peers on the cql core' },
  { from: 'extension/notebook/', not: ['extension/language/', 'extension/explorer/'], why: 'language and notebook are peers on the cql core' },
  { from: 'extension/cql/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/'], why: 'the execution core serves the features' },
  { from: 'extension/rowEdits/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/'], why: 'row edits serve the result renderers of notebooks and .cql files' },
  { from: 'extension/history/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/', 'extension/rowEdits/'], why: 'the query history listens to the cql core and re-runs through commands' },
  { from: 'extension/schema/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/', 'extension/cql/'], why: 'schema reading serves the features' },
  { from: 'extension/connections/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/', 'extension/cql/', 'extension/schema/', 'extension/astra/'], why: 'connections is the bottom layer of the host' },
  { from: 'extension/copy/', not: ['extension/notebook/', 'extension/language/', 'extension/explorer/', 'extension/astra/'], why: 'COPY is a feature on the cql core, handed to sessions by the composition root' },
  { from: 'extension/cql/', not: ['extension/copy/'], why: 'the execution core takes COPY as an injected statement handler' },
  { from: 'extension/secrets/', only: ['extension/secrets/'], why: 'redaction is the bottom layer: everything logs through it' },
  { from: 'extension/dataApi/', only: ['extension/dataApi/', 'extension/connections/', 'extension/secrets/', 'extension/astra/core/', 'extension/logging', 'extension/services', 'extension/webviewPage', 'shared/'], why: 'the Data API feature sits beside the trees it feeds, never on them' },
  { from: 'webview/', only: ['webview/', 'shared/'], why: 'a webview bundle runs in the browser' },
  { from: 'shared/', only: ['shared/'], why: 'shared is imported by both runtimes' },
];

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const files = walk(SRC);
const rel = (p) => relative(SRC, p).split('\\').join('/');
const lines = new Map(files.map((f) => [rel(f), readFileSync(f, 'utf8').split('\n').length - 1]));

/** Relative imports of each file, resolved to files under src (`.js` specifiers name `.ts` sources). */
const edges = new Map();
const bare = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const deps = new Set();
  const pkgs = new Set();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (!spec.startsWith('.')) {
      pkgs.add(spec);
      continue;
    }
    const target = rel(resolve(dirname(f), spec)).replace(/\.js$/, '.ts');
    const candidates = [target, target.replace(/\.ts$/, '.d.ts'), target.replace(/\.ts$/, '/index.ts')];
    deps.add(candidates.find((c) => lines.has(c)) ?? target);
  }
  edges.set(rel(f), deps);
  bare.set(rel(f), pkgs);
}

const problems = [];
for (const [from, deps] of edges) {
  for (const to of deps) {
    for (const r of RULES) {
      if (!from.startsWith(r.from)) continue;
      const bad = r.only ? !r.only.some((p) => to.startsWith(p)) : r.not.some((p) => to.startsWith(p));
      if (bad) problems.push(`${from} imports ${to} (${r.why})`);
    }
  }
  if (/(^|\/)core\//.test(from) && bare.get(from).has('vscode')) problems.push(`${from} imports vscode (core folders are vscode-free)`);
  if (lines.get(from) > MAX_LINES) problems.push(`${from} has ${lines.get(from)} lines (limit ${MAX_LINES})`);
}

/** Cycles between files (Tarjan's strongly connected components). */
function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || graph.get(v)?.has(v)) found.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

for (const c of cycles(edges)) problems.push(`import cycle: ${c.join(' → ')}`);

// Files directly under src/extension (composition root, services contract, logging) are nodes of their own: the
// composition root imports every feature by design, which would otherwise fold the whole host into one cycle.
const folderOf = (f) => (/^extension\/[^/]+$/.test(f) ? f.replace(/\.ts$/, '') : f.slice(0, f.lastIndexOf('/')));
const folderEdges = new Map();
for (const [from, deps] of edges) {
  for (const to of deps) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    folderEdges.set(key, (folderEdges.get(key) ?? 0) + 1);
  }
}
const folderGraph = new Map();
for (const key of folderEdges.keys()) {
  const [a, b] = key.split(' -> ');
  if (!folderGraph.has(a)) folderGraph.set(a, new Set());
  folderGraph.get(a).add(b);
}

const folderCycles = cycles(folderGraph);
for (const c of folderCycles) problems.push(`folder cycle: ${c.join(' ↔ ')}`);

if (process.argv.includes('--report')) {
  const perFolder = new Map();
  for (const [f, n] of lines) {
    const d = folderOf(f);
    const e = perFolder.get(d) ?? { files: 0, lines: 0 };
    e.files++;
    e.lines += n;
    perFolder.set(d, e);
  }
  console.log('lines per folder (src/):');
  for (const [d, e] of [...perFolder].sort()) console.log(`  ${d.padEnd(32)} ${String(e.files).padStart(3)} files ${String(e.lines).padStart(6)} lines`);
  console.log(`  ${'total'.padEnd(32)} ${String(files.length).padStart(3)} files ${String([...lines.values()].reduce((a, b) => a + b, 0)).padStart(6)} lines`);
  console.log('\nfolder-level imports (count of import statements):');
  for (const [k, n] of [...folderEdges].sort()) console.log(`  ${k}  (${n})`);
  console.log(`\nfolder-level cycles: ${folderCycles.length ? folderCycles.map((c) => c.join(' ↔ ')).join('; ') : 'none'}`);
}

if (problems.length) {
  console.error(`import layers: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`import layers: ${files.length} files, ${[...edges.values()].reduce((a, d) => a + d.size, 0)} imports, rules and cycles OK`);
