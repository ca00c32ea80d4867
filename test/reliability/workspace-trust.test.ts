// Workspace trust: in an untrusted workspace a notebook's cells do not execute (no connection is even looked up),
// and the cell says why. Drives the real controller with a fake `vscode` whose workspace trust can be flipped.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeVscode, installFakeVscode } from '../unit/fakes/fakeVscode.js';
import { record } from './support/report.js';

interface FakeItem { mime: string; value: unknown }
interface FakeExecution { outputs: FakeItem[][]; success?: boolean }

const fake = createFakeVscode();
installFakeVscode(fake);
const vs = fake.vscode as Record<string, unknown>;
const workspace = vs['workspace'] as Record<string, unknown>;
const executions: FakeExecution[] = [];
let executeHandler: ((cells: unknown[], notebook: unknown) => Promise<void>) | undefined;

vs['NotebookCellKind'] = { Markup: 1, Code: 2 };
vs['NotebookCellOutput'] = class {
  constructor(readonly items: FakeItem[], readonly metadata?: unknown) {}
};
vs['NotebookCellOutputItem'] = {
  error: (e: Error) => ({ mime: 'application/vnd.code.notebook.error', value: { name: e.name, message: e.message } }),
  text: (t: string) => ({ mime: 'text/plain', value: t }),
  json: (v: unknown, mime: string) => ({ mime, value: v }),
};
vs['notebooks'] = {
  createNotebookController: () => {
    const controller = {
      set executeHandler(h: typeof executeHandler) {
        executeHandler = h;
      },
      onDidChangeSelectedNotebooks: () => ({ dispose() {} }),
      createNotebookCellExecution: () => {
        const ex: FakeExecution = { outputs: [] };
        executions.push(ex);
        return {
          executionOrder: 0,
          token: { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) },
          start() {},
          clearOutput: async () => void (ex.outputs = []),
          appendOutput: async (o: { items: FakeItem[] }) => void ex.outputs.push(o.items),
          end: (success: boolean) => void (ex.success = success),
        };
      },
      dispose() {},
    };
    return controller;
  },
};

let ensured = 0;
const sessions = {
  ensure: async () => {
    ensured++;
    throw new Error('No connection for this notebook (test stand-in).');
  },
  keyspaceChanged: async () => {},
};
const notebook = { uri: { toString: () => 'file:///w/untrusted.cqlnb' }, metadata: {} };
const cell = { kind: 2, document: { getText: () => "DROP KEYSPACE prod;" } };

before(async () => {
  const { CqlNotebookController } = await import('../../src/extension/notebook/controller.js');
  const log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  new CqlNotebookController(sessions as never, log as never);
  assert.ok(executeHandler, 'the controller registered an execute handler');
});

test('untrusted workspace: the cell does not run, no connection is looked up, the output says why', async () => {
  workspace['isTrusted'] = false;
  await executeHandler!([cell], notebook);
  const ex = executions.at(-1)!;
  assert.equal(ex.success, false);
  assert.equal(ensured, 0, 'a connection was requested in an untrusted workspace');
  const item = ex.outputs.flat()[0]!;
  assert.equal(item.mime, 'application/vnd.code.notebook.error');
  const { name, message } = item.value as { name: string; message: string };
  assert.equal(name, 'UntrustedWorkspace');
  assert.match(message, /do not run in an untrusted workspace.*Trust this workspace/);
  record({ area: 'workspace trust', case: 'run a cell in an untrusted workspace', observed: `not executed, no connection requested; cell error "${message}"` });
});

test('trusted workspace: the same cell goes on to the notebook session (the gate is what stopped it)', async () => {
  workspace['isTrusted'] = true;
  await executeHandler!([cell], notebook);
  assert.equal(ensured, 1);
  assert.equal(executions.at(-1)!.success, false);
});
