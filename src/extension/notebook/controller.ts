// The notebook controller: runs cells in order on the notebook's session, one output per statement.
// Cancelling (the cell's stop button) stops waiting for the driver and stops paging.

import * as vscode from 'vscode';
import { outputRowCount, writePayloadText } from '../../shared/payloadText.js';
import { RESULT_MIME, type ResultPayload } from '../../shared/resultPayload.js';
import { splitStatements } from '../cql/statements.js';
import type { Logger } from '../logging.js';
import { describeFailure, type CqlFailure } from '../cql/cqlErrors.js';
import type { NotebookSessions } from './notebookSessions.js';
import { DEFAULT_MAX_SAVED_ROWS, MAX_SAVED_ROWS_KEY } from './notebookFormat.js';
import { NOTEBOOK_TYPE } from './serializer.js';
import { textTable } from '../cql/textTable.js';

export const CONTROLLER_ID = 'astra-cql-controller';

export class CqlNotebookController implements vscode.Disposable {
  readonly controller: vscode.NotebookController;
  private executionOrder = 0;
  /** Per notebook, the tail of its run queue: cells of one notebook never run concurrently. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Notebooks that have this controller selected (cells can only execute there). */
  private readonly selected = new Set<string>();
  private readonly selectionSub: vscode.Disposable;

  constructor(
    private readonly sessions: NotebookSessions,
    private readonly log: Logger,
  ) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Astra CQL');
    this.controller.supportedLanguages = ['cql'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs CQL on the notebook\'s connection';
    this.controller.executeHandler = (cells, notebook) => this.enqueue(notebook, cells);
    this.selectionSub = this.controller.onDidChangeSelectedNotebooks(({ notebook, selected }) => {
      if (selected) this.selected.add(notebook.uri.toString());
      else this.selected.delete(notebook.uri.toString());
    });
  }

  isSelectedFor(notebook: vscode.NotebookDocument): boolean {
    return this.selected.has(notebook.uri.toString());
  }

  /** Runs cells after whatever this notebook is already running. */
  enqueue(notebook: vscode.NotebookDocument, cells: readonly vscode.NotebookCell[]): Promise<void> {
    const key = notebook.uri.toString();
    const run = (this.queues.get(key) ?? Promise.resolve()).then(async () => {
      for (const cell of cells) {
        if (cell.kind === vscode.NotebookCellKind.Code) await this.runCell(notebook, cell);
      }
    });
    const tail = run.catch((e) => this.log.error(e instanceof Error ? e : String(e)));
    this.queues.set(key, tail);
    return tail;
  }

  private async runCell(notebook: vscode.NotebookDocument, cell: vscode.NotebookCell): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.executionOrder;
    execution.start(Date.now());
    await execution.clearOutput();
    if (!vscode.workspace.isTrusted) {
      await execution.appendOutput(errorOutput('UntrustedWorkspace', 'CQL cells do not run in an untrusted workspace: a notebook could change or delete data on your database. Trust this workspace (Workspaces: Manage Workspace Trust) to run cells.'));
      execution.end(false, Date.now());
      return;
    }
    const abort = new AbortController();
    const sub = execution.token.onCancellationRequested(() => abort.abort());
    let success = true;
    try {
      const { session } = await this.sessions.ensure(notebook);
      const source = cell.document.getText();
      for (const stmt of splitStatements(source)) {
        if (abort.signal.aborted) break;
        const outcome = await session.run(stmt, abort.signal);
        if (outcome.kind === 'result') {
          await execution.appendOutput(resultOutput(outcome.payload));
        } else if (outcome.kind === 'text') {
          await execution.appendOutput(textOutput(outcome.text));
        } else if (outcome.kind === 'error') {
          success = false;
          await execution.appendOutput(failureOutput(outcome.failure, source));
          break; // like a script: later statements usually depend on earlier ones
        } else {
          success = false;
          await execution.appendOutput(textOutput('Cancelled.'));
          break;
        }
      }
      if (abort.signal.aborted && success) {
        success = false;
        await execution.appendOutput(textOutput('Cancelled.'));
      }
    } catch (e) {
      success = false;
      const err = e instanceof Error ? e : new Error(String(e));
      this.log.warn(`cell failed: ${err.message}`);
      await execution.appendOutput(errorOutput(err.name, err.message));
    } finally {
      sub.dispose();
      execution.end(success, Date.now());
    }
  }

  dispose(): void {
    this.selectionSub.dispose();
    this.controller.dispose();
  }
}

function resultOutput(payload: ResultPayload): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(
    // Row-per-line JSON (not NotebookCellOutputItem.json) so the renderer paints the first rows before parsing all.
    [new vscode.NotebookCellOutputItem(new TextEncoder().encode(writePayloadText(payload)), RESULT_MIME), vscode.NotebookCellOutputItem.text(textTable(payload))],
    // The save cap belongs to outputs produced here; rows a reopened file already holds are saved as they are.
    { queryId: payload.queryId, [MAX_SAVED_ROWS_KEY]: DEFAULT_MAX_SAVED_ROWS, ...outputRowCount(payload) },
  );
}

function failureOutput(f: CqlFailure, source: string): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([
    vscode.NotebookCellOutputItem.error({ name: f.name, message: f.message, stack: describeFailure(f, source) }),
  ], { errorClass: f.errorClass });
}

function textOutput(text: string): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(text)]);
}

function errorOutput(name: string, message: string): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error({ name, message })]);
}
