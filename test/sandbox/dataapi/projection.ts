// Projection (DATA_API.md §4.2): by default everything but $vector/$vectorize/$lexical; inclusion or exclusion
// lists of dotted paths; "*"; $slice on arrays. Returned documents keep `_id` first.
import { ApiError } from './errors.js';
import { cloneJson, isObject, Num, put, type Json, type JsonObject } from './json.js';
import { getPath, parentOf } from './values.js';

const SPECIAL = new Set(['$vector', '$vectorize', '$lexical']);
export type Projector = (doc: JsonObject) => JsonObject;

const bad = (message: string) => new ApiError('UNSUPPORTED_PROJECTION_PARAM', `Unsupported projection parameter: ${message}`);
const flag = (v: Json): boolean | undefined => (typeof v === 'boolean' ? v : v instanceof Num ? v.value !== 0 : undefined);

export function compileProjection(projection: Json | undefined): Projector {
  const spec = isObject(projection) ? projection : {};
  const entries = Object.entries(spec);
  if ('*' in spec) {
    if (entries.length !== 1) throw bad("wildcard ('*') only allowed as the only root-level path");
    const all = flag(spec['*']);
    return all ? (d) => withIdFirst(cloneJson(d) as JsonObject) : () => ({});
  }
  const specials = new Map<string, boolean>();
  const slices: [string, JsonObject][] = [];
  const paths: [string, boolean][] = [];
  let idFlag: boolean | undefined;
  for (const [path, v] of entries) {
    if (isObject(v)) {
      if (!('$slice' in v)) throw bad(`path ('${path}') has an unsupported operator`);
      slices.push([path, v]);
      continue;
    }
    const f = flag(v);
    if (f === undefined) throw bad(`path ('${path}') value must be a number or boolean`);
    if (path === '_id') idFlag = f;
    else if (SPECIAL.has(path)) specials.set(path, f);
    else paths.push([path, f]);
  }
  const inclusion = paths.some(([, f]) => f);
  if (inclusion && paths.some(([, f]) => !f)) throw bad('cannot mix inclusions and exclusions');
  return (doc) => {
    let out: JsonObject;
    if (inclusion) {
      out = {};
      if (idFlag !== false && '_id' in doc) out._id = doc._id;
      for (const [path] of paths) copyPath(doc, out, path);
    } else {
      out = cloneJson(doc) as JsonObject;
      for (const [path] of paths) removePath(out, path);
      for (const s of SPECIAL) delete out[s];
      if (idFlag === false) delete out._id;
    }
    for (const [s, f] of specials) if (f && s in doc) put(out, s, cloneJson(doc[s]));
    for (const [path, v] of slices) applySlice(out, doc, path, v.$slice);
    return withIdFirst(out);
  };
}

function copyPath(from: JsonObject, to: JsonObject, path: string): void {
  const v = getPath(from, path);
  if (v === undefined) return;
  const target = parentOf(to, path, true);
  if (target && !Array.isArray(target.parent)) put(target.parent, target.key, cloneJson(v));
}

function removePath(doc: JsonObject, path: string): void {
  const target = parentOf(doc, path, false);
  if (target && !Array.isArray(target.parent)) delete target.parent[target.key];
}

function applySlice(out: JsonObject, doc: JsonObject, path: string, arg: Json): void {
  const arr = getPath(doc, path);
  if (!Array.isArray(arr)) return;
  let sliced: Json[];
  if (arg instanceof Num) {
    const n = Math.trunc(arg.value);
    sliced = n >= 0 ? arr.slice(0, n) : arr.slice(n);
  } else if (Array.isArray(arg) && arg.length === 2 && arg[0] instanceof Num && arg[1] instanceof Num && arg[1].value > 0) {
    const skip = Math.trunc(arg[0].value);
    const start = skip >= 0 ? skip : Math.max(0, arr.length + skip);
    sliced = arr.slice(start, start + Math.trunc(arg[1].value));
  } else {
    throw bad(`path ('${path}') has an invalid '$slice' value`);
  }
  const target = parentOf(out, path, true);
  if (target && !Array.isArray(target.parent)) put(target.parent, target.key, cloneJson(sliced));
}

export function withIdFirst(doc: JsonObject): JsonObject {
  if (!('_id' in doc)) return doc;
  const out: JsonObject = { _id: doc._id };
  for (const [k, v] of Object.entries(doc)) if (k !== '_id') put(out, k, v);
  return out;
}
