// Row-edit requests from result renderers: "can this result be edited?" and "apply these edits". Statements are
// built here, shown in a modal preview, and run only when the user approves, at the document's consistency.

import type { Client } from 'cassandra-driver';
import * as vscode from 'vscode';
import type { RowEditRequest, RowEditResponse } from '../../shared/rowEditMessages.js';
import { CONSISTENCY_LEVELS } from '../connections/clientOptions.js';
import type { ConnectionService } from '../connections/types.js';
import type { CqlSession } from '../cql/session.js';
import type { CqlSessions } from '../cql/sessions.js';
import { cqlTypeText as resultTypeText } from '../cql/valueEncoder.js';
import { editInfo, selectSource, type EditTable } from './editTarget.js';
import { loadEditTable } from './editTable.js';
import { runEdits } from './editRunner.js';
import { batchable, buildStatements, EditError } from './statementBuilder.js';

/** Astra refuses writes at these levels; edits there run at LOCAL_QUORUM instead. */
const WEAK_WRITES = new Set(['ANY', 'ONE', 'LOCAL_ONE']);

type Target = { session: CqlSession; profileId: string; client: Client; table: EditTable; info: ReturnType<typeof editInfo> };

export class RowEditRequests {
  constructor(
    private readonly sessions: CqlSessions,
    private readonly connections: ConnectionService,
  ) {}

  async answer(msg: RowEditRequest): Promise<RowEditResponse> {
    const base = { requestId: msg.requestId, queryId: msg.queryId };
    // As for cells: a workspace that is not trusted never writes to the database.
    if (msg.type === 'applyEdits' && vscode.workspace.isTrusted === false) {
      return { type: 'editsApplied', ...base, applied: false, reports: [], note: 'Edits are not applied in an untrusted workspace.' };
    }
    const target = await this.target(msg.queryId);
    if ('reason' in target) return msg.type === 'editInfo' ? { type: 'editInfo', ...base, editable: false, reason: target.reason } : { type: 'editsApplied', ...base, applied: false, reports: [], note: target.reason };
    if (msg.type === 'editInfo') {
      return target.info.editable ? { type: 'editInfo', ...base, ...target.info } : { type: 'editInfo', ...base, editable: false, reason: target.info.reason };
    }
    if (!target.info.editable) return { type: 'editsApplied', ...base, applied: false, reports: [], note: target.info.reason };
    let statements;
    try {
      statements = buildStatements(target.table, msg.edits, msg.lwt);
    } catch (e) {
      if (e instanceof EditError) return { type: 'editsApplied', ...base, applied: false, reports: [], note: e.message };
      throw e;
    }
    const { level, note } = this.consistency(target);
    const batch = batchable(statements);
    const detail = [
      `Consistency ${level}${note ? ` (${note})` : ''} · ${batch ? 'one batch (a single partition)' : 'one statement at a time'}${msg.lwt ? ' · only if unchanged (IF)' : ''}`,
      ...statements.map((s) => `${s.text};`),
    ].join('\n\n');
    const choice = await vscode.window.showWarningMessage(
      `Apply ${statements.length} statement${statements.length === 1 ? '' : 's'} to ${target.table.keyspace}.${target.table.name}?`,
      { modal: true, detail },
      'Apply',
    );
    if (choice !== 'Apply') return { type: 'editsApplied', ...base, applied: false, reports: [], note: 'Nothing was applied.' };
    const { reports } = await runEdits(target.client, statements, {
      consistency: CONSISTENCY_LEVELS[level as keyof typeof CONSISTENCY_LEVELS],
      ...(target.session.serialConsistency ? { serialConsistency: CONSISTENCY_LEVELS[target.session.serialConsistency] } : {}),
      onFinished: (text, ok, errorClass, at) => this.sessions.reportFinished({
        profileId: target.profileId, text, keyspace: target.table.keyspace, consistency: level, durationMs: Date.now() - at,
        status: ok ? 'ok' : 'error', at, ...(errorClass ? { errorClass } : {}),
      }),
    });
    return { type: 'editsApplied', ...base, applied: true, reports };
  }

  /** The document's consistency for the edits, raised for Astra where it refuses weak writes. */
  private consistency(t: Target): { level: string; note?: string } {
    const code = t.session.consistency ? CONSISTENCY_LEVELS[t.session.consistency] : this.connections.defaultConsistency();
    const level = Object.entries(CONSISTENCY_LEVELS).find(([, v]) => v === code)?.[0] ?? 'LOCAL_QUORUM';
    if (this.connections.profile(t.profileId)?.kind === 'bundle' && WEAK_WRITES.has(level)) return { level: 'LOCAL_QUORUM', note: `Astra refuses writes at ${level}` };
    return { level };
  }

  private async target(queryId: string): Promise<Target | { reason: string }> {
    const live = this.sessions.liveQueries.get(queryId);
    if (!live) return { reason: 'Read-only: this result is not attached to a live session (saved notebook or ended session). Run the cell again to edit.' };
    const source = selectSource(live.query.query);
    if (!source.ok) return { reason: source.reason };
    const keyspace = source.keyspace ?? live.query.keyspace;
    if (!keyspace) return { reason: 'Read-only: the keyspace of this result is not known; qualify the table (keyspace.table).' };
    const profileId = this.sessions.profileOf(live.owner);
    if (!profileId) return { reason: 'Read-only: the session of this result has ended. Run the cell again.' };
    const client = await this.connections.client(profileId);
    const table = await loadEditTable(client, keyspace, source.table);
    if ('reason' in table) return table;
    const columns = live.query.columns.map((c) => ({ name: c.name, type: resultTypeText(c.type) }));
    return { session: live.owner, profileId, client, table, info: editInfo(source, table, columns) };
  }
}
