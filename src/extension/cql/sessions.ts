// The CQL sessions of open documents (notebooks and `.cql` files alike), keyed by document uri, each bound to one
// connection profile, plus the one registry of live queries they share. A session's `keyspace` is the document's
// current keyspace: the only place it is kept.

import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types.js';
import { LiveQueries } from './liveQueries.js';
import { CqlSession, type StatementHandler } from './session.js';
import { sessionOptions } from './sessionOptions.js';
import type { ProfileStatement } from './finishedStatement.js';

export interface BoundSession {
  session: CqlSession;
  profileId: string;
}

export class CqlSessions implements vscode.Disposable {
  readonly liveQueries = new LiveQueries<CqlSession>();
  private readonly byDocument = new Map<string, BoundSession>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fired with the document key when its session was created, dropped or changed keyspace. */
  readonly onDidChange = this.changed.event;
  private readonly finished = new vscode.EventEmitter<ProfileStatement>();
  /** Fired after every statement any session ran (the query history listens). */
  readonly onDidFinishStatement = this.finished.event;

  constructor(
    private readonly connections: ConnectionService,
    /** Per document (by key), statements answered outside the CQL core (COPY, with paths relative to the document). */
    private readonly statementHandler?: (key: string) => StatementHandler,
  ) {}

  get(key: string): BoundSession | undefined {
    return this.byDocument.get(key);
  }

  /** The document's session on `profileId`: kept while the binding holds, else replaced (ending its Load more). */
  ensure(key: string, profileId: string, keyspace: string | undefined): BoundSession {
    const existing = this.byDocument.get(key);
    if (existing?.profileId === profileId) return existing;
    existing?.session.dispose();
    const session = new CqlSession({
      ...sessionOptions(this.connections, profileId, keyspace),
      liveQueries: this.liveQueries,
      onKeyspaceChanged: () => this.changed.fire(key),
      onStatementFinished: (s) => this.finished.fire({ ...s, profileId }),
      ...(this.statementHandler ? { handleStatement: this.statementHandler(key) } : {}),
    });
    const bound = { session, profileId };
    this.byDocument.set(key, bound);
    this.changed.fire(key);
    return bound;
  }

  /** Sets the document's keyspace (a picker choice, like `USE`). */
  setKeyspace(key: string, keyspace: string | undefined): void {
    const bound = this.byDocument.get(key);
    if (!bound || bound.session.keyspace === keyspace) return;
    bound.session.keyspace = keyspace;
    this.changed.fire(key);
  }

  drop(key: string): void {
    const bound = this.byDocument.get(key);
    if (!bound) return;
    bound.session.dispose();
    this.byDocument.delete(key);
    this.changed.fire(key);
  }

  /** The session that ran `queryId`, while the query is still live. */
  findLive(queryId: string): CqlSession | undefined {
    return this.liveQueries.get(queryId)?.owner;
  }

  /** The profile a session runs on (for statements run on a result's behalf, such as row edits). */
  profileOf(session: CqlSession): string | undefined {
    for (const b of this.byDocument.values()) if (b.session === session) return b.profileId;
    return undefined;
  }

  /** Reports a statement run outside a session (row edits) to the same listeners. */
  reportFinished(s: ProfileStatement): void {
    this.finished.fire(s);
  }

  dispose(): void {
    this.finished.dispose();
    for (const b of this.byDocument.values()) b.session.dispose();
    this.byDocument.clear();
    this.changed.dispose();
  }
}
