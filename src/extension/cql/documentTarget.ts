// Which connection and keyspace a CQL document talks to, for running and for completion alike: a notebook (or its
// cell) uses the profile bound in its metadata (else the active one) and its session's current keyspace (else the
// keyspace saved with the notebook); a `.cql` file uses the active connection and its default keyspace.

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import type { CqlSessions } from './sessions.js';

/** The binding a notebook saves in its metadata (never secrets: only the profile id and its display name). */
export interface NotebookBinding {
  connection?: { profileId: string; name: string };
  keyspace?: string;
}

export interface DocumentTarget {
  profileId: string | undefined;
  keyspace: string | undefined;
}

/** The profile a notebook runs on: its own binding if that profile still exists, else the active one. */
export function notebookProfileId(nb: vscode.NotebookDocument, connections: Pick<ConnectionService, 'profile' | 'activeProfileId'>): string | undefined {
  const bound: unknown = (nb.metadata as NotebookBinding).connection?.profileId;
  if (typeof bound === 'string' && connections.profile(bound)) return bound;
  return connections.activeProfileId();
}

/** The notebook's keyspace: its live session's current one, else the one saved with it, else the profile's default. */
export function notebookKeyspace(nb: vscode.NotebookDocument, profileId: string | undefined, connections: ConnectionService, sessions: CqlSessions): string | undefined {
  const live = sessions.get(nb.uri.toString());
  if (live && live.profileId === profileId) return live.session.keyspace;
  const saved = (nb.metadata as NotebookBinding).keyspace;
  if (typeof saved === 'string') return saved;
  return profileId ? connections.profile(profileId)?.defaultKeyspace : undefined;
}

function notebookOf(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  // A cell's uri shares the notebook's path; only the scheme and fragment differ.
  return vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === doc.uri.path && nb.getCells().some((c) => c.document === doc));
}

export function documentTarget(doc: vscode.TextDocument, connections: ConnectionService, sessions: CqlSessions): DocumentTarget {
  const notebook = notebookOf(doc);
  if (notebook) {
    const profileId = notebookProfileId(notebook, connections);
    return { profileId, keyspace: notebookKeyspace(notebook, profileId, connections, sessions) };
  }
  const profileId = connections.activeProfileId();
  return { profileId, keyspace: profileId ? connections.profile(profileId)?.defaultKeyspace : undefined };
}
