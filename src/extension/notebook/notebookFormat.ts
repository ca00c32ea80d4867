// The `.cqlnb` file format (documented in ./README.md), vscode-free so it is unit tested directly.
// Unknown fields at every level are carried in `extra` and written back unchanged.

import { RESULT_MIME } from '../../shared/resultPayload.js';

export const NOTEBOOK_FORMAT = 'astra-cql-notebook';
export const NOTEBOOK_VERSION = 1;

export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(`Cannot open this CQL notebook: ${message}. The file was left unchanged.`);
    this.name = 'NotebookFormatError';
  }
}

export type Extra = Record<string, unknown>;

export interface OutputItemData {
  mime: string;
  data: Uint8Array;
}

export interface OutputData {
  id?: string;
  items: OutputItemData[];
  extra?: Extra;
  /**
   * Result rows this output keeps when saved. Set only on outputs the controller produced (never read from or
   * written to the file), so a save never drops rows a file already held.
   */
  maxSavedRows?: number;
}

/** Output metadata key under which the controller records the save cap of a result it produced. */
export const MAX_SAVED_ROWS_KEY = 'maxSavedRows';

export interface ExecutionSummary {
  order?: number;
  success?: boolean;
  durationMs?: number;
}

export interface CellData {
  kind: 'code' | 'markdown';
  source: string;
  language: string;
  outputs: OutputData[];
  execution?: ExecutionSummary;
  extra?: Extra;
}

export interface NotebookMetadata {
  connection?: { profileId: string; name: string };
  keyspace?: string;
  extra?: Extra;
}

