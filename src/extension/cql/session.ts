// The vscode-free execution core: one CqlSession per notebook or `.cql` file. It owns the document's cqlsh-like state
// (current keyspace, consistency, paging, tracing, expand), turns one statement into one outcome (a result payload, a
// text answer, an error), and registers paged queries in the live-query registry for "Load more" and exports.

import { randomUUID } from 'node:crypto';
import type { Client } from 'cassandra-driver';
import { RESULT_PAYLOAD_VERSION, type ResultPayload, type TraceInfo } from '../../shared/resultPayload.js';
import { parseShellCommand, type ConsistencyName, type ShellCommand } from './shellCommands.js';
import { isUseStatement, type Statement } from './statements.js';
import type { EncodedValue } from '../../shared/valueEncoding.js';
import { CONSISTENCY_LEVELS, DEFAULT_CONSISTENCY } from '../connections/clientOptions.js';
import { createDescriber, type Describer } from './describeCommand.js';
import { LiveQueries, type LiveQuery } from './liveQueries.js';
import type { ErrorContext } from '../connections/types.js';
import { failedBeforeSending, reviveHosts } from '../connections/hostRecovery.js';
import { toCqlFailure, type CqlFailure } from './cqlErrors.js';
import { admitsNow, withKeyspace } from './keyspaceScope.js';
import type { KeyspaceLease } from '../connections/keyspaceClients.js';
import { cqlTypeText } from './valueEncoder.js';
import { encodePage, readPage, readRawPage, type RawPage } from './pageReader.js';
import { CancelledError, raceAbort } from './cancel.js';
import { nextRawPage, pagesAhead, readAhead } from './readAhead.js';
import { finishedStatement, type FinishedStatement } from './finishedStatement.js';

const consistencyName = (code: number | undefined) =>
  (Object.entries(CONSISTENCY_LEVELS).find(([, v]) => v === code)?.[0] as ConsistencyName | undefined);

export interface SessionOptions {
  client: () => Promise<Client>;
  /**
   * A client of the same connection bound to `keyspace`, used when the shared client is busy in another keyspace,
   * so documents on different keyspaces never wait for each other. Without it they take turns on the shared client.
   */
  keyspaceClient?: (keyspace: string) => Promise<KeyspaceLease>;
  pageSize: number;
  timeZone: string;
  keyspace?: string;
  /** DESCRIBE output; by default the schema module's, with keyspace DDL printed as for Cassandra. */
  describe?: Describer;
  /** The connection's default consistency code, shown by a bare CONSISTENCY (the setting's default otherwise). */
  defaultConsistency?: () => number | undefined;
  /** Where live queries are kept; shared so renderer requests find them by id (a private one by default). */
  liveQueries?: LiveQueries<CqlSession>;
  onSchemaChanged?: () => void;
  /** Called after a `USE` changed the session's keyspace. */
  onKeyspaceChanged?: (keyspace: string) => void;
  /** Live queries kept per session for Load more / export (oldest dropped first). */
  maxLiveQueries?: number;
  /** Row cap when PAGING OFF fetches everything (Load more continues past it). */
  unpagedRowCap?: number;
  /** Driver page size used to fetch everything with PAGING OFF. */
  unpagedPageSize?: number;
  /** Words connection-level failures for the profile and masks its secrets (see cqlErrors.ts). */
  errorContext?: () => ErrorContext;
  /** Called after each statement (the query history); gets the statement text only. */
  onStatementFinished?: (s: FinishedStatement) => void;
  /** Statements a feature module answers instead of the server (COPY); see StatementHandler. */
  handleStatement?: StatementHandler;
}

/** Undefined when `text` is not the handler's statement; else its outcome (a thrown error becomes a failure). */
export type StatementHandler = (text: string, ctx: StatementContext) => Promise<Outcome> | undefined;

export interface StatementContext {
  client: () => Promise<Client>;
  keyspace: string | undefined;
  /** The session's CONSISTENCY as a driver code, when one was set. */
  consistency: number | undefined;
  signal: AbortSignal | undefined;
}

export type Outcome =
  | { kind: 'result'; payload: ResultPayload }
  | { kind: 'text'; text: string }
  | { kind: 'error'; failure: CqlFailure }
  | { kind: 'cancelled' };

export { CancelledError, raceAbort } from './cancel.js';

const DDL = /^\s*(CREATE|ALTER|DROP)\b/i;

export class CqlSession {
  readonly id = randomUUID();
  keyspace: string | undefined;
  consistency: ConsistencyName | undefined;
  serialConsistency: ConsistencyName | undefined;
  /** Page size, or null with PAGING OFF. */
  paging: number | null;
  tracing = false;
  expand = false;
  private readonly live: LiveQueries<CqlSession>;
  private readonly describe: Describer;
  private counter = 0;

