// package.json must declare every command the code registers or calls, and the tree's menus must refer to
// contextValues the tree really produces (a typo there silently hides an action). After MongoDB for VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_VALUES } from '../../src/extension/explorer/model.js';
import { EXPLORER_COMMANDS, EXTERNAL_COMMANDS } from '../../src/extension/explorer/actions.js';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const declared = new Set<string>((manifest.contributes?.commands ?? []).map((c: { command: string }) => c.command));
const menus: Record<string, MenuItem[]> = manifest.contributes?.menus ?? {};
const VIEW = 'astraDb.connections';

/** Evaluates the subset of when-clause syntax our menus use: `||` of `&&` of `==`, `!=`, `=~ /re/`, `!x`, `x`. */
export function evalWhen(when: string | undefined, ctx: Record<string, string | boolean>): boolean {
  if (!when) return true;
  return when.split('||').some((alt) =>
    alt.split('&&').every((raw) => {
      const atom = raw.trim();
      let m = /^(\S+)\s*=~\s*\/(.*)\/(\w*)$/.exec(atom);
      if (m) return new RegExp(m[2], m[3]).test(String(ctx[m[1]] ?? ''));
      m = /^(\S+)\s*(==|!=)\s*(.+)$/.exec(atom);
      if (m) return (String(ctx[m[1]] ?? '') === m[3].trim()) === (m[2] === '==');
      if (atom === 'true' || atom === 'false') return atom === 'true';
      if (atom.startsWith('!')) return !ctx[atom.slice(1)];
      return !!ctx[atom];
    }),
  );
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('every command used in menus is declared', () => {
  for (const [menu, items] of Object.entries(menus)) {
    for (const item of items) assert.ok(declared.has(item.command), `${menu} uses undeclared ${item.command}`);
  }
});

test('every command in welcome views and keybindings is declared', () => {
  for (const w of manifest.contributes?.viewsWelcome ?? []) {
    for (const m of String(w.contents).matchAll(/\(command:([\w.]+)/g)) assert.ok(declared.has(m[1]), `welcome view uses ${m[1]}`);
  }
  for (const k of manifest.contributes?.keybindings ?? []) assert.ok(declared.has(k.command), `keybinding for ${k.command}`);
});

test('every astra.* command the extension registers or executes is declared', () => {
  const used = new Set<string>([...Object.values(EXPLORER_COMMANDS), ...EXTERNAL_COMMANDS]);
  for (const file of sourceFiles(join(root, 'src', 'extension'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:registerCommand|executeCommand|reg)\(\s*['"](astra\.[\w.]+)['"]/g)) used.add(m[1]);
  }
  const missing = [...used].filter((c) => !declared.has(c));
  assert.deepEqual(missing, []);
});

test('explorer commands in package.json all exist in code', () => {
  const ours = new Set<string>(Object.values(EXPLORER_COMMANDS));
  const stale = [...declared].filter((c) => c.startsWith('astra.explorer.') && !ours.has(c));
  assert.deepEqual(stale, []);
});

test('every viewItem a tree menu tests for is a contextValue the tree produces', () => {
  for (const [menu, items] of Object.entries(menus)) {
    if (!menu.startsWith('view/item')) continue;
    for (const item of items) {
      if (!item.when?.includes(`view == ${VIEW}`)) continue;
      const matches = CONTEXT_VALUES.filter((cv) => evalWhen(item.when, { view: VIEW, viewItem: cv }));
      assert.ok(matches.length > 0, `${item.command} (${item.when}) matches no contextValue`);
      for (const m of item.when.matchAll(/viewItem == ([\w-]+)/g)) {
        assert.ok((CONTEXT_VALUES as readonly string[]).includes(m[1]), `${item.command}: unknown viewItem ${m[1]}`);
      }
    }
  }
});

test('each tree node offers its actions', () => {
  const offered = (cv: string) =>
    new Set((menus['view/item/context'] ?? []).filter((i) => evalWhen(i.when, { view: VIEW, viewItem: cv })).map((i) => i.command));
  const expect: Record<string, string[]> = {
    'connection-disconnected': [EXPLORER_COMMANDS.connect, EXPLORER_COMMANDS.copyConnectionCode],
    'connection-error': [EXPLORER_COMMANDS.connect],
    'connection-connected': [EXPLORER_COMMANDS.disconnect, EXPLORER_COMMANDS.refresh, EXPLORER_COMMANDS.newNotebook, EXPLORER_COMMANDS.copyConnectionCode],
    keyspace: [EXPLORER_COMMANDS.newNotebook, EXPLORER_COMMANDS.describe, EXPLORER_COMMANDS.copyName, EXPLORER_COMMANDS.refresh],
    table: [EXPLORER_COMMANDS.selectRows, EXPLORER_COMMANDS.describe, EXPLORER_COMMANDS.copyName, EXPLORER_COMMANDS.dropTable, EXPLORER_COMMANDS.refresh],
    'table-system': [EXPLORER_COMMANDS.selectRows, EXPLORER_COMMANDS.describe, EXPLORER_COMMANDS.copyName],
    view: [EXPLORER_COMMANDS.selectRows, EXPLORER_COMMANDS.describe],
    type: [EXPLORER_COMMANDS.describe], function: [EXPLORER_COMMANDS.describe], aggregate: [EXPLORER_COMMANDS.describe],
    column: [EXPLORER_COMMANDS.copyName],
  };
  for (const [cv, commands] of Object.entries(expect)) {
    for (const c of commands) assert.ok(offered(cv).has(c), `${cv} lacks ${c}`);
  }
  // Never on system tables, never twice-connected.
  assert.ok(!offered('table-system').has(EXPLORER_COMMANDS.dropTable));
  assert.ok(!offered('connection-connected').has(EXPLORER_COMMANDS.connect));
  assert.ok(!offered('connection-disconnected').has(EXPLORER_COMMANDS.disconnect));
  // A connection linked to an Astra database keeps every connection action and adds the DevOps API ones.
  for (const state of ['connected', 'disconnected', 'error']) {
    for (const c of expect[`connection-${state}`]!) assert.ok(offered(`connection-${state}-astradb`).has(c), `${state}-astradb lacks ${c}`);
    assert.ok(offered(`connection-${state}-astradb`).has('astra.refreshBundle'));
    assert.ok(!offered(`connection-${state}`).has('astra.refreshBundle'), 'refresh bundle offered on a non-Astra connection');
  }
  assert.ok(offered('connection-connected-astradb').has('astra.createKeyspace'));
  assert.ok(!offered('connection-connected').has('astra.createKeyspace'));
  assert.ok(!offered('connection-disconnected-astradb').has('astra.createKeyspace'));
});

test('the tree view and its container are declared', () => {
  const views = Object.values(manifest.contributes?.views ?? {}).flat() as { id: string }[];
  assert.ok(views.some((v) => v.id === VIEW));
  assert.ok((manifest.contributes?.viewsWelcome ?? []).some((w: { view: string }) => w.view === VIEW));
});

test('the when-clause evaluator itself', () => {
  assert.ok(evalWhen('view == a && viewItem =~ /^(x|y)$/', { view: 'a', viewItem: 'y' }));
  assert.ok(!evalWhen('view == a && viewItem =~ /^(x|y)$/', { view: 'a', viewItem: 'xy' }));
  assert.ok(evalWhen('viewItem == q || viewItem != z', { viewItem: 'w' }));
  assert.ok(!evalWhen('false', {}));
});
