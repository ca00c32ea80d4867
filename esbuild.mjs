// Bundles: the extension (Node, CommonJS, `vscode` external) and the webviews (browser ESM, one file each).
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, no source maps (used by `npm run package`)
//   node esbuild.mjs --watch
//   --demo-hook                    keep the ASTRA_DB_VSCODE_DEMO hook in a production build (for `npm run demo` and
//                                  the e2e scenarios; a development build always has it, a shipped one never)
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const demoHook = !production || process.argv.includes('--demo-hook');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // `kerberos` is an optional native add-on of cassandra-driver (GSSAPI only); the driver guards the require.
    external: ['vscode', 'kerberos'],
    define: { DEMO_HOOK: JSON.stringify(demoHook) },
  },
];

// Webview bundles: the notebook renderer, the `.cql` results panel (which embeds the renderer), the document browser.
for (const [entry, outfile] of [
  ['src/webview/renderer/index.ts', 'dist/renderer.js'],
  ['src/webview/resultsPanel/index.ts', 'dist/resultsPanel.js'],
  ['src/webview/documents/index.ts', 'dist/documents.js'],
]) {
  builds.push({ ...common, entryPoints: [entry], outfile, platform: 'browser', format: 'esm', target: 'es2022' });
}

// A production build writes no maps; drop stale ones from an earlier dev build so they never mislead.
if (production) for (const b of builds) rmSync(`${b.outfile}.map`, { force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
