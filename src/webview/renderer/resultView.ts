// One rendered result: toolbar (view toggle, Load more, export, copy), meta line, warnings, the grid (or the JSON /
// vertical view), the full-value detail panel and the trace. Database values only ever reach the DOM as text.

import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ResultPayload } from '../../shared/resultPayload.js';
import { formatValue, toJsonValue, type EncodedValue } from '../../shared/valueEncoding.js';
import { tsv } from './cellText.js';
import { el, VirtualGrid } from './grid.js';
import type { HostChannel } from './hostChannel.js';
import { RowEditing } from './rowEditing.js';
import { chartableColumns } from './chartData.js';
import { ChartView } from './chartView.js';
import { traceTimeline } from './traceTimeline.js';
import { button, type Button } from './toolbarButton.js';

/** JSON and vertical views are plain text: cap them so a huge result does not freeze the webview. */
const TEXT_VIEW_ROWS = 2000;

/** Rows of the output not parsed yet: `next(n)` parses up to n more (none left: an empty array). */
export interface PendingRows {
  total: number;
  next(n: number): unknown[];
}

/** Rows parsed per slice after the first paint (a few milliseconds each, so scrolling stays responsive). */
const ROWS_PER_SLICE = 2000;

export class ResultView {
  readonly root = el('div', 'astra-result');
  private grid: VirtualGrid | undefined;
  private readonly rows: EncodedValue[][];
  private hasMore: boolean;
  private live = false;
  /** `records` (EXPAND ON) is only ever the first view; the toggle switches between the grid and JSON. */
  private view: 'grid' | 'json' | 'records' | 'chart';
  private readonly content = el('div');
  private readonly detail = el('div', 'astra-detail');
  private readonly note = el('div', 'astra-note');
  private readonly meta = el('span', 'astra-meta');
  private readonly loadMore: Button;
  private readonly exportButtons: Button[] = [];
  private pending: PendingRows | undefined;
  private firstFrame = 0;
  private sliceTimer = 0;
  /** Rows in the output, parsed or not. */
  private total: number;
  /** Row editing, when the result may be editable (the extension decides). */
  private readonly editing: RowEditing | undefined;

