// Commands on collection nodes: Open (document browser), Insert Document…, Create Collection… (name and vector
// options through InputBox/QuickPick), Drop Collection… (modal confirmation naming it), Refresh.

import * as vscode from 'vscode';
import type { CollectionTreeNode } from './core/collectionNodes.js';
import { collectionNameProblem, createCollectionOptions, type CreateCollectionAnswers } from './core/collectionText.js';
import type { CollectionsApi, CollectionTarget } from './collections.js';
import type { CollectionTreeSource } from './collectionTree.js';

type CollectionNode = Extract<CollectionTreeNode, { kind: 'collection' }>;
type GroupNode = Extract<CollectionTreeNode, { kind: 'collections' }>;

export const targetOf = (n: CollectionNode): CollectionTarget => ({ db: n.db, keyspace: n.keyspace, name: n.summary.name });

const isNode = (x: unknown, kind: string): boolean => !!x && typeof x === 'object' && (x as { kind?: unknown }).kind === kind;
export const asCollection = (x: unknown): CollectionNode | undefined => (isNode(x, 'collection') ? (x as CollectionNode) : undefined);
export const asGroup = (x: unknown): GroupNode | undefined => (isNode(x, 'collections') ? (x as GroupNode) : undefined);

const METRICS = [
  { label: 'cosine', description: 'angle between vectors (default)' },
  { label: 'dot_product', description: 'for normalized vectors; fastest' },
  { label: 'euclidean', description: 'straight-line distance' },
] as const;

async function askVector(): Promise<Omit<CreateCollectionAnswers, 'denyIndexing'> | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'No vector', id: 'none', detail: 'Documents only; filter and sort on fields.' },
      { label: 'Vector', id: 'vector', detail: 'You provide $vector embeddings of a fixed dimension.' },
      { label: 'Vector with a vectorize service', id: 'vectorize', detail: 'Astra embeds $vectorize text with a provider configured for the database.' },
    ],
    { title: 'Create Collection: vector search', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  if (kind.id === 'none') return {};
  const answers: CreateCollectionAnswers = {};
  if (kind.id === 'vectorize') {
    answers.vectorizeProvider = (await vscode.window.showInputBox({ title: 'Vectorize provider', prompt: 'e.g. nvidia, openai, azureOpenAI', value: 'nvidia', ignoreFocusOut: true }))?.trim();
    if (!answers.vectorizeProvider) return undefined;
    answers.vectorizeModel = (await vscode.window.showInputBox({ title: 'Vectorize model', prompt: 'e.g. NV-Embed-QA, text-embedding-3-small', value: answers.vectorizeProvider === 'nvidia' ? 'NV-Embed-QA' : '', ignoreFocusOut: true }))?.trim();
    if (answers.vectorizeModel === undefined) return undefined;
  }
  const dim = await vscode.window.showInputBox({
    title: 'Vector dimension',
    prompt: kind.id === 'vectorize' ? 'Leave empty to use the model’s own dimension.' : 'Number of floats per vector (e.g. 1536).',
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v.trim() && kind.id === 'vectorize') return undefined;
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= 4096 ? undefined : 'A whole number from 1 to 4096.';
    },
  });
  if (dim === undefined) return undefined;
  if (dim.trim()) answers.dimension = Number(dim);
  const metric = await vscode.window.showQuickPick([...METRICS], { title: 'Similarity metric', ignoreFocusOut: true });
  if (!metric) return undefined;
  answers.metric = metric.label;
  return answers;
}

export function registerCollectionCommands(
  api: CollectionsApi,
  tree: CollectionTreeSource,
  open: (node: CollectionNode) => Promise<void>,
  insert: (target: CollectionTarget) => Promise<void>,
  onDropped: (target: CollectionTarget) => void,
): vscode.Disposable[] {
  const fail = (err: unknown) => void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
  const reg = (id: string, fn: (arg: unknown) => Promise<void>) => vscode.commands.registerCommand(id, (arg: unknown) => fn(arg).catch(fail));
  return [
    reg('astra.collections.open', async (arg) => {
      const node = asCollection(arg);
      if (node) await open(node);
    }),
    reg('astra.collections.insertDocument', async (arg) => {
      const node = asCollection(arg);
      if (node) await insert(targetOf(node));
    }),
    reg('astra.collections.refresh', async (arg) => {
      const g = asGroup(arg);
      tree.refresh(g?.db, g?.keyspace);
    }),
    reg('astra.collections.create', async (arg) => {
      const g = asGroup(arg);
      if (!g) return;
      const existing = await tree.names(g.db, g.keyspace);
      const name = (await vscode.window.showInputBox({
        title: `Create Collection in ${g.keyspace}`, prompt: 'Collection name', ignoreFocusOut: true,
        validateInput: (v) => collectionNameProblem(v.trim(), existing),
      }))?.trim();
      if (!name) return;
      const vector = await askVector();
      if (!vector) return;
      const options = createCollectionOptions(vector);
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Creating collection ${g.keyspace}.${name}…` }, () =>
        api.create(g.db, g.keyspace, name, options),
      );
      tree.refresh(g.db, g.keyspace);
      void vscode.window.showInformationMessage(`Collection ${g.keyspace}.${name} created.`);
    }),
    reg('astra.collections.drop', async (arg) => {
      const node = asCollection(arg);
      if (!node) return;
      const t = targetOf(node);
      const count = node.summary.count !== undefined ? ` and its ~${node.summary.count.toLocaleString('en-US')} documents` : ' and all its documents';
      const ok = await vscode.window.showWarningMessage(
        `Drop collection ${t.keyspace}.${t.name}${count}? This cannot be undone.`,
        { modal: true, detail: `This sends:\n{"deleteCollection":{"name":${JSON.stringify(t.name)}}} to keyspace ${t.keyspace}` },
        'Drop Collection',
      );
      if (ok !== 'Drop Collection') return;
      await api.drop(t.db, t.keyspace, t.name);
      onDropped(t);
      tree.refresh(t.db, t.keyspace);
      void vscode.window.showInformationMessage(`Collection ${t.keyspace}.${t.name} dropped.`);
    }),
  ];
}
