// The host side of row editing against a fake `vscode` and a fake driver client: editability from the table's
// metadata, the modal preview listing the exact statements, nothing run when it is dismissed, Astra's write
// guardrail on the consistency, and every statement reported to the query history (text only).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeVscode, installFakeVscode } from '../fakes/fakeVscode.js';

const fake = createFakeVscode();
installFakeVscode(fake);
let RowEditRequests: typeof import('../../../src/extension/rowEdits/rowEditRequests.js').RowEditRequests;

const INT = { code: 0x09 };
const TEXT = { code: 0x0a };
const sent: { kind: 'batch' | 'execute'; queries: string[]; options: Record<string, unknown> }[] = [];
const client = {
  metadata: {
    getTable: async (ks: string, name: string) => (ks === 'ks' && name === 't' ? {
      name: 't', virtual: false,
      columns: [{ name: 'id', type: INT }, { name: 'Body', type: TEXT }],
      partitionKeys: [{ name: 'id', type: INT }], clusteringKeys: [],
    } : null),
    keyspaces: { ks: {} },
  },
  batch: async (queries: string[], options: Record<string, unknown>) => void sent.push({ kind: 'batch', queries, options }),
  execute: async (query: string, _p: unknown, options: Record<string, unknown>) => (sent.push({ kind: 'execute', queries: [query], options }), { rows: [] }),
};
const session = { consistency: 'ONE', serialConsistency: undefined };
const reported: Record<string, unknown>[] = [];
const live = new Map([['q1', { owner: session, query: { query: 'SELECT * FROM ks.t', keyspace: 'ks', columns: [{ name: 'id', type: INT }, { name: 'Body', type: TEXT }] } }]]);
const sessions = { liveQueries: { get: (id: string) => live.get(id) }, profileOf: () => 'p1', reportFinished: (s: Record<string, unknown>) => void reported.push(s) };
let kind = 'bundle';
const connections = { client: async () => client, profile: () => ({ kind }), defaultConsistency: () => 6 };
const requests = () => new RowEditRequests(sessions as never, connections as never);

const edits = [
  { kind: 'update' as const, key: [{ column: 'id', value: 1 }], changes: [{ column: 'Body', old: 'a', input: { text: "b'c" } }] },
  { kind: 'delete' as const, key: [{ column: 'id', value: 1 }] },
];

before(async () => {
  ({ RowEditRequests } = await import('../../../src/extension/rowEdits/rowEditRequests.js'));
});

test('editInfo: roles from the table metadata; a result that is gone is read-only with the reason', async () => {
  const info = await requests().answer({ type: 'editInfo', requestId: 1, queryId: 'q1' });
  assert.deepEqual(info, { type: 'editInfo', requestId: 1, queryId: 'q1', editable: true, table: 'ks.t', columns: [{ name: 'id', type: 'int', role: 'partition' }, { name: 'Body', type: 'text', role: 'regular' }] });
  const gone = await requests().answer({ type: 'editInfo', requestId: 2, queryId: 'nope' });
  assert.ok(gone.type === 'editInfo' && !gone.editable && /not attached to a live session/.test(gone.reason));
});

test('Apply previews the exact statements; dismissing the preview runs nothing', async () => {
  sent.length = 0;
  let detail = '';
  fake.answers.push((opts: Record<string, unknown>) => ((detail = String(opts['detail'])), undefined));
  const r = await requests().answer({ type: 'applyEdits', requestId: 3, queryId: 'q1', edits, lwt: false });
  assert.deepEqual(r, { type: 'editsApplied', requestId: 3, queryId: 'q1', applied: false, reports: [], note: 'Nothing was applied.' });
  assert.equal(sent.length, 0);
  assert.deepEqual(detail.split('\n\n').slice(1), [`UPDATE ks.t SET "Body" = 'b''c' WHERE id = 1;`, 'DELETE FROM ks.t WHERE id = 1;']);
});

test('approved edits run as one batch, at LOCAL_QUORUM on Astra when the notebook is at ONE, and reach the history', async () => {
  sent.length = 0;
  reported.length = 0;
  let detail = '';
  fake.answers.push((opts: Record<string, unknown>) => ((detail = String(opts['detail'])), 'Apply'));
  const r = await requests().answer({ type: 'applyEdits', requestId: 4, queryId: 'q1', edits, lwt: false });
  assert.ok(r.type === 'editsApplied' && r.applied && r.reports.every((x) => x.ok));
  assert.match(detail, /Consistency LOCAL_QUORUM \(Astra refuses writes at ONE\) · one batch/);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.kind, 'batch');
  assert.equal(sent[0]!.options['consistency'], 6);
  assert.deepEqual(reported.map((s) => [s['profileId'], s['text'], s['status'], s['consistency']]), [
    ['p1', `UPDATE ks.t SET "Body" = 'b''c' WHERE id = 1`, 'ok', 'LOCAL_QUORUM'],
    ['p1', 'DELETE FROM ks.t WHERE id = 1', 'ok', 'LOCAL_QUORUM'],
  ]);
});

test('off Astra the notebook consistency is used; LWT runs statement by statement; bad input is refused before any preview', async () => {
  kind = 'contactPoints';
  sent.length = 0;
  fake.answers.push('Apply');
  const r = await requests().answer({ type: 'applyEdits', requestId: 5, queryId: 'q1', edits, lwt: true });
  assert.ok(r.type === 'editsApplied' && r.applied);
  assert.deepEqual(sent.map((s) => [s.kind, s.options['consistency']]), [['execute', 1], ['execute', 1]]);
  assert.match(sent[0]!.queries[0]!, / IF "Body" = 'a'$/);
  const bad = await requests().answer({ type: 'applyEdits', requestId: 6, queryId: 'q1', edits: [{ kind: 'insert', values: [{ column: 'id', input: { text: 'x' } }] }], lwt: false });
  assert.ok(bad.type === 'editsApplied' && !bad.applied && /id: .*integer/.test(bad.note ?? ''));
});