  constructor(
    private readonly p: ResultPayload,
    /** Undefined when VS Code gives this output no channel to the extension. */
    private readonly channel: HostChannel | undefined,
    private readonly trusted: boolean,
    pending?: PendingRows,
  ) {
    this.rows = p.rows.slice();
    this.total = pending?.total ?? this.rows.length;
    this.pending = pending;
    this.hasMore = p.hasMore;
    this.view = p.expand ? 'records' : 'grid';
    this.detail.hidden = true;
    const toolbar = el('div', 'astra-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    this.loadMore = button('Load more', () => void this.fetchMore());
    if (p.kind === 'rows') {
      const toggle = button(this.view === 'grid' ? 'JSON' : 'Grid', () => {
        this.view = this.view === 'grid' ? 'json' : 'grid';
        toggle.textContent = this.view === 'grid' ? 'JSON' : 'Grid';
        this.showContent();
      }, true);
      toggle.title = 'Switch between the grid and a JSON view';
      this.exportButtons.push(button('Export CSV', () => void this.exportAll('csv'), true), button('Export JSON', () => void this.exportAll('json'), true));
      const copies = (['cell', 'row', 'column'] as const).map((k) => button(`Copy ${k}`, () => void this.copy(k), true));
      toolbar.append(toggle, this.loadMore, ...this.exportButtons, ...copies);
      if (chartableColumns(p.columns).length) toolbar.insertBefore(button('Chart', () => ((this.view = 'chart'), (toggle.textContent = 'Grid'), this.showContent()), true), this.loadMore);
      this.loadMore.hidden = !this.hasMore;
    } else {
      const msg = el('span');
      msg.textContent = p.message ?? 'Statement applied.';
      toolbar.append(msg);
    }
    toolbar.append(this.meta);
    this.root.append(toolbar);
    for (const w of p.warnings) {
      const d = el('div', 'astra-warning');
      d.textContent = `Warning: ${w}`;
      this.root.append(d);
    }
    if (p.kind === 'rows' && channel && trusted) this.editing = new RowEditing(channel, p.queryId, this.rows);
    this.root.append(this.note, ...(this.editing ? [this.editing.element] : []), this.content, this.detail);
    if (p.trace) this.root.append(traceView(p));
    this.updateMeta();
    this.setLive(false, channel ? 'Checking whether this result is still live…' : 'No connection to the extension: this output cannot page or export.');
    if (p.kind === 'rows') this.showContent();
    if (pending) {
      // Rows still being read in the background: assistive technology (and tests) can tell the result is incomplete.
      this.root.setAttribute('aria-busy', 'true');
      this.parseRest();
    }
  }

  /**
   * Parses the remaining rows once the first frame is on screen (the frame after it has begun), one slice per task,
   * so neither the first paint nor scrolling waits for them.
   */
  private parseRest(): void {
    const step = () => {
      this.sliceTimer = 0;
      if (this.takePending(ROWS_PER_SLICE)) this.sliceTimer = window.setTimeout(step, 0);
    };
    this.firstFrame = requestAnimationFrame(() => {
      this.firstFrame = requestAnimationFrame(() => {
        this.firstFrame = 0;
        this.sliceTimer = window.setTimeout(step, 0);
      });
    });
  }

  /** Moves up to `n` pending rows into the view; false when none are left. */
  private takePending(n: number): boolean {
    if (!this.pending) return false;
    let rows: EncodedValue[][];
    try {
      rows = this.pending.next(n) as EncodedValue[][];
    } catch {
      // A damaged row line: show the rows read so far.
      rows = [];
    }
    if (rows.length === 0) {
      this.pending = undefined;
      this.root.removeAttribute('aria-busy');
      // The announced count was a hint: the rows read are what there is.
      if (this.total !== this.rows.length) {
        this.total = this.rows.length;
        this.grid?.expectRows(this.total);
        this.updateMeta();
      }
      return false;
    }
    if (this.grid) this.grid.appendRows(rows);
    else for (const r of rows) this.rows.push(r);
    if (this.rows.length > this.total) {
      this.total = this.rows.length;
      this.updateMeta();
    }
    return true;
  }

  /** Every row parsed now (before paging on, copying a column or switching view). */
  private drainPending(): void {
    while (this.takePending(50_000));
  }

  /** Asks the extension whether the query is still live (it is not after reopening a saved notebook). */
  async checkLive(): Promise<void> {
    if (!this.channel || this.p.kind !== 'rows') return;
    if (!this.trusted) return this.setLive(false, 'Load more and export are off in an untrusted workspace.');
    const r = await this.channel.request({ type: 'status', queryId: this.p.queryId }, 10_000);
    if (r.type === 'status') this.setLive(r.live, r.reason ?? 'This result is not attached to a live session.');
    if (r.type === 'status' && r.live) void this.editing?.start();
    else if (r.type === 'error') this.setLive(false, r.message);
  }

  dispose(): void {
    cancelAnimationFrame(this.firstFrame);
    clearTimeout(this.sliceTimer);
    this.pending = undefined;
    this.grid?.dispose();
    this.root.remove();
  }

  private setLive(live: boolean, reason: string): void {
    this.live = live;
    for (const b of [this.loadMore, ...this.exportButtons]) {
      b.disabled = !live;
      b.title = live ? '' : reason;
    }
    this.note.textContent = live || this.p.kind !== 'rows' ? '' : reason;
    this.note.hidden = this.note.textContent === '';
  }

  private updateMeta(): void {
    const parts = [
      this.p.kind === 'rows' ? `${this.total}${this.hasMore ? '+' : ''} row${this.total === 1 ? '' : 's'}` : undefined,
      `${this.p.elapsedMs} ms`,
      this.p.consistency,
      this.p.coordinator,
    ].filter(Boolean);
    this.meta.textContent = parts.join(' · ');
    this.meta.title = `Statement: ${this.p.statement}${this.p.keyspace ? `\nKeyspace: ${this.p.keyspace}` : ''}${this.p.timeZone ? `\nTime zone: ${this.p.timeZone}` : ''}`;
  }

  private showContent(): void {
    // Text views show the first rows only: parse just those now.
    if (this.view !== 'grid' && this.rows.length < TEXT_VIEW_ROWS) this.takePending(TEXT_VIEW_ROWS - this.rows.length);
    this.grid?.dispose();
    this.grid = undefined;
    this.editing?.attach(undefined);
    this.content.replaceChildren();
    if (this.view === 'chart') return (this.drainPending(), void this.content.append(new ChartView(this.p.columns, this.rows).element));
    if (this.view !== 'grid') {
      const pre = el('pre', `astra-${this.view}`);
      const shown = this.rows.slice(0, TEXT_VIEW_ROWS);
      pre.textContent = this.view === 'json' ? JSON.stringify(shown.map((r) => this.rowObject(r)), null, 2) : this.records(shown);
      pre.tabIndex = 0;
      this.content.append(pre);
      if (this.total > TEXT_VIEW_ROWS) this.content.append(noteText(`First ${TEXT_VIEW_ROWS} of ${this.total} rows; use Export for all.`));
      return;
    }
    this.grid = new VirtualGrid(this.p.columns, this.rows, {
      openValue: (row, col) => this.openValue(row, col),
      copy: (k) => void this.copy(k),
      ...this.editing?.callbacks(),
    });
    this.editing?.attach(this.grid);
    this.content.append(this.grid.element);
    if (this.pending) this.grid.expectRows(this.total);
    this.grid.renderNow();
  }

  private rowObject(r: EncodedValue[]): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    this.p.columns.forEach((c, j) => (o[c.name] = toJsonValue(r[j] ?? null)));
    return o;
  }

