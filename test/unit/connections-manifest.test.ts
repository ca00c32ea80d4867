// The manifest and the code must agree: every connection command registered is declared (and vice versa for
// the astra.* ids this module owns), settings defaults match the code, activation stays lazy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { CONSISTENCY_LEVELS, DEFAULT_SETTINGS } from '../../src/extension/connections/clientOptions.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const commandsSource = readFileSync(new URL('src/extension/connections/commands.ts', root), 'utf8');
const registered = [...commandsSource.matchAll(/reg\('(astra\.[A-Za-z]+)'/g)].map((m) => m[1]!);
const declared = new Map<string, { title: string; category?: string }>(
  (pkg.contributes.commands as { command: string; title: string; category?: string }[]).map((c) => [c.command, c]),
);

test('every registered connection command is declared with the Astra category', () => {
  assert.ok(registered.length >= 10, `found ${registered.length} registrations`);
  for (const id of registered) {
    assert.ok(declared.has(id), `${id} is not in contributes.commands`);
    assert.equal(declared.get(id)!.category, 'Astra', `${id} category`);
  }
});

test('activation is lazy and the view, container and welcome buttons exist', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(!pkg.activationEvents.includes('onStartupFinished'));
  const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'astraDb');
  assert.equal(container.title, 'Astra DB');
  assert.ok(pkg.contributes.views.astraDb.some((v: { id: string }) => v.id === 'astraDb.connections'));
  const welcome = pkg.contributes.viewsWelcome.find((w: { view: string }) => w.view === 'astraDb.connections');
  assert.match(welcome.contents, /\(command:astra\.addBundleConnection\)/);
  assert.match(welcome.contents, /\(command:astra\.addContactPointsConnection\)/);
});

test('setting defaults and the consistency enum match the code', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['astra.connectTimeoutSeconds'].default, DEFAULT_SETTINGS.connectTimeoutSeconds);
  assert.equal(props['astra.requestTimeoutSeconds'].default, DEFAULT_SETTINGS.requestTimeoutSeconds);
  assert.equal(props['astra.defaultConsistency'].default, 'LOCAL_QUORUM');
  assert.deepEqual([...props['astra.defaultConsistency'].enum].sort(), Object.keys(CONSISTENCY_LEVELS).sort());
});

test('the extension bundle loads cassandra-driver only behind a dynamic import', async () => {
  const out = await build({
    entryPoints: [new URL('src/extension/extension.ts', root).pathname],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'kerberos'],
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.text;
  const calls = [...code.matchAll(/(.{0,40})require_cassandra_driver\(\)/g)];
  assert.ok(calls.length >= 1, 'the driver is bundled');
  for (const [, before] of calls) assert.match(before!, /Promise\.resolve\(\)\.then\(\(\) => __toESM\($/);
});
