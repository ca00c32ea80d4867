// The collection document browser (webview). Query form (filter, projection, sort, limit, or a vector / text to
// search by), Run, Load more, table ⇄ JSON, and per-document Edit / Delete / Find similar, all answered by the host.
// Messages are validated on arrival; the form survives the panel being hidden (getState/setState).

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import {
  isHostToBrowser, isQueryForm, type BrowserToHost, type CollectionFacts, type HostToBrowser, type QueryForm, type SearchMode,
} from '../../shared/documentBrowserMessages.js';
import { DocumentList } from './documentList.js';
import { el, type RowAction } from './elements.js';
import { DOCUMENT_STYLES } from './styles.js';

interface WebviewApi {
  postMessage(message: BrowserToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): WebviewApi;

type Field = HTMLElement & { value: string };
type Button = HTMLElement & { disabled: boolean };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const style = document.createElement('style');
style.nonce = app.dataset.nonce ?? '';
style.textContent = DOCUMENT_STYLES;
document.head.append(style);

let queryId = 0;
let facts: CollectionFacts | undefined;
let view: 'table' | 'json' = 'table';

const title = el('div', 'doc-title');
const form = el('div', 'doc-form');
const bar = el('div', 'doc-bar');
const error = el('div', 'doc-error hidden');
const more = button('Load more', 'secondary');
let list: DocumentList | undefined;
const listHost = el('div');
const note = el('span', 'doc-note doc-status');

function button(label: string, appearance?: 'secondary'): Button {
  const b = document.createElement('vscode-button') as Button;
  b.textContent = label;
  if (appearance) b.setAttribute('secondary', '');
  return b;
}

function field(tag: 'vscode-textfield' | 'vscode-textarea', id: string, placeholder: string): Field {
  const f = document.createElement(tag) as Field;
  f.id = id;
  f.setAttribute('placeholder', placeholder);
  f.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter' && (tag === 'vscode-textfield' || (e as KeyboardEvent).ctrlKey)) run();
  });
  return f;
}

const inputs = {
  filter: field('vscode-textfield', 'filter', '{"category": "books"}  — empty: all documents'),
  projection: field('vscode-textfield', 'projection', '{"name": 1, "price": 1}'),
  sort: field('vscode-textfield', 'sort', '{"price": -1}'),
  limit: field('vscode-textfield', 'limit', 'no limit'),
  search: field('vscode-textarea', 'search', '[0.12, -0.4, …]'),
};
const modes = document.createElement('vscode-radio-group') as HTMLElement & { value?: string };
let mode: SearchMode = 'filter';

function label(text: string, target: string): HTMLLabelElement {
  const l = el('label', undefined, text);
  l.htmlFor = target;
  return l;
}

function buildForm(): void {
  modes.replaceChildren();
  const options: [SearchMode, string][] = [['filter', 'Filter']];
  if (facts?.vectorDimension) options.push(['vector', `Vector search (${facts.vectorDimension} dims, ${facts.metric ?? 'cosine'})`]);
  if (facts?.vectorize) options.push(['vectorize', `Search by text (${facts.vectorize})`]);
  for (const [value, text] of options) {
    const r = document.createElement('vscode-radio') as HTMLElement & { checked: boolean; value: string };
    r.setAttribute('name', 'mode');
    r.value = value;
    r.textContent = text;
    r.id = `mode-${value}`;
    r.checked = value === mode;
    r.addEventListener('change', () => setMode(value));
    r.addEventListener('click', () => setMode(value));
    modes.append(r);
  }
  const searchLabel = label('Search', 'search');
  searchLabel.id = 'search-label';
  const modeRow = el('div', 'wide');
  modeRow.append(modes);
  form.replaceChildren(
    el('label', undefined, 'Mode'), modeRow,
    label('Filter', 'filter'), inputs.filter, label('Limit', 'limit'), inputs.limit,
    label('Projection', 'projection'), inputs.projection, label('Sort', 'sort'), inputs.sort,
    searchLabel, wide(inputs.search),
  );
  setMode(mode);
}

function wide(e: HTMLElement): HTMLElement {
  e.classList.add('wide');
  return e;
}