  private records(rows: EncodedValue[][]): string {
    const w = Math.max(0, ...this.p.columns.map((c) => c.name.length));
    return rows
      .map((r, i) => [`@ Row ${i + 1}`, ...this.p.columns.map((c, j) => ` ${c.name.padEnd(w)} | ${formatValue(r[j] ?? null)}`)].join('\n'))
      .join('\n\n');
  }

  private openValue(row: number, col: number): void {
    const column = this.p.columns[col];
    const value = this.rows[row]?.[col];
    if (!column || value === undefined) return;
    const title = el('div');
    title.textContent = `Row ${row + 1}, ${column.name} (${column.type})`;
    const pre = el('pre');
    pre.textContent = value !== null && typeof value === 'object' && 'items' in value ? JSON.stringify(toJsonValue(value), null, 1) : formatValue(value);
    const close = button('Close', () => {
      this.detail.hidden = true;
      this.grid?.element.focus();
    }, true);
    this.detail.replaceChildren(title, pre, close);
    this.detail.hidden = false;
  }

  private async copy(kind: 'cell' | 'row' | 'column'): Promise<void> {
    if (kind === 'column') this.drainPending();
    const f = this.grid?.focus ?? { row: 0, col: 0 };
    const text =
      kind === 'cell' ? formatValue(this.rows[f.row]?.[f.col] ?? null)
        : kind === 'row' ? tsv([this.rows[f.row] ?? []])
          : tsv(this.rows.map((r) => [r[f.col] ?? null]));
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      if (this.channel) await this.channel.request({ type: 'copy', text });
    }
  }

  private async fetchMore(): Promise<void> {
    if (!this.channel || !this.live) return;
    this.drainPending();
    this.loadMore.disabled = true;
    const r = await this.channel.request({ type: 'loadMore', queryId: this.p.queryId });
    if (r.type === 'rows') {
      this.hasMore = r.hasMore;
      this.total += r.rows.length;
      if (this.grid) this.grid.appendRows(r.rows);
      else {
        for (const row of r.rows) this.rows.push(row);
        this.showContent();
      }
      this.loadMore.hidden = !this.hasMore;
      this.loadMore.disabled = false;
      this.updateMeta();
    } else if (r.type === 'error') {
      this.setLive(false, r.message);
    }
  }

  private async exportAll(format: 'csv' | 'json'): Promise<void> {
    if (!this.channel || !this.live) return;
    const r = await this.channel.request({ type: 'export', queryId: this.p.queryId, format });
    this.note.textContent = r.type === 'exported' ? `Exported ${r.rowCount} rows.` : r.type === 'error' ? r.message : '';
    this.note.hidden = this.note.textContent === '';
  }
}

function noteText(text: string): HTMLElement {
  const d = el('div', 'astra-note');
  d.textContent = text;
  return d;
}

function traceView(p: ResultPayload): HTMLElement {
  const t = p.trace!;
  const wrap = el('details', 'astra-trace');
  wrap.open = true;
  const summary = el('summary');
  summary.textContent = `Tracing session ${t.sessionId}${t.coordinator ? ` · coordinator ${t.coordinator}` : ''}${t.durationUs !== undefined ? ` · ${t.durationUs} µs` : ''}`;
  wrap.append(summary);
  if (t.error) wrap.append(noteText(t.error));
  wrap.append(traceTimeline(t));
  const table = el('table');
  const head = el('tr');
  for (const h of ['activity', 'source', 'elapsed (µs)', 'thread']) {
    const th = el('th');
    th.textContent = h;
    head.append(th);
  }
  table.append(head);
  for (const e of t.events) {
    const tr = el('tr');
    for (const v of [e.activity, e.source, String(e.elapsedUs), e.thread ?? '']) {
      const td = el('td');
      td.textContent = v;
      tr.append(td);
    }
    table.append(tr);
  }
  wrap.append(table);
  return wrap;
}