  constructor(private readonly opts: SessionOptions) {
    this.keyspace = opts.keyspace;
    this.paging = opts.pageSize;
    this.live = opts.liveQueries ?? new LiveQueries<CqlSession>();
    this.describe = opts.describe ?? createDescriber(() => false);
  }

  isLive(queryId: string): boolean {
    return this.live.get(queryId)?.owner === this;
  }

  dispose(): void {
    this.live.dropOwner(this);
  }

  /**
   * Runs one statement (shell command or CQL). Never throws: failures and cancellation are outcomes.
   * `scope.keyspace` runs it in that keyspace without changing the session's (a `.cql` file's `USE` above it).
   */
  async run(stmt: Statement, signal?: AbortSignal, scope?: { keyspace?: string }): Promise<Outcome> {
    const started = Date.now();
    const outcome = await this.runStatement(stmt, signal, scope);
    this.opts.onStatementFinished?.(finishedStatement(stmt.text, outcome, started, scope?.keyspace ?? this.keyspace, this.consistency));
    return outcome;
  }

  private async runStatement(stmt: Statement, signal?: AbortSignal, scope?: { keyspace?: string }): Promise<Outcome> {
    const keyspace = scope?.keyspace ?? this.keyspace;
    try {
      const shell = parseShellCommand(stmt.text);
      if (shell && !shell.ok) return { kind: 'error', failure: { errorClass: 'shell', name: 'ShellCommandError', message: shell.error, statement: stmt.text } };
      if (shell) return await this.runShell(shell.command, keyspace, signal);
      const consistency = this.consistency ? CONSISTENCY_LEVELS[this.consistency] : undefined;
      const handled = this.opts.handleStatement?.(stmt.text, { client: this.opts.client, keyspace, consistency, signal });
      if (handled) return await handled;
      return await this.runCql(stmt.text, keyspace, signal);
    } catch (e) {
      if (e instanceof CancelledError) return { kind: 'cancelled' };
      return { kind: 'error', failure: toCqlFailure(e, stmt, this.opts.errorContext?.()) };
    }
  }

  private async runShell(cmd: ShellCommand, keyspace: string | undefined, signal?: AbortSignal): Promise<Outcome> {
    const text = (t: string): Outcome => ({ kind: 'text', text: t });
    switch (cmd.kind) {
      case 'consistency':
        if (!cmd.level) return text(`Current consistency level is ${this.consistency ?? consistencyName(this.opts.defaultConsistency?.()) ?? DEFAULT_CONSISTENCY}.`);
        this.consistency = cmd.level;
        return text(`Consistency level set to ${cmd.level}.`);
      case 'serialConsistency':
        if (!cmd.level) return text(`Current serial consistency level is ${this.serialConsistency ?? 'SERIAL'}.`);
        this.serialConsistency = cmd.level;
        return text(`Serial consistency level set to ${cmd.level}.`);
      case 'paging':
        if (cmd.mode === 'off') {
          this.paging = null;
          return text('Disabled Query paging.');
        }
        if (cmd.mode === 'on') {
          this.paging ??= this.opts.pageSize;
          return text(`Now Query paging is enabled\nPage size: ${this.paging}`);
        }
        if (cmd.mode === 'size') {
          this.paging = cmd.size!;
          return text(`Page size: ${cmd.size}`);
        }
        return text(this.paging === null ? 'Query paging is currently disabled. Use PAGING ON to enable.' : `Query paging is currently enabled. Use PAGING OFF to disable\nPage size: ${this.paging}`);
      case 'tracing':
      case 'expand': {
        const label = cmd.kind === 'tracing' ? 'Tracing' : 'Expanded output';
        if (cmd.on === undefined) {
          const on = cmd.kind === 'tracing' ? this.tracing : this.expand;
          return text(`${label} is currently ${on ? 'enabled' : 'disabled'}. Use ${cmd.kind.toUpperCase()} ${on ? 'OFF to disable' : 'ON to enable'}`);
        }
        if (cmd.kind === 'tracing') this.tracing = cmd.on;
        else this.expand = cmd.on;
        return text(cmd.on ? `Now ${label} is enabled` : `Disabled ${label}.`);
      }
      case 'describe': {
        const client = await raceAbort(this.opts.client(), signal);
        return text(await raceAbort(this.describe(client, cmd.target, keyspace), signal));
      }
    }
  }

