// The document browser of one collection: a webview panel (dist/documents.js) showing a query's documents, with
// Load more, vector / $vectorize search and "find similar". The host keeps the loaded documents; the webview names
// them by index. One panel per collection; a second Open reveals it.

import { webviewPageHead } from '../webviewPage.js';
import * as vscode from 'vscode';
import { DataAPIVector } from '@datastax/astra-db-ts';
import type { Logger } from '../logging.js';
import {
  EMPTY_FORM, isBrowserToHost, type BrowserToHost, type CollectionFacts, type HostToBrowser, type QueryForm,
} from '../../shared/documentBrowserMessages.js';
import { refKey } from './core/collectionNodes.js';
import { documentRow } from './core/documentRows.js';
import { findCommandText, parseQueryForm, type FindQuery } from './core/queryForm.js';

export { collectionFacts } from './core/queryForm.js';
import { bigNumber, type CollectionsApi, type CollectionTarget } from './collections.js';
import { DocumentPager } from './documentPager.js';

/** Documents shown first and added by each Load more. */
export const FIRST_PAGE = 20;
export const MORE_PAGE = 100;

export interface DocumentActions {
  edit(target: CollectionTarget, doc: Record<string, unknown>): Promise<void>;
  remove(target: CollectionTarget, doc: Record<string, unknown>): Promise<boolean>;
  insert(target: CollectionTarget): Promise<void>;
}

export class DocumentBrowser implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private docs: Record<string, unknown>[] = [];
  private pager: DocumentPager | undefined;
  private query: FindQuery | undefined;
  private queryId = 0;
  private form: QueryForm = EMPTY_FORM;

  constructor(
    extensionUri: vscode.Uri,
    readonly target: CollectionTarget,
    private readonly facts: CollectionFacts,
    private readonly api: CollectionsApi,
    private readonly actions: DocumentActions,
    private readonly log: Logger,
    onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(DOCUMENTS_VIEW_TYPE, `${facts.name} (${facts.keyspace})`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'astra.svg');
    this.panel.webview.html = browserHtml(this.panel.webview, vscode.Uri.joinPath(dist, 'documents.js'));
    this.panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isBrowserToHost(m)) void this.handle(m);
    });
    this.panel.onDidDispose(onDispose);
  }

  reveal(): void {
    this.panel.reveal();
  }

  private post(message: HostToBrowser): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(m: BrowserToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', collection: this.facts, form: this.form });
        if (!this.query) return this.run(0, this.form);
        return this.rerun();
      case 'query':
        return this.run(m.queryId, m.form);
      case 'more':
        return this.more(m.queryId);
      case 'similar':
        return this.similar(m.queryId, m.index);
      case 'edit':
      case 'delete': {
        const doc = this.docs[m.index];
        if (!doc) return;
        try {
          if (m.type === 'edit') await this.actions.edit(this.target, doc);
          else if (await this.actions.remove(this.target, doc)) await this.rerun();
        } catch (err) {
          void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
        }
        return;
      }
      case 'insert':
        return this.actions.insert(this.target);
    }
  }

  /** After an edit elsewhere: the same query again from the start. */
  async rerun(): Promise<void> {
    await this.run(++this.queryId, this.form);
  }

  private async run(queryId: number, form: QueryForm): Promise<void> {
    this.queryId = Math.max(this.queryId, queryId);
    this.form = form;
    const parsed = parseQueryForm(form, this.facts, bigNumber);
    if ('error' in parsed) return this.post({ type: 'error', queryId, message: parsed.error });
    this.query = parsed.query;
    this.docs = [];
    await this.page(queryId, false, FIRST_PAGE);
  }

  private async page(queryId: number, append: boolean, count: number): Promise<void> {
    const query = this.query!;
    if (!append) {
      this.pager = await this.api
        .run(this.target.db, 'opening the collection', async (db) => new DocumentPager(this.api.collection(db, this.target), query))
        .catch((err: unknown) => void this.post({ type: 'error', queryId, message: String((err as Error).message ?? err) }));
      if (!this.pager) return;
    }
    const pager = this.pager!;
    const started = Date.now();
    try {
      const docs = await this.api.run(this.target.db, `reading ${this.target.keyspace}.${this.target.name}`, () => pager.next(count));
      if (queryId !== this.queryId) return; // a newer query replaced this one while it ran
      const first = this.docs.length;
      this.docs.push(...(docs as Record<string, unknown>[]));
      const rows = docs.map((d, i) => documentRow(d as Record<string, unknown>, first + i));
      const took = Date.now() - started;
      this.log.debug(`${findCommandText(query)}: ${docs.length} documents in ${took} ms`);
      const note = `${this.docs.length.toLocaleString('en-US')} document${this.docs.length === 1 ? '' : 's'} · ${query.label} · ${took} ms`;
      this.post({ type: 'rows', queryId, append, rows, more: !pager.done, note });
    } catch (err) {
      if (queryId === this.queryId) this.post({ type: 'error', queryId, message: (err as Error).message ?? String(err) });
    }
  }

  private async more(queryId: number): Promise<void> {
    if (queryId !== this.queryId || !this.pager || this.pager.done) return;
    await this.page(queryId, true, MORE_PAGE);
  }

  /** Vector search with the selected document's own vector (read with its `$vector`, which find() leaves out). */
  private async similar(queryId: number, index: number): Promise<void> {
    const doc = this.docs[index];
    if (!doc || !this.facts.vectorDimension) return;
    const withVector = await this.api
      .run(this.target.db, 'reading the document vector', (db) =>
        this.api.collection(db, this.target).findOne({ _id: doc._id } as never, { projection: { $vector: 1 } }),
      )
      .catch((err: unknown) => void this.post({ type: 'error', queryId, message: (err as Error).message }));
    if (withVector === undefined) return;
    const vector = vectorNumbers(withVector?.$vector);
    if (!vector) return this.post({ type: 'error', queryId, message: 'This document has no $vector to search with.' });
    const form: QueryForm = { ...EMPTY_FORM, mode: 'vector', limit: String(FIRST_PAGE), search: `[${vector.join(', ')}]` };
    this.post({ type: 'form', form });
    await this.run(queryId, form);
  }

  dispose(): void {
    this.panel.dispose();
  }
}

export const DOCUMENTS_VIEW_TYPE = 'astra.documents';

function vectorNumbers(v: unknown): number[] | undefined {
  if (Array.isArray(v)) return v as number[];
  return v instanceof DataAPIVector ? v.asArray() : undefined;
}

export function browserKey(t: CollectionTarget): string {
  return `${refKey(t.db)}\n${t.keyspace}\n${t.name}`;
}

function browserHtml(webview: vscode.Webview, script: vscode.Uri): string {
  const head = webviewPageHead(webview, script);
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head.meta}
</head>
<body>
<div id="app" data-nonce="${head.nonce}"></div>
${head.script}
</body>
</html>`;
}
