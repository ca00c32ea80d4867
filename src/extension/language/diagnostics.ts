// Debounced CQL diagnostics for open `.cql` files and notebook cells. Schema problems are warnings only: the
// schema may be stale and running is never blocked.

import * as vscode from 'vscode';
import { diagnose } from './core/index.js';
import type { ConnectionService } from '../connections/types.js';
import { documentTarget } from '../cql/documentTarget.js';
import type { CqlSessions } from '../cql/sessions.js';
import type { SchemaCache } from '../schema/schemaCache.js';

const DEBOUNCE_MS = 300;

export class CqlDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('cql');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly connections: ConnectionService,
    private readonly sessions: CqlSessions,
    private readonly schemas: SchemaCache,
  ) {
    this.subs = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      schemas.onDidInvalidate(() => this.refreshAll()),
      // Active connection or notebook binding changes alter which schema applies.
      connections.onDidChange(() => this.refreshAll()),
      // A `USE` run in a notebook changes the keyspace its cells are checked against.
      sessions.onDidChange(() => this.refreshAll()),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.metadata) for (const c of e.notebook.getCells()) this.schedule(c.document, DEBOUNCE_MS);
      }),
    ];
    this.refreshAll();
  }

  private refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, DEBOUNCE_MS);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'cql') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(doc);
      }, delay),
    );
  }

  private async update(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const version = doc.version;
    const target = documentTarget(doc, this.connections, this.sessions);
    const schema = target.profileId ? await this.schemas.get(target.profileId) : undefined;
    if (doc.isClosed || doc.version !== version) return; // a newer edit has its own update scheduled
    const found = diagnose(doc.getText(), schema, target.keyspace ? { keyspace: target.keyspace } : {});
    this.collection.set(
      doc.uri,
      found.map((d) => {
        const diag = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end)),
          d.message,
          d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diag.source = 'cql';
        diag.code = d.code;
        return diag;
      }),
    );
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(doc.uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subs) s.dispose();
  }
}
