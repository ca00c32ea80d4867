// Shredding (DATA_API.md §7): a document becomes the index columns the real Data API writes beside `doc_json`, so
// the CQL side sees the same row shape as on Astra. Reads here use `doc_json`; these columns are for fidelity.
import { createHash } from 'node:crypto';
import type { CqlValue } from '../types/cqltype.js';
import { formatDec, normalize } from './decimal.js';
import { ApiError } from './errors.js';
import { isObject, Num, stringifyJson, type Json, type JsonObject } from './json.js';
import { dateMs, isDate } from './values.js';

export interface Shredded {
  existKeys: string[];
  arraySize: [string, number][];
  arrayContains: string[];
  bools: [string, number][];
  dbls: [string, CqlValue][];
  texts: [string, string][];
  timestamps: [string, bigint][];
  nulls: string[];
}

const hash = (text: string) => createHash('md5').update(text).digest('base64').slice(0, 22);
const short = (text: string) => (text.length >= 22 ? hash(text) : text);

/** The CQL primary key of a document id: (type, text) — 1 string/uuid/objectId, 2 number, 3 boolean, 4 null, 5 date. */
export function idKey(id: Json | undefined): [number, string] {
  if (typeof id === 'string') return [1, id];
  if (id instanceof Num) return [2, formatDec(normalize(id.exact))];
  if (typeof id === 'boolean') return [3, String(id)];
  if (id === null) return [4, 'null'];
  if (isDate(id)) return [5, String(dateMs(id))];
  if (isObject(id) && Object.keys(id).length === 1) {
    if (typeof id.$uuid === 'string') return [1, id.$uuid];
    if (typeof id.$objectId === 'string') return [1, id.$objectId];
  }
  throw new ApiError('SHRED_BAD_DOCID_TYPE', `Bad type for '_id' property: ${id === undefined ? 'missing' : stringifyJson(id)}`);
}

export function shred(doc: JsonObject): Shredded {
  const out: Shredded = { existKeys: [], arraySize: [], arrayContains: [], bools: [], dbls: [], texts: [], timestamps: [], nulls: [] };
  const atom = (path: string, v: Json): string | undefined => {
    if (typeof v === 'string') return out.texts.push([path, v]), `S${v}`;
    if (v instanceof Num) {
      const d = normalize(v.exact);
      return out.dbls.push([path, { unscaled: d.unscaled, scale: d.scale }]), `N${formatDec(d)}`;
    }
    if (typeof v === 'boolean') return out.bools.push([path, v ? 1 : 0]), `B${v ? 1 : 0}`;
    if (v === null) return out.nulls.push(path), 'Z';
    if (isDate(v)) return out.timestamps.push([path, BigInt(Math.trunc(dateMs(v)))]), `T${dateMs(v)}`;
    return undefined;
  };
  const walk = (path: string, v: Json) => {
    out.existKeys.push(path);
    const typed = atom(path, v);
    if (typed !== undefined) return typed;
    if (Array.isArray(v)) {
      out.arraySize.push([path, v.length]);
      v.forEach((x, i) => {
        const t = walk(`${path}.${i}`, x);
        if (t !== undefined) out.arrayContains.push(`${path} ${short(t)}`);
      });
      out.texts.push([path, hash(stringifyJson(v))]);
      return undefined;
    }
    for (const [k, x] of Object.entries(v as JsonObject)) walk(`${path}.${k}`, x);
    out.texts.push([path, hash(stringifyJson(v))]);
    return undefined;
  };
  for (const [k, v] of Object.entries(doc)) {
    if (k === '$vector' || k === '$vectorize' || k === '$lexical') continue;
    walk(k, v);
  }
  return out;
}

/** Refuses field names the server refuses (`$` prefixes except the reserved top-level ones, empty names). */
export function checkFieldNames(doc: JsonObject, top = true): void {
  for (const [k, v] of Object.entries(doc)) {
    const reserved = top && (k === '$vector' || k === '$vectorize' || k === '$lexical');
    if (!reserved && (k.startsWith('$') || k === '')) {
      throw new ApiError('SHRED_DOC_KEY_NAME_VIOLATION', `Document field name invalid: field name ('${k}') starts with '$'`);
    }
    if (reserved || k === '_id') continue;
    if (isObject(v) && !isEjsonValue(v)) checkFieldNames(v, false);
    if (Array.isArray(v)) for (const x of v) if (isObject(x) && !isEjsonValue(x)) checkFieldNames(x, false);
  }
}

function isEjsonValue(v: JsonObject): boolean {
  const keys = Object.keys(v);
  if (keys.length !== 1 || !keys[0].startsWith('$')) return false;
  if (keys[0] === '$date') {
    if (!(v.$date instanceof Num)) throw new ApiError('SHRED_BAD_EJSON_VALUE', "Bad EJSON value: Date ($date) needs to have NUMBER value");
    return true;
  }
  if (keys[0] === '$uuid' || keys[0] === '$objectId') return true;
  throw new ApiError('SHRED_BAD_EJSON_VALUE', `Bad EJSON value: unrecognized extended JSON type '${keys[0]}'`);
}
