// Completion and hover for CQL documents (`.cql` files and notebook cells): adapts the vscode-free engine in
// ./core to the VS Code API, with the schema of the document's connection.

import * as vscode from 'vscode';
import { complete, hoverAt, type CompletionItem, type ItemKind } from './core/index.js';
import type { ConnectionService } from '../connections/types.js';
import { documentTarget } from '../cql/documentTarget.js';
import type { CqlSessions } from '../cql/sessions.js';
import type { SchemaCache } from '../schema/schemaCache.js';

export const CQL_SELECTOR: vscode.DocumentSelector = [{ language: 'cql' }];

const KIND: Record<ItemKind, vscode.CompletionItemKind> = {
  keyspace: vscode.CompletionItemKind.Module,
  table: vscode.CompletionItemKind.Class,
  view: vscode.CompletionItemKind.Interface,
  column: vscode.CompletionItemKind.Field,
  type: vscode.CompletionItemKind.TypeParameter,
  function: vscode.CompletionItemKind.Function,
  keyword: vscode.CompletionItemKind.Keyword,
  consistency: vscode.CompletionItemKind.EnumMember,
};

/** Items worth popping up for on a typed space (keyword and function lists after every space would be noise). */
const SPACE_KINDS = new Set<ItemKind>(['keyspace', 'table', 'view', 'column', 'type', 'consistency']);

export function registerProviders(connections: ConnectionService, sessions: CqlSessions, schemas: SchemaCache): vscode.Disposable {
  const schemaFor = async (doc: vscode.TextDocument) => {
    const target = documentTarget(doc, connections, sessions);
    const schema = target.profileId ? await schemas.get(target.profileId) : undefined;
    return { schema, keyspace: target.keyspace };
  };

  const completion: vscode.CompletionItemProvider = {
    async provideCompletionItems(doc, position, _token, context) {
      const { schema, keyspace } = await schemaFor(doc);
      const offset = doc.offsetAt(position);
      const result = complete(doc.getText(), offset, schema, keyspace ? { keyspace } : {});
      if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ' && !result.items.some((i) => SPACE_KINDS.has(i.kind))) {
        return undefined;
      }
      // Suggest ranges must be single-line and contain the cursor.
      const start = doc.positionAt(Math.min(result.start, offset));
      const lineEnd = doc.lineAt(position.line).range.end;
      const endPos = doc.positionAt(result.end);
      const end = endPos.line === position.line ? endPos : lineEnd;
      const range = start.line === position.line ? { inserting: new vscode.Range(start, position), replacing: new vscode.Range(start, end.isBefore(position) ? position : end) } : undefined;
      const items = result.items.map((i) => toItem(i, range));
      return new vscode.CompletionList(items, result.incomplete);
    },
  };

  const hover: vscode.HoverProvider = {
    async provideHover(doc, position) {
      const { schema, keyspace } = await schemaFor(doc);
      const h = hoverAt(doc.getText(), doc.offsetAt(position), schema, keyspace ? { keyspace } : {});
      if (!h) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(h.markdown), new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end)));
    },
  };

  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(CQL_SELECTOR, completion, '.', ' ', '"'),
    vscode.languages.registerHoverProvider(CQL_SELECTOR, hover),
  );
}

function toItem(i: CompletionItem, range: { inserting: vscode.Range; replacing: vscode.Range } | undefined): vscode.CompletionItem {
  const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
  item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
  if (i.detail) item.detail = i.detail;
  if (i.documentation) item.documentation = new vscode.MarkdownString().appendText(i.documentation);
  if (i.sortText) item.sortText = i.sortText;
  if (i.filterText) item.filterText = i.filterText;
  if (range) item.range = range;
  if (i.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest tables' };
  return item;
}
