// NotebookSerializer for `.cqlnb`: maps ./notebookFormat.ts to VS Code's NotebookData. Unknown fields travel in
// metadata so they survive edits; a malformed file throws, which makes VS Code show the error and never save over it.

import * as vscode from 'vscode';
import type { NotebookBinding } from '../cql/documentTarget.js';
import { MAX_SAVED_ROWS_KEY, parseNotebook, serializeNotebook, type CellData, type Extra, type NotebookData, type NotebookMetadata } from './notebookFormat.js';

export const NOTEBOOK_TYPE = 'astra-cql-notebook';

/** Where our metadata lives on VS Code objects. */
export interface CqlNotebookMetadata extends NotebookBinding {
  /** Unknown metadata fields and unknown top-level fields of the file. */
  extra?: Extra;
  fileExtra?: Extra;
}

interface CellMetadata {
  extra?: Extra;
}

export class CqlNotebookSerializer implements vscode.NotebookSerializer {
  constructor(private readonly saveOutputs: () => boolean) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const nb = parseNotebook(new TextDecoder().decode(content));
    const cells = nb.cells.map((c) => {
      const cell = new vscode.NotebookCellData(
        c.kind === 'code' ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup,
        c.source,
        c.language,
      );
      cell.outputs = c.outputs.map(
        (o) => new vscode.NotebookCellOutput(o.items.map((it) => new vscode.NotebookCellOutputItem(it.data, it.mime)), { ...(o.extra ?? {}), ...(o.id ? { id: o.id } : {}) }),
      );
      const meta: CellMetadata = c.extra ? { extra: c.extra } : {};
      cell.metadata = meta;
      if (c.execution) {
        cell.executionSummary = {
          ...(c.execution.order !== undefined ? { executionOrder: c.execution.order } : {}),
          ...(c.execution.success !== undefined ? { success: c.execution.success } : {}),
        };
      }
      return cell;
    });
    const data = new vscode.NotebookData(cells);
    const meta: CqlNotebookMetadata = { ...nb.metadata };
    if (nb.extra) meta.fileExtra = nb.extra;
    data.metadata = meta as Record<string, unknown>;
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const meta = (data.metadata ?? {}) as CqlNotebookMetadata;
    const metadata: NotebookMetadata = {};
    if (meta.connection) metadata.connection = meta.connection;
    if (meta.keyspace) metadata.keyspace = meta.keyspace;
    if (meta.extra) metadata.extra = meta.extra;
    const nb: NotebookData = {
      metadata,
      cells: data.cells.map((c): CellData => {
        const cell: CellData = {
          kind: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
          source: c.value,
          language: c.languageId,
          outputs: (c.outputs ?? []).map((o) => {
            const { id, [MAX_SAVED_ROWS_KEY]: cap, ...extra } = (o.metadata ?? {}) as Record<string, unknown>;
            return {
              ...(typeof id === 'string' ? { id } : {}),
              ...(typeof cap === 'number' ? { maxSavedRows: cap } : {}),
              items: o.items.map((it) => ({ mime: it.mime, data: it.data })),
              ...(Object.keys(extra).length ? { extra } : {}),
            };
          }),
        };
        const summary = c.executionSummary;
        if (summary && (summary.executionOrder !== undefined || summary.success !== undefined)) {
          cell.execution = {
            ...(summary.executionOrder !== undefined ? { order: summary.executionOrder } : {}),
            ...(summary.success !== undefined ? { success: summary.success } : {}),
            ...(summary.timing ? { durationMs: summary.timing.endTime - summary.timing.startTime } : {}),
          };
        }
        const cm = c.metadata as CellMetadata | undefined;
        if (cm?.extra) cell.extra = cm.extra;
        return cell;
      }),
      ...(meta.fileExtra ? { extra: meta.fileExtra } : {}),
    };
    return new TextEncoder().encode(serializeNotebook(nb, { saveOutputs: this.saveOutputs() }));
  }
}
