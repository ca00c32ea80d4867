// Notebooks on the shared CQL sessions: one session per open notebook, bound to the notebook's connection profile.
// Rebinding the notebook (another connection) or closing it drops its session, which also ends "Load more" for its
// outputs. The notebook's metadata saves its binding (profile and starting keyspace); the current keyspace lives in
// the session.

import * as vscode from 'vscode';
import { notebookKeyspace, notebookProfileId } from '../cql/documentTarget.js';
import type { BoundSession, CqlSessions } from '../cql/sessions.js';
import type { Services } from '../services.js';
import type { CqlNotebookMetadata } from './serializer.js';

export class NotebookSessions implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Fired when a notebook's binding or keyspace changed (for the status item). */
  readonly onDidChange: vscode.Event<unknown>;

  constructor(
    private readonly services: Services,
    private readonly cql: CqlSessions,
  ) {
    this.onDidChange = this.cql.onDidChange;
    this.disposables.push(vscode.workspace.onDidCloseNotebookDocument((nb) => this.cql.drop(nb.uri.toString())));
  }

  /** The profile a notebook runs on: its own binding if that profile still exists, else the active one. */
  profileIdFor(nb: vscode.NotebookDocument): string | undefined {
    return notebookProfileId(nb, this.services.connections);
  }

  get(nb: vscode.NotebookDocument): BoundSession | undefined {
    return this.cql.get(nb.uri.toString());
  }

  /** The notebook's current keyspace (its session's, before the first run the saved one). */
  keyspace(nb: vscode.NotebookDocument): string | undefined {
    return notebookKeyspace(nb, this.profileIdFor(nb), this.services.connections, this.cql);
  }

  /** The notebook's session, created (and the notebook bound to the profile) on first use. */
  async ensure(nb: vscode.NotebookDocument): Promise<BoundSession> {
    const profileId = this.profileIdFor(nb);
    if (!profileId) {
      throw new Error('No connection for this notebook: add one in the Astra DB view, or choose one with "Select Connection" in the notebook toolbar.');
    }
    const meta = nb.metadata as CqlNotebookMetadata;
    const bound = this.cql.ensure(nb.uri.toString(), profileId, this.keyspace(nb));
    if (meta.connection?.profileId !== profileId) await this.bind(nb, profileId, bound.session.keyspace);
    return bound;
  }

  /** Binds the notebook to a profile and keyspace (the user's choice), saved in its metadata (never secrets). */
  async bind(nb: vscode.NotebookDocument, profileId: string, keyspace: string | undefined): Promise<void> {
    const profile = this.services.connections.profile(profileId);
    const meta: CqlNotebookMetadata = { ...(nb.metadata as CqlNotebookMetadata) };
    if (profile) meta.connection = { profileId, name: profile.name };
    if (keyspace) meta.keyspace = keyspace;
    else delete meta.keyspace;
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.uri, [vscode.NotebookEdit.updateNotebookMetadata(meta as Record<string, unknown>)]);
    await vscode.workspace.applyEdit(edit);
    const key = nb.uri.toString();
    const bound = this.cql.get(key);
    if (bound && bound.profileId !== profileId) this.cql.drop(key);
    else this.cql.setKeyspace(key, keyspace);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