function setMode(m: SearchMode): void {
  mode = m;
  const searching = m !== 'filter';
  inputs.search.classList.toggle('hidden', !searching);
  document.getElementById('search-label')?.classList.toggle('hidden', !searching);
  inputs.sort.toggleAttribute('disabled', searching);
  inputs.search.setAttribute('placeholder', m === 'vector' ? `[${facts?.vectorDimension ?? 'n'} numbers]` : 'text to embed and search for');
  inputs.limit.setAttribute('placeholder', searching ? '20 nearest' : 'no limit');
  for (const r of modes.querySelectorAll('vscode-radio')) (r as HTMLElement & { checked: boolean }).checked = r.id === `mode-${m}`;
}

function currentForm(): QueryForm {
  return { mode, filter: inputs.filter.value, projection: inputs.projection.value, sort: inputs.sort.value, limit: inputs.limit.value, search: inputs.search.value };
}

function applyForm(f: QueryForm): void {
  for (const k of ['filter', 'projection', 'sort', 'limit', 'search'] as const) inputs[k].value = f[k];
  setMode(f.mode === 'vector' && !facts?.vectorDimension ? 'filter' : f.mode);
}

function run(): void {
  const f = currentForm();
  vscode.setState({ form: f, view });
  queryId++;
  showError(undefined);
  note.textContent = 'Running…';
  vscode.postMessage({ type: 'query', queryId, form: f });
}

function showError(message: string | undefined): void {
  error.textContent = message ?? '';
  error.classList.toggle('hidden', !message);
}

function onAction(action: RowAction, index: number): void {
  if (action === 'similar') {
    queryId++;
    note.textContent = 'Searching…';
    vscode.postMessage({ type: 'similar', queryId, index });
  } else vscode.postMessage({ type: action, index });
}

function onMessage(m: HostToBrowser): void {
  switch (m.type) {
    case 'init': {
      facts = m.collection;
      title.replaceChildren(el('b', undefined, `${facts.keyspace}.${facts.name}`), document.createTextNode(` · ${facts.database}`));
      const actions: RowAction[] = ['edit', 'delete', ...(facts.vectorDimension ? (['similar'] as const) : [])];
      list?.dispose();
      list = new DocumentList(actions, onAction);
      list.setView(view);
      listHost.replaceChildren(list.root);
      buildForm();
      const saved = vscode.getState() as { form?: unknown } | undefined;
      applyForm(isQueryForm(saved?.form) ? saved.form : m.form);
      return;
    }
    case 'form':
      applyForm(m.form);
      return;
    case 'rows':
      // The host also starts queries (a refresh after an edit) with a newer id; anything older is stale.
      if (m.queryId < queryId) return;
      queryId = m.queryId;
      showError(undefined);
      if (m.append) list?.append(m.rows);
      else list?.replace(m.rows);
      more.classList.toggle('hidden', !m.more);
      more.disabled = false;
      note.textContent = m.note ?? '';
      return;
    case 'error':
      if (m.queryId < queryId) return;
      queryId = m.queryId;
      showError(m.message);
      more.disabled = false;
      note.textContent = '';
      return;
  }
}

const runButton = button('Run');
runButton.id = 'run';
runButton.addEventListener('click', run);
const insertButton = button('Insert Document…', 'secondary');
insertButton.addEventListener('click', () => vscode.postMessage({ type: 'insert' }));
const viewButton = button('JSON view', 'secondary');
viewButton.id = 'toggle-view';
viewButton.addEventListener('click', () => {
  view = view === 'table' ? 'json' : 'table';
  viewButton.textContent = view === 'table' ? 'JSON view' : 'Table view';
  list?.setView(view);
  vscode.setState({ form: currentForm(), view });
});
more.id = 'load-more';
more.classList.add('hidden');
more.addEventListener('click', () => {
  more.disabled = true;
  note.textContent = 'Loading…';
  vscode.postMessage({ type: 'more', queryId });
});
bar.append(runButton, insertButton, viewButton, note);
app.append(title, form, bar, error, listHost, more);
const restored = vscode.getState() as { view?: unknown } | undefined;
if (restored?.view === 'json') {
  view = 'json';
  viewButton.textContent = 'Table view';
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isHostToBrowser(e.data)) onMessage(e.data);
});
vscode.postMessage({ type: 'ready' });
