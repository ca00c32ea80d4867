// The status bar item of the active CQL notebook (its connection and keyspace) and the pickers it opens.

import * as vscode from 'vscode';
import type { Services } from '../services.js';
import type { NotebookSessions } from './notebookSessions.js';
import { NOTEBOOK_TYPE, type CqlNotebookMetadata } from './serializer.js';
import { connectWithProgress } from '../connections/connectProgress.js';

export class NotebookStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('astra.notebookConnection', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly services: Services,
    private readonly sessions: NotebookSessions,
  ) {
    this.item.name = 'CQL Notebook Connection';
    this.item.command = 'astra.notebook.selectConnection';
    const update = () => this.update();
    this.disposables.push(
      vscode.window.onDidChangeActiveNotebookEditor(update),
      vscode.workspace.onDidChangeNotebookDocument((e) => e.metadata && update()),
      services.connections.onDidChange(update),
      sessions.onDidChange(update),
    );
    update();
  }

  private activeNotebook(): vscode.NotebookDocument | undefined {
    const nb = vscode.window.activeNotebookEditor?.notebook;
    return nb?.notebookType === NOTEBOOK_TYPE ? nb : undefined;
  }

  private update(): void {
    const nb = this.activeNotebook();
    if (!nb) {
      this.item.hide();
      return;
    }
    const meta = nb.metadata as CqlNotebookMetadata;
    const profileId = this.sessions.profileIdFor(nb);
    const profile = profileId ? this.services.connections.profile(profileId) : undefined;
    const name = profile?.name ?? meta.connection?.name;
    const keyspace = this.sessions.keyspace(nb);
    const state = profileId ? this.services.connections.state(profileId) : 'disconnected';
    const icon = state === 'connected' ? '$(database)' : state === 'error' ? '$(error)' : '$(debug-disconnect)';
    this.item.text = name ? `${icon} ${name}${keyspace ? ` · ${keyspace}` : ''}` : '$(database) Select CQL connection';
    const missing = meta.connection && !this.services.connections.profile(meta.connection.profileId)
      ? `\n\nThe saved connection "${meta.connection.name}" does not exist here; cells run on the active connection.`
      : '';
    this.item.tooltip = `CQL notebook connection (${state})${keyspace ? `, keyspace ${keyspace}` : ''}. Click to change.${missing}`;
    this.item.show();
  }

  async selectConnection(): Promise<void> {
    const nb = this.activeNotebook();
    if (!nb) return;
    const profiles = this.services.connections.profiles();
    if (profiles.length === 0) {
      void vscode.window.showInformationMessage('No connections yet: add one in the Astra DB view.');
      return;
    }
    const current = this.sessions.profileIdFor(nb);
    const pick = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: p.name, description: p.kind === 'bundle' ? p.host : p.contactPoints.join(', '), detail: p.id === current ? 'current' : undefined, id: p.id })),
      { title: 'Connection for this notebook' },
    );
    if (!pick) return;
    const keyspace = pick.id === current ? this.sessions.keyspace(nb) : this.services.connections.profile(pick.id)?.defaultKeyspace;
    await this.sessions.bind(nb, pick.id, keyspace);
    await this.selectKeyspace();
  }

  async selectKeyspace(): Promise<void> {
    const nb = this.activeNotebook();
    if (!nb) return;
    const profileId = this.sessions.profileIdFor(nb);
    if (!profileId) return this.selectConnection();
    let names: string[] = [];
    try {
      const client = await connectWithProgress(this.services.connections, profileId);
      names = Object.keys(client.metadata.keyspaces ?? {}).sort();
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not list keyspaces: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const none = '(no keyspace)';
    const pick = await vscode.window.showQuickPick([none, ...names], { title: 'Keyspace for this notebook (like USE)' });
    if (!pick) return;
    await this.sessions.bind(nb, profileId, pick === none ? undefined : pick);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