  private async runCql(query: string, keyspace: string | undefined, signal?: AbortSignal): Promise<Outcome> {
    const started = performance.now();
    const lq: LiveQuery = {
      query,
      keyspace,
      pageSize: this.paging ?? this.opts.unpagedPageSize ?? 5000,
      columns: [],
      busy: false,
      ...(this.consistency ? { consistency: CONSISTENCY_LEVELS[this.consistency] } : {}),
      ...(this.serialConsistency ? { serialConsistency: CONSISTENCY_LEVELS[this.serialConsistency] } : {}),
    };
    const client = await raceAbort(this.opts.client(), signal);
    const { result, keyspaceAfter } = await this.fetch(client, lq, undefined, this.tracing, signal);
    let current = keyspace;
    if (isUseStatement(query) && keyspaceAfter) {
      const changed = keyspaceAfter !== this.keyspace;
      this.keyspace = current = keyspaceAfter;
      if (changed) this.opts.onKeyspaceChanged?.(keyspaceAfter);
    }
    if (DDL.test(query)) this.opts.onSchemaChanged?.();

    const isRows = Array.isArray(result.columns);
    lq.columns = result.columns ?? [];
    const rows = result.rows;
    lq.pageState = result.pageState ?? undefined;
    let pagesFetched = 1;
    const cap = this.opts.unpagedRowCap ?? 100_000;
    // PAGING OFF: fetch on until done (or the cap), as cqlsh would print everything.
    while (this.paging === null && lq.pageState && rows.length < cap) {
      const next = await this.fetch(client, lq, lq.pageState, false, signal);
      for (const r of next.result.rows) rows.push(r);
      lq.pageState = next.result.pageState ?? undefined;
      pagesFetched++;
    }
    const queryId = `${this.id}:${++this.counter}`;
    if (isRows) this.remember(queryId, lq);

    const payload: ResultPayload = {
      version: RESULT_PAYLOAD_VERSION,
      kind: isRows ? 'rows' : 'void',
      statement: query,
      columns: lq.columns.map((c) => ({ name: c.name, type: cqlTypeText(c.type) })),
      rows,
      pageInfo: { pageSize: this.paging, pagesFetched },
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
      consistency: consistencyName(result.info.achievedConsistency) ?? this.consistency ?? 'DEFAULT',
      warnings: result.info.warnings ?? [],
      hasMore: isRows && lq.pageState !== undefined,
      queryId,
      expand: this.expand,
      timeZone: this.opts.timeZone,
    };
    if (result.info.queriedHost) payload.coordinator = String(result.info.queriedHost);
    if (current) payload.keyspace = current;
    if (!isRows) payload.message = voidMessage(query, current);
    if (this.tracing && result.info.traceId) payload.trace = await this.readTrace(client, result.info.traceId, signal);
    return { kind: 'result', payload };
  }

  private fetch(client: Client, lq: LiveQuery, pageState: string | undefined, trace: boolean, signal?: AbortSignal) {
    return this.send(client, lq, pageState, trace, signal, (c, options) => readPage(c, lq.query, options, this.opts.timeZone, lq.columns));
  }

  /** The page as the driver decoded it (see pageReader.ts RawPage): for reading on while a page is encoded. */
  private async fetchRaw(client: Client, lq: LiveQuery, pageState: string | undefined, signal?: AbortSignal): Promise<RawPage> {
    return (await this.send(client, lq, pageState, false, signal, (c, options) => readRawPage(c, lq.query, options))).result;
  }

  private async send<T>(
    client: Client, lq: LiveQuery, pageState: string | undefined, trace: boolean, signal: AbortSignal | undefined,
    readWith: (c: Client, options: Record<string, unknown>) => Promise<T>,
  ): Promise<{ result: T; keyspaceAfter: string | undefined }> {
    const options: Record<string, unknown> = { prepare: false, fetchSize: lq.pageSize, autoPage: false };
    if (pageState) options['pageState'] = pageState;
    if (lq.consistency !== undefined) options['consistency'] = lq.consistency;
    if (lq.serialConsistency !== undefined) options['serialConsistency'] = lq.serialConsistency;
    if (trace) options['traceQuery'] = true;
    const exclusive = isUseStatement(lq.query);
    const read = (c: Client) => readWith(c, options);
    const send = async (): Promise<{ value: T; keyspaceAfter: string | undefined }> => {
      const ks = lq.keyspace;
      if (exclusive || ks === undefined || !this.opts.keyspaceClient || admitsNow(client, ks)) return withKeyspace(client, ks, () => read(client), { exclusive });
      const lease = await this.opts.keyspaceClient(ks).catch(() => undefined);
      // Could not open one (the keyspace may not exist): take turns on the shared client, which reports the error.
      if (!lease) return withKeyspace(client, ks, () => read(client));
      try {
        if (signal?.aborted) throw new CancelledError();
        // The shared client's default consistency follows the setting; this client was opened with an older one.
        const current = (client as { options?: { queryOptions?: { consistency?: number } } }).options?.queryOptions?.consistency;
        if (options['consistency'] === undefined && current !== undefined) options['consistency'] = current;
        return { value: await read(lease.client), keyspaceAfter: ks };
      } finally {
        lease.release();
      }
    };
    try {
      const { value, keyspaceAfter } = await raceAbort(send(), signal);
      return { result: value, keyspaceAfter };
    } catch (e) {
      if (!failedBeforeSending(e)) throw e;
      // Every node was marked down, so nothing was sent: have the driver try them now, then send once more.
      const revival = await raceAbort(reviveHosts(client), signal);
      if (!revival.up) throw Object.assign(e as Error, { innerErrors: revival.reasons });
      const { value, keyspaceAfter } = await raceAbort(send(), signal);
      return { result: value, keyspaceAfter };
    }
  }

