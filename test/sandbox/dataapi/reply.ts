// What a command handler returns: the Data API envelope before serialisation (keys omitted when empty).
import type { ApiError } from './errors.js';
import { isObject, Num, type Json, type JsonObject } from './json.js';
import type { Collection, DocumentStore } from './store.js';

export interface Reply {
  data?: JsonObject;
  status?: JsonObject;
  errors?: ApiError[];
}

export interface CommandContext {
  store: DocumentStore;
  keyspace?: string;
  collection?: Collection;
  settings: DataApiSettings;
}

export interface DataApiSettings {
  /** Documents per page of an unsorted find (20 on Astra; the upstream server later raised it to 50). */
  pageSize: number;
  /** Collections per database before createCollection answers TOO_MANY_COLLECTIONS. */
  maxCollections: number;
  /** Whether new collections get Astra's lexical/rerank defaults (enabled) or `{"enabled": false}`. */
  lexical: boolean;
}

export const n = (x: number): Num => Num.of(x);

/** Option reading with the server's validation wording. */
export function options(body: JsonObject): JsonObject {
  return isObject(body.options) ? body.options : {};
}

export function intOption(opts: JsonObject, name: string): number | undefined {
  const v: Json | undefined = opts[name];
  if (v === undefined || v === null) return undefined;
  return v instanceof Num ? v.value : NaN;
}
