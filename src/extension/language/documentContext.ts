// Which connection and keyspace a CQL document talks to: a notebook cell uses its notebook's bound profile and
// keyspace (metadata written by the notebook feature), a `.cql` file the active connection and its default keyspace.

import * as vscode from 'vscode';
import { notebookProfileId } from '../notebook/serializer.js';
import type { ConnectionService } from '../connections/types.js';

interface DocumentTarget {
  profileId: string | undefined;
  keyspace: string | undefined;
}

function notebookOf(doc: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return undefined;
  // A cell's uri shares the notebook's path; only the scheme and fragment differ.
  return vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === doc.uri.path && nb.getCells().some((c) => c.document === doc));
}

export function documentTarget(doc: vscode.TextDocument, connections: ConnectionService): DocumentTarget {
  const notebook = notebookOf(doc);
  if (notebook) {
    const meta = notebook.metadata as { keyspace?: unknown };
    const profileId = notebookProfileId(notebook, connections);
    const keyspace = typeof meta.keyspace === 'string' ? meta.keyspace : profileId ? connections.profile(profileId)?.defaultKeyspace : undefined;
    return { profileId, keyspace };
  }
  const profileId = connections.activeProfileId();
  return { profileId, keyspace: profileId ? connections.profile(profileId)?.defaultKeyspace : undefined };
}