  private remember(queryId: string, lq: LiveQuery): void {
    this.live.add(queryId, this, lq, this.opts.maxLiveQueries ?? 200);
  }

  private liveQuery(queryId: string): LiveQuery | undefined {
    const entry = this.live.get(queryId);
    return entry?.owner === this ? entry.query : undefined;
  }

  private async readTrace(client: Client, traceId: { toString(): string }, signal?: AbortSignal): Promise<TraceInfo> {
    const sessionId = traceId.toString();
    try {
      const t = (await raceAbort(client.metadata.getTrace(traceId as never), signal)) as unknown as {
        coordinator?: unknown; requestType?: string; duration?: number; startedAt?: unknown;
        events: { activity: string; source: unknown; elapsed: number; thread?: string }[];
      };
      const info: TraceInfo = {
        sessionId,
        events: t.events.map((e) => ({ elapsedUs: Number(e.elapsed ?? 0), source: String(e.source), activity: String(e.activity), ...(e.thread ? { thread: String(e.thread) } : {}) })),
      };
      if (t.coordinator !== undefined && t.coordinator !== null) info.coordinator = String(t.coordinator);
      if (t.requestType) info.request = t.requestType;
      if (typeof t.duration === 'number') info.durationUs = t.duration;
      if (t.startedAt instanceof Date) info.startedAt = t.startedAt.toISOString();
      return info;
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      return { sessionId, events: [], error: `Could not read the trace: ${(e as Error).message}` };
    }
  }

  /** Next page of a live query, the one after it read ahead (readAhead.ts). Throws when the query is gone. */
  async loadMore(queryId: string, signal?: AbortSignal): Promise<{ rows: EncodedValue[][]; hasMore: boolean }> {
    const lq = this.liveQuery(queryId);
    if (!lq) throw new Error('This result is no longer attached to a live session; run the cell again to page.');
    if (!lq.pageState) return { rows: [], hasMore: false };
    if (lq.busy) throw new Error('A page is already being fetched for this result.');
    lq.busy = true;
    try {
      const client = await raceAbort(this.opts.client(), signal);
      const fetchRaw = (state: string | undefined, s?: AbortSignal) => this.fetchRaw(client, lq, state, s);
      const raw = await nextRawPage(lq, fetchRaw, signal);
      lq.pageState = raw.pageState;
      if (raw.pageState) await readAhead(lq, fetchRaw, raw.pageState);
      return { rows: encodePage(raw, this.opts.timeZone).rows, hasMore: lq.pageState !== undefined };
    } finally {
      lq.busy = false;
    }
  }

  /**
   * Re-runs a live query from its first row and hands every page to `onPage` (for exports: all rows, streamed,
   * never all in memory). Returns the row count.
   */
  async exportAll(
    queryId: string,
    onPage: (columns: { name: string; type: string }[], rows: EncodedValue[][]) => Promise<void>,
    signal?: AbortSignal,
    pageSize = 5000,
  ): Promise<number> {
    const live = this.liveQuery(queryId);
    if (!live) throw new Error('This result is no longer attached to a live session; run the cell again to export it.');
    const lq: LiveQuery = { ...live, pageSize, busy: false };
    const columns = lq.columns.map((c) => ({ name: c.name, type: cqlTypeText(c.type) }));
    const client = await raceAbort(this.opts.client(), signal);
    let count = 0;
    for await (const raw of pagesAhead((state, s) => this.fetchRaw(client, lq, state, s), signal)) {
      const rows = encodePage(raw, this.opts.timeZone).rows;
      count += rows.length;
      await raceAbort(onPage(columns, rows), signal);
    }
    return count;
  }
}

function voidMessage(query: string, keyspace: string | undefined): string {
  if (isUseStatement(query)) return `Now using keyspace ${keyspace ?? ''}`.trim();
  const m = /^\s*(CREATE|ALTER|DROP)\s+(\w+(?:\s+VIEW)?)/i.exec(query);
  if (m) return `Schema changed: ${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}`;
  return 'Statement applied.';
}
