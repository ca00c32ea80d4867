// "Run Statement" / "Run All" for `.cql` editors: statements run on the active connection through the CQL execution
// core (CqlSession: shell commands, paging, tracing, errors), one session per file, and the outcomes go to the
// results panel.

import * as vscode from 'vscode';
import { keyspaceAt } from './core/index.js';
import { statementsToRun } from './core/runTargets.js';
import type { ExtensionResponse, RendererRequest } from '../../shared/messages.js';
import type { RowEditRequest, RowEditResponse } from '../../shared/rowEditMessages.js';
import { RowEditRequests } from '../rowEdits/rowEditRequests.js';
import { isUseStatement, splitStatements, type Statement } from '../cql/statements.js';
import { describeFailure } from '../cql/cqlErrors.js';
import { answerRendererRequest } from '../cql/rendererRequests.js';
import type { BoundSession, CqlSessions } from '../cql/sessions.js';
import type { Services } from '../services.js';
import type { Logger } from '../logging.js';
import { ResultsPanel, type PanelEntry } from './resultsPanel.js';

export const RUN_COMMANDS = { runStatement: 'astra.cql.runStatement', runAll: 'astra.cql.runAll' } as const;

const GONE = 'This result is no longer attached to a live session (the file was closed or the connection changed). Run the statement again.';

export class CqlFileRunner implements vscode.Disposable {
  private readonly files = new Set<string>();
  private readonly panel: ResultsPanel;
  private counter = 0;
  private running: AbortController | undefined;
  private readonly rowEdits: RowEditRequests;

  constructor(
    private readonly services: Services,
    private readonly sessions: CqlSessions,
    private readonly log: Logger,
  ) {
    this.panel = new ResultsPanel(services.context.extensionUri, (req) => this.handle(req));
    this.rowEdits = new RowEditRequests(sessions, services.connections);
  }

  /** Runs the statement at the cursor / the selection (or, from a CodeLens, the statement starting at `offset`). */
  async runStatement(uri?: vscode.Uri | string, offset?: number): Promise<void> {
    const editor = await this.editorFor(uri);
    if (!editor) return;
    const doc = editor.document;
    const text = doc.getText();
    const sel = editor.selection;
    const statements =
      typeof offset === 'number' ? statementsToRun(text, offset, offset) : statementsToRun(text, doc.offsetAt(sel.start), doc.offsetAt(sel.end));
    if (statements.length === 0) {
      void vscode.window.showInformationMessage('No CQL statement at the cursor.');
      return;
    }
    await this.run(doc, statements);
  }

  async runAll(uri?: vscode.Uri | string): Promise<void> {
    const editor = await this.editorFor(uri);
    if (!editor) return;
    const statements = splitStatements(editor.document.getText());
    if (statements.length === 0) {
      void vscode.window.showInformationMessage('This file has no CQL statements.');
      return;
    }
    await this.run(editor.document, statements);
  }

  private async editorFor(uri?: vscode.Uri | string): Promise<vscode.TextEditor | undefined> {
    if (uri) {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
      return visible ?? vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'cql') {
      void vscode.window.showInformationMessage('Open a .cql file to run CQL statements.');
      return undefined;
    }
    return editor;
  }

  private async run(doc: vscode.TextDocument, statements: Statement[]): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('CQL does not run in an untrusted workspace: trust this workspace (Workspaces: Manage Workspace Trust) to run statements.');
      return;
    }
    const fs = await this.sessionFor(doc);
    if (!fs) return;
    this.running?.abort();
    const abort = (this.running = new AbortController());
    const name = this.services.connections.profile(fs.profileId)?.name ?? fs.profileId;
    const title = `${vscode.workspace.asRelativePath(doc.uri)} on ${name}`;
    const entries: PanelEntry[] = [];
    const text = doc.getText();
    this.panel.show(title, entries, true);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Running CQL' }, async () => {
      for (const stmt of statements) {
        if (abort.signal.aborted) break;
        // A `USE` earlier in the file sets the keyspace for what follows, as completion and diagnostics assume.
        const fileKeyspace = keyspaceAt(text, stmt.start);
        const scope = fileKeyspace && !isUseStatement(stmt.text) ? { keyspace: fileKeyspace } : undefined;
        const outcome = await fs.session.run(stmt, abort.signal, scope);
        const id = `cql-file-${++this.counter}`;
        const statement = stmt.text;
        if (outcome.kind === 'result') entries.push({ kind: 'result', id, statement, payload: outcome.payload });
        else if (outcome.kind === 'text') entries.push({ kind: 'text', id, statement, text: outcome.text });
        else if (outcome.kind === 'cancelled') entries.push({ kind: 'text', id, statement, text: 'Cancelled.' });
        else entries.push({ kind: 'error', id, statement, text: describeFailure(outcome.failure) });
        this.panel.show(title, entries, true);
        if (outcome.kind === 'error' || outcome.kind === 'cancelled') break; // later statements usually depend on it
      }
    });
    if (this.running === abort) this.running = undefined;
    this.panel.show(title, entries, false);
  }

  private async sessionFor(doc: vscode.TextDocument): Promise<BoundSession | undefined> {
    const connections = this.services.connections;
    const profileId = connections.activeProfileId();
    if (!profileId || !connections.profile(profileId)) {
      const pick = await vscode.window.showWarningMessage('No active Astra DB connection to run CQL on.', 'Select Active Connection…');
      if (pick) await vscode.commands.executeCommand('astra.selectActiveConnection');
      return undefined;
    }
    const key = doc.uri.toString();
    this.files.add(key);
    return this.sessions.ensure(key, profileId, connections.profile(profileId)!.defaultKeyspace);
  }

  forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.files.delete(key)) this.sessions.drop(key);
  }

  /** Requests from the renderer inside the results panel (same protocol and handling as in notebooks). */
  private handle(req: RendererRequest | RowEditRequest): Promise<ExtensionResponse | RowEditResponse> {
    if (req.type === 'editInfo' || req.type === 'applyEdits') return this.rowEdits.answer(req);
    return answerRendererRequest(req, (queryId) => this.sessions.findLive(queryId), GONE);
  }

  dispose(): void {
    this.running?.abort();
    for (const key of this.files) this.sessions.drop(key);
    this.files.clear();
    this.panel.dispose();
    this.log.debug('file runner disposed');
  }
}
