// Update operators (DATA_API.md §4.4) applied to a document in place; reports whether anything changed.
import { addDec, mulDec, formatDec } from './decimal.js';
import { ApiError } from './errors.js';
import { cloneJson, isObject, Num, put, stringifyJson, type Json, type JsonObject } from './json.js';
import { compareValues, equalValues, getPath, parentOf } from './values.js';

const OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$pop', '$pull', '$pullAll', '$rename',
  '$currentDate', '$setOnInsert',
]);
const VECTOR_OPERATORS = new Set(['$set', '$unset', '$setOnInsert']);
const SPECIAL = new Set(['$vector', '$vectorize', '$lexical']);

const bad = (code: string, message: string) => new ApiError(code, message);

/** Validates the update clause up front, so a bad clause changes no document. */
export function checkUpdate(update: Json | undefined): JsonObject {
  if (!isObject(update) || Object.keys(update).length === 0) {
    throw bad('UNSUPPORTED_UPDATE_OPERATION', 'Unsupported update operation: the update clause must be a non-empty object');
  }
  const seen = new Set<string>();
  for (const [op, args] of Object.entries(update)) {
    if (!OPERATORS.has(op)) throw bad('UNSUPPORTED_UPDATE_OPERATOR', `Unsupported update operator '${op}'`);
    if (!isObject(args)) throw bad('UNSUPPORTED_UPDATE_OPERATION_PARAM', `Unsupported update operation parameter: '${op}' needs an object`);
    for (const [path, arg] of Object.entries(args)) {
      const target = op === '$rename' ? [path, typeof arg === 'string' ? arg : ''] : [path];
      for (const p of target) {
        if (p === '_id' || p.startsWith('_id.')) {
          throw bad('UNSUPPORTED_UPDATE_OPERATOR_FOR_DOC_ID', `Cannot use operator with '_id' field: ${op}`);
        }
        if (SPECIAL.has(p) && !VECTOR_OPERATORS.has(op)) {
          throw bad('UNSUPPORTED_UPDATE_OPERATOR_FOR_VECTOR', `Cannot use operator with '${p}' field: ${op}`);
        }
        if (seen.has(p)) throw bad('UNSUPPORTED_UPDATE_OPERATION_PATH', `Update operators cannot target the same path twice: '${p}'`);
        seen.add(p);
      }
    }
  }
  return update;
}

/** Applies `update` to `doc` (mutated); `$setOnInsert` only when `inserting`. True when the document changed. */
export function applyUpdate(doc: JsonObject, update: JsonObject, inserting: boolean): boolean {
  const before = stringifyJson(doc);
  for (const [op, args] of Object.entries(update)) {
    if (op === '$setOnInsert' && !inserting) continue;
    for (const [path, arg] of Object.entries(args as JsonObject)) apply(doc, op, path, arg);
  }
  return stringifyJson(doc) !== before;
}

function setPath(doc: JsonObject, path: string, value: Json): void {
  const at = parentOf(doc, path, true);
  if (!at) throw bad('UNSUPPORTED_UPDATE_OPERATION_TARGET', `Unsupported target path for update: '${path}'`);
  if (Array.isArray(at.parent)) {
    if (!/^\d+$/.test(at.key)) throw bad('UNSUPPORTED_UPDATE_OPERATION_TARGET', `Unsupported target path for update: '${path}'`);
    const i = Number(at.key);
    while (at.parent.length < i) at.parent.push(null);
    at.parent[i] = value;
  } else {
    put(at.parent, at.key, value);
  }
}

function unsetPath(doc: JsonObject, path: string): void {
  const at = parentOf(doc, path, false);
  if (!at) return;
  if (Array.isArray(at.parent)) {
    if (/^\d+$/.test(at.key) && Number(at.key) < at.parent.length) at.parent[Number(at.key)] = null;
  } else {
    delete at.parent[at.key];
  }
}

