// The CQL TextMate grammar, tokenized with the same engine VS Code uses (vscode-textmate + oniguruma wasm).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = join(import.meta.dirname, '..', '..');
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.cql') return null;
      const path = join(root, 'syntaxes', 'cql.tmLanguage.json');
      return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  const g = await registry.loadGrammar('source.cql');
  assert.ok(g, 'grammar loads');
  grammar = g;
});

interface Tok {
  text: string;
  scopes: string[];
}

function tokenize(source: string): Tok[] {
  let state = textmate.INITIAL;
  const out: Tok[] = [];
  for (const line of source.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

/** The innermost scope of the first token whose text is exactly `text` (after `skip` earlier matches). */
function scopeOf(source: string, text: string, skip = 0): string {
  const hits = tokenize(source).filter((t) => t.text === text);
  const hit = hits[skip];
  assert.ok(hit, `no token ${JSON.stringify(text)} in ${JSON.stringify(source)}; tokens: ${tokenize(source).map((t) => t.text).join('|')}`);
  return hit.scopes[hit.scopes.length - 1]!;
}

function scopesOf(source: string, text: string): string[] {
  const hit = tokenize(source).find((t) => t.text.includes(text));
  assert.ok(hit, `no token containing ${text}`);
  return hit.scopes;
}

test('keywords are case-insensitive', () => {
  assert.equal(scopeOf('SELECT a FROM t WHERE a = 1', 'SELECT'), 'keyword.other.cql');
  assert.equal(scopeOf('select a from t', 'from'), 'keyword.other.cql');
  assert.equal(scopeOf('SeLeCt a FROM t WHERE a = 1 AND b = 2', 'AND'), 'keyword.operator.logical.cql');
  assert.equal(scopeOf('CREATE TABLE IF NOT EXISTS ks.t (a int PRIMARY KEY)', 'PRIMARY'), 'keyword.other.cql');
  // Names after `.` are names even when they spell a keyword or a type.
  assert.ok(!scopesOf('SELECT * FROM demo.users', 'users').some((s) => s.startsWith('keyword')));
  assert.ok(!scopesOf('SELECT * FROM ks.text', 'text').some((s) => s.startsWith('storage')));
  // A plain identifier is not a keyword.
  assert.ok(!scopesOf('SELECT name FROM users', 'name').some((s) => s.startsWith('keyword')));
});

test('types, collections and vector<float, n>', () => {
  const src = 'CREATE TABLE v (id uuid PRIMARY KEY, tags set<text>, m map<text, frozen<list<int>>>, e vector<float, 1536>)';
  assert.equal(scopeOf(src, 'uuid'), 'storage.type.cql');
  assert.equal(scopeOf(src, 'set'), 'storage.type.collection.cql');
  assert.equal(scopeOf(src, 'frozen'), 'storage.type.collection.cql');
  assert.equal(scopeOf(src, 'vector'), 'storage.type.collection.cql');
  assert.equal(scopeOf(src, 'float'), 'storage.type.cql');
  assert.equal(scopeOf(src, '1536'), 'constant.numeric.integer.cql');
  assert.equal(scopeOf(src, '<'), 'punctuation.definition.typeparameters.begin.cql');
  // SET as a clause is a keyword, not the collection type.
  assert.equal(scopeOf('UPDATE t SET a = 1 WHERE k = 2', 'SET'), 'keyword.other.cql');
  assert.equal(scopeOf('SELECT * FROM t WHERE a < 3', '<'), 'keyword.operator.comparison.cql');
});

test('strings with doubled-quote escapes', () => {
  const src = "INSERT INTO t (a) VALUES ('it''s fine')";
  assert.equal(scopeOf(src, "''"), 'constant.character.escape.cql');
  assert.equal(scopeOf(src, 's fine'), 'string.quoted.single.cql');
  assert.equal(scopeOf(src, ')', 1), 'punctuation.section.parens.end.cql');
  // The string ends at the lone quote: what follows is code again.
  assert.equal(scopeOf("SELECT 'a' FROM t", 'FROM'), 'keyword.other.cql');
});

test('$$ bodies span lines', () => {
  const src = 'CREATE FUNCTION f(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$\n  return x + 1; -- not a comment\n$$;';
  const body = tokenize(src).find((t) => t.text.includes('return x'));
  assert.ok(body);
  assert.ok(body.scopes.includes('string.quoted.other.dollar.cql'), body.scopes.join(' '));
  assert.ok(!body.scopes.some((s) => s.startsWith('comment')));
  assert.equal(scopeOf(src, '$$', 1), 'punctuation.definition.string.end.cql');
  assert.equal(scopeOf(src, ';', 0), 'punctuation.terminator.statement.cql');
  assert.equal(scopeOf(src, 'f'), 'entity.name.function.cql');
});

test('the three comment styles', () => {
  assert.ok(scopesOf('SELECT 1 -- trailing', ' trailing').includes('comment.line.double-dash.cql'));
  assert.ok(scopesOf('// whole line', ' whole line').includes('comment.line.double-slash.cql'));
  const block = tokenize('/* first\nsecond */ SELECT');
  assert.ok(block.find((t) => t.text === 'second ')!.scopes.includes('comment.block.cql'));
  assert.equal(block.find((t) => t.text === 'SELECT')!.scopes.at(-1), 'keyword.other.cql');
});

test('quoted identifiers with "" escapes', () => {
  const src = 'SELECT "MixedCase", "say ""hi""" FROM "Ks"."Tbl"';
  assert.equal(scopeOf(src, 'MixedCase'), 'variable.other.quoted.cql');
  assert.equal(scopeOf(src, '""'), 'constant.character.escape.cql');
  assert.equal(scopeOf(src, 'Tbl'), 'variable.other.quoted.cql');
  assert.equal(scopeOf(src, 'FROM'), 'keyword.other.cql');
});

test('numbers: integers, floats, NaN/Infinity, durations', () => {
  const src = 'INSERT INTO t (a,b,c,d,e,f,g) VALUES (42, -3.5e10, NaN, -Infinity, 1h30m, 89d4h, P1Y2M)';
  assert.equal(scopeOf(src, '42'), 'constant.numeric.integer.cql');
  assert.equal(scopeOf(src, '-3.5e10'), 'constant.numeric.float.cql');
  assert.equal(scopeOf(src, 'NaN'), 'constant.numeric.float.special.cql');
  assert.equal(scopeOf(src, '-Infinity'), 'constant.numeric.float.special.cql');
  assert.equal(scopeOf(src, '1h30m'), 'constant.numeric.duration.cql');
  assert.equal(scopeOf(src, '89d4h'), 'constant.numeric.duration.cql');
  assert.equal(scopeOf(src, 'P1Y2M'), 'constant.numeric.duration.iso.cql');
  // Digits inside an identifier are not numbers.
  assert.ok(!scopesOf('SELECT col1 FROM t', 'col1').some((s) => s.startsWith('constant')));
});

test('uuids, blobs, booleans, null', () => {
  const src = 'UPDATE t SET b = 0xCAFE01, f = true, n = null WHERE id = 123e4567-e89b-12d3-a456-426614174000';
  assert.equal(scopeOf(src, '123e4567-e89b-12d3-a456-426614174000'), 'constant.numeric.uuid.cql');
  assert.equal(scopeOf(src, '0xCAFE01'), 'constant.numeric.hex.blob.cql');
  assert.equal(scopeOf(src, 'true'), 'constant.language.boolean.cql');
  assert.equal(scopeOf(src, 'null'), 'constant.language.null.cql');
});

test('functions, operators and bind markers', () => {
  const src = 'SELECT toJson(a), similarity_cosine(v, ?) FROM t WHERE k = :key AND ts >= now() ORDER BY v ANN OF [1, 2] LIMIT 3';
  assert.equal(scopeOf(src, 'toJson'), 'support.function.builtin.cql');
  assert.equal(scopeOf(src, 'similarity_cosine'), 'support.function.builtin.cql');
  assert.equal(scopeOf(src, 'now'), 'support.function.builtin.cql');
  assert.equal(scopeOf(src, '?'), 'variable.parameter.bind.cql');
  assert.equal(scopeOf(src, ':key'), 'variable.parameter.bind.named.cql');
  assert.equal(scopeOf(src, '>='), 'keyword.operator.comparison.cql');
  assert.equal(scopeOf(src, 'ANN'), 'keyword.other.cql');
});

test('cqlsh shell commands at the start of a statement', () => {
  assert.equal(scopeOf('DESCRIBE TABLE ks.t', 'DESCRIBE'), 'keyword.control.shell.cql');
  assert.equal(scopeOf('desc keyspaces', 'desc'), 'keyword.control.shell.cql');
  assert.equal(scopeOf('CONSISTENCY LOCAL_QUORUM', 'CONSISTENCY'), 'keyword.control.shell.cql');
  assert.equal(scopeOf('CONSISTENCY LOCAL_QUORUM', 'LOCAL_QUORUM'), 'constant.language.consistency.cql');
  assert.equal(scopeOf('SERIAL CONSISTENCY LOCAL_SERIAL', 'SERIAL CONSISTENCY'), 'keyword.control.shell.cql');
  assert.equal(scopeOf('TRACING ON', 'ON'), 'constant.language.toggle.cql');
  assert.equal(scopeOf('EXPAND off', 'off'), 'constant.language.toggle.cql');
  assert.equal(scopeOf('PAGING 50', '50'), 'constant.numeric.integer.cql');
  for (const cmd of ['SOURCE', 'CAPTURE', 'SHOW']) assert.equal(scopeOf(`${cmd} 'x'`, cmd), 'keyword.control.shell.cql');
  // After `;` on the same line it is still a command; mid-statement DESC is the sort order.
  assert.equal(scopeOf('USE ks; DESCRIBE tables', 'DESCRIBE'), 'keyword.control.shell.cql');
  assert.equal(scopeOf('SELECT * FROM t ORDER BY c DESC', 'DESC'), 'keyword.other.cql');
  // The shell command ends with its line: the next line is CQL.
  const two = tokenize('TRACING ON\nSELECT * FROM t');
  assert.equal(two.find((t) => t.text === 'SELECT')!.scopes.at(-1), 'keyword.other.cql');
});
