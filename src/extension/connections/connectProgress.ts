// Connecting as the user sees it: a cancellable progress notification around the connection service's connect.
// The service itself has no UI, so commands, the tree and notebooks decide where a connect is shown.

import * as vscode from 'vscode';
import type { Client } from 'cassandra-driver';
import type { ConnectionService } from './types.js';

/** A connected client for `id`, connecting under a progress notification when needed. */
export async function connectWithProgress(service: ConnectionService, id: string, token?: vscode.CancellationToken): Promise<Client> {
  const ready = service.connectedClient(id);
  // Already connected, or another caller's attempt (with its own notification) is under way: share it.
  if (ready || service.state(id) === 'connecting') return service.client(id, token ? [token] : []);
  const name = service.profile(id)?.name ?? id;
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Astra DB: connecting to ${name}…`, cancellable: true },
    (_progress, progressToken) => service.client(id, token ? [progressToken, token] : [progressToken]),
  );
}