const number = (op: string, v: Json): Num => {
  if (!(v instanceof Num)) throw bad('UNSUPPORTED_UPDATE_OPERATION_PARAM', `Unsupported update operation parameter: ${op} requires numeric parameter`);
  return v;
};

function arrayAt(doc: JsonObject, op: string, path: string): Json[] {
  const cur = getPath(doc, path);
  if (cur === undefined) {
    const arr: Json[] = [];
    setPath(doc, path, arr);
    return arr;
  }
  if (!Array.isArray(cur)) throw bad('UNSUPPORTED_UPDATE_OPERATION_TARGET', `${op} requires target to be an array; value at '${path}' is not`);
  return cur;
}

/** `$each` (and `$position`) modifiers of $push / $addToSet. */
function eachOf(op: string, arg: Json): { items: Json[]; position?: number } {
  if (isObject(arg) && Object.keys(arg).some((k) => k.startsWith('$'))) {
    if (!Array.isArray(arg.$each)) throw bad('UNSUPPORTED_UPDATE_OPERATION_MODIFIER', `${op} modifiers need '$each' with an array`);
    const pos = arg.$position;
    return { items: arg.$each, position: pos instanceof Num ? Math.trunc(pos.value) : undefined };
  }
  return { items: [arg] };
}

function apply(doc: JsonObject, op: string, path: string, arg: Json): void {
  const cur = getPath(doc, path);
  switch (op) {
    case '$set':
    case '$setOnInsert':
      return setPath(doc, path, cloneJson(arg));
    case '$unset':
      return unsetPath(doc, path);
    case '$inc':
    case '$mul': {
      const by = number(op, arg);
      if (cur !== undefined && !(cur instanceof Num)) {
        throw bad('UNSUPPORTED_UPDATE_OPERATION_TARGET', `${op} requires target to be a number; value at '${path}' is not`);
      }
      const base = cur ?? Num.of(0);
      const result = op === '$inc' ? addDec(base.exact, by.exact) : mulDec(base.exact, by.exact);
      return setPath(doc, path, new Num(formatDec(result)));
    }
    case '$min':
    case '$max': {
      const cmp = compareValues(arg, cur);
      if (cur === undefined || (op === '$min' ? cmp < 0 : cmp > 0)) setPath(doc, path, cloneJson(arg));
      return;
    }
    case '$push': {
      const arr = arrayAt(doc, op, path);
      const { items, position } = eachOf(op, arg);
      const at = position === undefined ? arr.length : position < 0 ? Math.max(0, arr.length + position) : Math.min(position, arr.length);
      arr.splice(at, 0, ...items.map(cloneJson));
      return;
    }
    case '$addToSet': {
      const arr = arrayAt(doc, op, path);
      for (const item of eachOf(op, arg).items) if (!arr.some((x) => equalValues(x, item))) arr.push(cloneJson(item));
      return;
    }
    case '$pop': {
      if (cur === undefined) return;
      const arr = arrayAt(doc, op, path);
      if (number(op, arg).value >= 0) arr.pop();
      else arr.shift();
      return;
    }
    case '$pull':
    case '$pullAll': {
      if (cur === undefined) return;
      const arr = arrayAt(doc, op, path);
      const drop = op === '$pullAll' ? (Array.isArray(arg) ? arg : [arg]) : [arg];
      const kept = arr.filter((x) => !drop.some((d) => equalValues(x, d)));
      arr.splice(0, arr.length, ...kept);
      return;
    }
    case '$rename': {
      if (typeof arg !== 'string') throw bad('UNSUPPORTED_UPDATE_OPERATION_PARAM', '$rename requires STRING parameter');
      if (cur === undefined) return;
      unsetPath(doc, path);
      return setPath(doc, arg, cur);
    }
    case '$currentDate': {
      if (arg !== true && !(isObject(arg) && arg.$type === 'date')) {
        throw bad('UNSUPPORTED_UPDATE_OPERATION_PARAM', "$currentDate requires 'true' or {\"$type\": \"date\"}");
      }
      return setPath(doc, path, { $date: Num.of(Date.now()) });
    }
  }
}
