import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statementRegions } from '../../../src/extension/cql/statementRegions.js';
import { cellPosition, splitStatements, syntaxErrorPosition } from '../../../src/extension/cql/statements.js';

const texts = (src: string) => splitStatements(src).map((s) => s.text);

test('splits on semicolons and keeps the last unterminated statement', () => {
  assert.deepEqual(texts('SELECT 1;\nSELECT 2;  SELECT 3'), ['SELECT 1', 'SELECT 2', 'SELECT 3']);
  const s = splitStatements('SELECT 1;\nSELECT 2');
  assert.equal(s[0]!.terminated, true);
  assert.equal(s[1]!.terminated, false);
});

test('semicolons inside strings with escaped quotes do not split', () => {
  assert.deepEqual(texts("INSERT INTO t (a) VALUES ('it''s; fine');SELECT 2;"), [
    "INSERT INTO t (a) VALUES ('it''s; fine')",
    'SELECT 2',
  ]);
});

test('quoted identifiers with "" escapes and semicolons', () => {
  assert.deepEqual(texts('SELECT "we;ird""col" FROM t; SELECT 1'), ['SELECT "we;ird""col" FROM t', 'SELECT 1']);
});

test('comments: line, slash-slash and block comments never split and are dropped between statements', () => {
  const src = `-- leading; comment
SELECT a -- trailing; comment
FROM t; // another; one
/* block; comment
   spanning lines */ SELECT 2;
/* only a comment */`;
  const out = splitStatements(src);
  assert.equal(out.length, 2);
  assert.equal(out[0]!.text, 'SELECT a -- trailing; comment\nFROM t');
  assert.equal(out[1]!.text, 'SELECT 2');
  assert.deepEqual([out[0]!.line, out[0]!.column], [1, 0]);
  assert.deepEqual([out[1]!.line, out[1]!.column], [4, 21]);
});

test('a cell made only of comments and whitespace has no statements', () => {
  assert.deepEqual(splitStatements('  -- nothing\n/* here; */\n  ;'), []);
});

test('a lone semicolon between statements produces no empty statement', () => {
  assert.deepEqual(texts('SELECT 1;;SELECT 2;'), ['SELECT 1', 'SELECT 2']);
});

test('$$ function bodies are kept whole', () => {
  const fn = `CREATE FUNCTION ks.f(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; // ok; $$`;
  assert.deepEqual(texts(`${fn};\nSELECT 1;`), [fn, 'SELECT 1']);
});

test('BEGIN BATCH … APPLY BATCH is one statement, including UNLOGGED and COUNTER', () => {
  const batch = `BEGIN BATCH
  INSERT INTO t (a) VALUES (1);
  UPDATE t SET b = 'x;y' WHERE a = 2;
APPLY BATCH`;
  assert.deepEqual(texts(`${batch};\nSELECT * FROM t;`), [batch, 'SELECT * FROM t']);
  const unlogged = 'begin unlogged batch insert into t (a) values (1); apply batch';
  assert.deepEqual(texts(`${unlogged}; select 1`), [unlogged, 'select 1']);
  const counter = 'BEGIN COUNTER BATCH UPDATE c SET n = n + 1 WHERE k = 1; APPLY BATCH';
  assert.deepEqual(texts(counter), [counter]);
});

test('shell commands end at a newline even without a semicolon', () => {
  assert.deepEqual(texts('CONSISTENCY QUORUM\nTRACING ON\nSELECT *\nFROM t;\nEXPAND ON'), [
    'CONSISTENCY QUORUM',
    'TRACING ON',
    'SELECT *\nFROM t',
    'EXPAND ON',
  ]);
});

test('unterminated strings and comments do not throw and swallow the rest', () => {
  assert.deepEqual(texts("SELECT 'abc; def"), ["SELECT 'abc; def"]);
  assert.deepEqual(texts('SELECT 1; /* open'), ['SELECT 1']);
});

test('positions: offsets, lines and columns map server syntax errors into the cell', () => {
  const src = 'SELECT 1;\n\n  SELEC * FROM t;';
  const [, second] = splitStatements(src);
  assert.equal(src.slice(second!.start, second!.end), 'SELEC * FROM t');
  assert.deepEqual([second!.line, second!.column], [2, 2]);
  const pos = syntaxErrorPosition("line 1:0 no viable alternative at input 'SELEC' ([SELEC]...)");
  assert.deepEqual(pos, { line: 1, column: 0 });
  assert.deepEqual(cellPosition(second!, pos!.line, pos!.column), { line: 2, column: 2 });
  assert.deepEqual(cellPosition(second!, 2, 4), { line: 3, column: 4 });
  assert.equal(syntaxErrorPosition('no position here'), undefined);
});

test('a notebook cell and a .cql Run All split the same way: SOURCE is a shell command that ends at its newline', () => {
  const text = "SOURCE 'setup.cql'\nSELECT * FROM t;\nCAPTURE OFF\nSELECT 1 FROM t";
  const cell = splitStatements(text).map((s) => s.text);
  const editor = statementRegions(text).map((r) => text.slice(r.start, r.end).trim());
  assert.deepEqual(cell, ["SOURCE 'setup.cql'", 'SELECT * FROM t', 'CAPTURE OFF', 'SELECT 1 FROM t']);
  assert.deepEqual(editor, cell);
});
