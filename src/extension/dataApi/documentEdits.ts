// Insert, edit and delete documents. Editing opens the document as a JSON editor tab (an `astra-document:` file);
// saving it validates the JSON, shows the exact findOneAndReplace command for confirmation, checks that nobody
// changed or deleted the document meanwhile, then replaces it. Insert is the same tab starting from `{}`.

import * as vscode from 'vscode';
import type { SomeDoc } from '@datastax/astra-db-ts';
import { cellText, documentJson } from './core/documentText.js';
import { parseJsonObject } from './core/exactJson.js';
import { sameValue, writeCommandText } from './core/commandText.js';
import { storedDocument } from './core/documentRows.js';
import { bigNumber, type CollectionsApi, type CollectionTarget } from './collections.js';

export const DOCUMENT_SCHEME = 'astra-document';

interface OpenDocument {
  target: CollectionTarget;
  /** The `_id` as the client decoded it; undefined until an insert tab has been saved once. */
  id?: unknown;
  /** What was last read from or written to the database, as exact JSON: the conflict check compares with it. */
  stored?: string;
  text: Uint8Array;
  mtime: number;
}

export class DocumentEdits implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly open = new Map<string, OpenDocument>();
  private next = 1;
  private readonly fileChanged = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.fileChanged.event;
  private readonly written = new vscode.EventEmitter<CollectionTarget>();
  /** A document of this collection was inserted, replaced or deleted. */
  readonly onDidWrite = this.written.event;

  constructor(private readonly api: CollectionsApi) {}

  async edit(target: CollectionTarget, doc: Record<string, unknown>): Promise<void> {
    const full = await this.api.run(target.db, 'reading the document', (db) =>
      this.api.collection(db, target).findOne({ _id: doc._id } as never, { projection: { '*': 1 } }),
    );
    if (!full) throw new Error('The document no longer exists (deleted since the page was loaded).');
    const json = documentJson(storedDocument(full));
    const name = `${target.name}-${fileSafe(cellText(full._id))}.json`;
    await this.show(target, name, { id: full._id, stored: json }, json);
  }

  async insert(target: CollectionTarget): Promise<void> {
    await this.show(target, `${target.name}-new.json`, {}, '{\n  \n}\n');
  }

  async remove(target: CollectionTarget, doc: Record<string, unknown>): Promise<boolean> {
    const command = writeCommandText('deleteOne', { filter: { _id: doc._id } });
    const ok = await vscode.window.showWarningMessage(
      `Delete this document from ${target.keyspace}.${target.name}?`,
      { modal: true, detail: `This sends:\n${command}` },
      'Delete',
    );
    if (ok !== 'Delete') return false;
    const res = await this.api.run(target.db, 'deleting the document', (db) => this.api.collection(db, target).deleteOne({ _id: doc._id } as never));
    if (res.deletedCount === 0) void vscode.window.showInformationMessage('The document was already gone.');
    this.written.fire(target);
    return true;
  }

  private async show(target: CollectionTarget, name: string, state: Pick<OpenDocument, 'id' | 'stored'>, text: string): Promise<void> {
    const key = String(this.next++);
    this.open.set(key, { target, ...state, text: new TextEncoder().encode(text), mtime: Date.now() });
    const uri = vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `/${key}/${target.keyspace}/${name}` });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    // Beside the browser, so the refreshed results are in view when the save lands.
    await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }

  private entry(uri: vscode.Uri): OpenDocument {
    const e = this.open.get(uri.path.split('/')[1] ?? '');
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return e;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const e = this.entry(uri);
    return { type: vscode.FileType.File, ctime: e.mtime, mtime: e.mtime, size: e.text.byteLength };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.entry(uri).text;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const e = this.entry(uri);
    const parsed = parseJsonObject(new TextDecoder().decode(content), 'document', bigNumber);
    if ('error' in parsed) throw new Error(`Not saved: ${parsed.error}`);
    const doc = parsed.value;
    if (e.id === undefined) await this.saveInsert(e, doc);
    else await this.saveReplace(e, doc);
    e.text = content;
    e.mtime = Date.now();
    this.fileChanged.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    this.written.fire(e.target);
  }

  private async saveInsert(e: OpenDocument, doc: Record<string, unknown>): Promise<void> {
    const t = e.target;
    await this.confirm(`Insert this document into ${t.keyspace}.${t.name}?`, writeCommandText('insertOne', { document: doc }), 'Insert');
    const res = await this.api.run(t.db, 'inserting the document', (db) => this.api.collection(db, t).insertOne(doc as SomeDoc));
    e.id = res.insertedId;
    e.stored = documentJson({ ...doc, _id: res.insertedId });
    void vscode.window.showInformationMessage(`Inserted document ${documentJson(res.insertedId, false)}; saving this tab again replaces it.`);
  }

  private async saveReplace(e: OpenDocument, doc: Record<string, unknown>): Promise<void> {
    const t = e.target;
    if ('_id' in doc && !sameValue(doc._id, e.id)) throw new Error('Not saved: the _id of a document cannot change. Insert a new document instead.');
    const { _id: _, ...replacement } = doc;
    // $vectorize regenerates $vector: sending both is refused, so the text wins.
    if ('$vectorize' in replacement) delete replacement.$vector;
    const filter = { _id: e.id };
    const current = await this.api.run(t.db, 'reading the document', (db) => this.api.collection(db, t).findOne(filter as never, { projection: { '*': 1 } }));
    if (!current) throw new Error('Not saved: the document no longer exists (deleted since you opened it).');
    if (e.stored !== undefined && documentJson(storedDocument(current)) !== e.stored) {
      const go = await vscode.window.showWarningMessage(
        'The document changed in the database since you opened it. Replace it with your version anyway?',
        { modal: true },
        'Replace',
      );
      if (go !== 'Replace') throw new Error('Not saved: the document changed in the database meanwhile (reopen it to see the new version).');
    }
    const command = writeCommandText('findOneAndReplace', { filter, replacement, options: { returnDocument: 'after' } });
    await this.confirm(`Replace this document in ${t.keyspace}.${t.name}?`, command, 'Replace');
    const after = await this.api.run(t.db, 'replacing the document', (db) =>
      this.api.collection(db, t).findOneAndReplace(filter as never, replacement as SomeDoc, { returnDocument: 'after', projection: { '*': 1 } }),
    );
    if (!after) throw new Error('Not saved: the document was deleted before it could be replaced.');
    e.stored = documentJson(storedDocument(after));
  }

  private async confirm(message: string, command: string, action: string): Promise<void> {
    const ok = await vscode.window.showWarningMessage(message, { modal: true, detail: `This sends:\n${command}` }, action);
    if (ok !== action) throw new Error('Not saved: cancelled.');
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Documents have no folders.');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete documents from the document browser.');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Documents cannot be renamed.');
  }

  dispose(): void {
    this.fileChanged.dispose();
    this.written.dispose();
  }
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60) || 'document';
}