export interface NotebookData {
  metadata: NotebookMetadata;
  cells: CellData[];
  extra?: Extra;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function rest(o: Record<string, unknown>, known: string[]): Extra | undefined {
  const e: Extra = {};
  for (const [k, v] of Object.entries(o)) if (!known.includes(k)) e[k] = v;
  return Object.keys(e).length ? e : undefined;
}

const isJsonMime = (mime: string) => /[/+]json$/.test(mime) || mime === 'application/vnd.code.notebook.error';
const isTextMime = (mime: string) => mime.startsWith('text/') || mime === 'application/vnd.code.notebook.stdout' || mime === 'application/vnd.code.notebook.stderr';

export function parseNotebook(text: string): NotebookData {
  if (text.trim() === '') return { metadata: {}, cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`it is not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(raw)) throw new NotebookFormatError('the top level must be a JSON object');
  if (raw['format'] !== NOTEBOOK_FORMAT) throw new NotebookFormatError(`"format" must be "${NOTEBOOK_FORMAT}"`);
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new NotebookFormatError('"version" must be a positive integer');
  }
  if (version > NOTEBOOK_VERSION) {
    throw new NotebookFormatError(`it was written by a newer version of the extension (format version ${version}, this one reads ${NOTEBOOK_VERSION})`);
  }
  if (!Array.isArray(raw['cells'])) throw new NotebookFormatError('"cells" must be an array');
  return {
    metadata: parseMetadata(raw['metadata']),
    cells: raw['cells'].map((c, i) => parseCell(c, i)),
    extra: rest(raw, ['format', 'version', 'metadata', 'cells']),
  };
}

function parseMetadata(m: unknown): NotebookMetadata {
  if (m === undefined) return {};
  if (!isObj(m)) throw new NotebookFormatError('"metadata" must be an object');
  const out: NotebookMetadata = {};
  const c = m['connection'];
  if (c !== undefined) {
    if (!isObj(c) || typeof c['profileId'] !== 'string' || typeof c['name'] !== 'string') {
      throw new NotebookFormatError('"metadata.connection" must be { "profileId": string, "name": string }');
    }
    out.connection = { profileId: c['profileId'], name: c['name'] };
  }
  if (m['keyspace'] !== undefined) {
    if (typeof m['keyspace'] !== 'string') throw new NotebookFormatError('"metadata.keyspace" must be a string');
    out.keyspace = m['keyspace'];
  }
  const extra = rest(m, ['connection', 'keyspace']);
  if (extra) out.extra = extra;
  return out;
}

function parseSource(s: unknown, where: string): string {
  if (typeof s === 'string') return s;
  if (Array.isArray(s) && s.every((l) => typeof l === 'string')) return s.join('');
  throw new NotebookFormatError(`${where}.source must be a string`);
}

function parseCell(c: unknown, i: number): CellData {
  const where = `cells[${i}]`;
  if (!isObj(c)) throw new NotebookFormatError(`${where} must be an object`);
  const kind = c['kind'];
  if (kind !== 'code' && kind !== 'markdown') throw new NotebookFormatError(`${where}.kind must be "code" or "markdown"`);
  const language = c['language'] ?? (kind === 'code' ? 'cql' : 'markdown');
  if (typeof language !== 'string') throw new NotebookFormatError(`${where}.language must be a string`);
  const outputs = c['outputs'] ?? [];
  if (!Array.isArray(outputs)) throw new NotebookFormatError(`${where}.outputs must be an array`);
  const cell: CellData = {
    kind,
    source: parseSource(c['source'] ?? '', where),
    language,
    outputs: outputs.map((o, j) => parseOutput(o, `${where}.outputs[${j}]`)),
  };
  const ex = c['execution'];
  if (isObj(ex)) {
    cell.execution = {};
    if (typeof ex['order'] === 'number') cell.execution.order = ex['order'];
    if (typeof ex['success'] === 'boolean') cell.execution.success = ex['success'];
    if (typeof ex['durationMs'] === 'number') cell.execution.durationMs = ex['durationMs'];
  }
  const extra = rest(c, ['kind', 'source', 'language', 'outputs', 'execution']);
  if (extra) cell.extra = extra;
  return cell;
}

function parseOutput(o: unknown, where: string): OutputData {
  if (!isObj(o) || !Array.isArray(o['items'])) throw new NotebookFormatError(`${where} must be { "items": [...] }`);
  const out: OutputData = {
    items: o['items'].map((it, k) => {
      if (!isObj(it) || typeof it['mime'] !== 'string') throw new NotebookFormatError(`${where}.items[${k}] needs a "mime"`);
      return { mime: it['mime'], data: decodeItem(it['mime'], it['data'], `${where}.items[${k}]`) };
    }),
  };
  if (typeof o['id'] === 'string') out.id = o['id'];
  const extra = rest(o, ['id', 'items']);
  if (extra) out.extra = extra;
  return out;
}

function decodeItem(mime: string, data: unknown, where: string): Uint8Array {
  if (isObj(data) && typeof data['base64'] === 'string' && !isJsonMime(mime)) return Buffer.from(data['base64'], 'base64');
  if (isJsonMime(mime)) return new TextEncoder().encode(JSON.stringify(data ?? null));
  if (typeof data === 'string') return new TextEncoder().encode(data);
  throw new NotebookFormatError(`${where}.data must be a string for ${mime}`);
}

function encodeItem(item: OutputItemData, maxSavedRows: number | undefined): unknown {
  if (isJsonMime(item.mime)) {
    const text = new TextDecoder().decode(item.data);
    try {
      const value = JSON.parse(text) as unknown;
      return item.mime === RESULT_MIME && maxSavedRows !== undefined ? capRows(value, maxSavedRows) : value;
    } catch {
      return { base64: Buffer.from(item.data).toString('base64') };
    }
  }
  if (isTextMime(item.mime)) return new TextDecoder().decode(item.data);
  return { base64: Buffer.from(item.data).toString('base64') };
}

export interface SerializeOptions {
  /** `astra.notebook.saveOutputs`: false drops outputs and execution summaries. */
  saveOutputs: boolean;
}

/** Result rows the controller lets a new output keep in the file (PAGING OFF can display far more). */
export const DEFAULT_MAX_SAVED_ROWS = 1000;

/** A saved result keeps at most `max` rows; the rest is marked as "more rows" (not loadable once reopened). */
function capRows(value: unknown, max: number): unknown {
  if (!isObj(value) || !Array.isArray(value['rows']) || value['rows'].length <= max) return value;
  return { ...value, rows: value['rows'].slice(0, max), hasMore: true };
}

export function serializeNotebook(nb: NotebookData, opts: SerializeOptions): string {
  const metadata: Record<string, unknown> = { ...(nb.metadata.extra ?? {}) };
  if (nb.metadata.connection) metadata['connection'] = { profileId: nb.metadata.connection.profileId, name: nb.metadata.connection.name };
  if (nb.metadata.keyspace !== undefined) metadata['keyspace'] = nb.metadata.keyspace;
  const file: Record<string, unknown> = {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    ...(Object.keys(metadata).length ? { metadata } : {}),
    cells: nb.cells.map((c) => serializeCell(c, opts)),
  };
  for (const [k, v] of Object.entries(nb.extra ?? {})) if (!(k in file)) file[k] = v;
  return `${prettyJson(file)}\n`;
}

/**
 * Pretty JSON for diffs, but any array/object whose one-line form is short stays on one line, so a saved result
 * is one line per row instead of one line per value.
 */
function prettyJson(value: unknown, indent = '', width = 100): string {
  const flat = JSON.stringify(value);
  if (flat === undefined || typeof value !== 'object' || value === null || flat.length + indent.length <= width) return flat ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + prettyJson(v === undefined ? null : v, inner, width)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner, width)}`).join(',\n')}\n${indent}}`;
}

function serializeCell(c: CellData, opts: SerializeOptions): Record<string, unknown> {
  const cell: Record<string, unknown> = { kind: c.kind };
  if (c.kind === 'code' || c.language !== 'markdown') cell['language'] = c.language;
  cell['source'] = c.source;
  if (opts.saveOutputs && c.outputs.length) {
    cell['outputs'] = c.outputs.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      items: o.items.map((it) => ({ mime: it.mime, data: encodeItem(it, o.maxSavedRows) })),
      ...(o.extra ?? {}),
    }));
  }
  if (opts.saveOutputs && c.execution && Object.keys(c.execution).length) cell['execution'] = c.execution;
  for (const [k, v] of Object.entries(c.extra ?? {})) if (!(k in cell)) cell[k] = v;
  return cell;
}
