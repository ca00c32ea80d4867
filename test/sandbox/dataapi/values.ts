// Value semantics shared by filters, sorts and updates: dotted paths, equality, the Data API's type order, and the
// extended-JSON wrappers ({"$date": ms}, {"$uuid": …}, {"$objectId": …}).
import { compareDec } from './decimal.js';
import { isObject, Num, stringifyJson, type Json, type JsonObject } from './json.js';

export const isDate = (v: Json | undefined): v is { $date: Num } =>
  isObject(v) && v.$date instanceof Num && Object.keys(v).length === 1;

export const dateMs = (v: { $date: Num }): number => v.$date.value;

/** Reads `a.b.0.c`: object members by name, array elements by numeric segment; undefined when absent. */
export function getPath(doc: Json | undefined, path: string): Json | undefined {
  let cur: Json | undefined = doc;
  for (const seg of path.split('.')) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else if (isObject(cur)) {
      cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    } else {
      return undefined;
    }
  }
  return cur;
}

/** The container and final key of a path, creating objects on the way when `create` is set. */
export function parentOf(doc: JsonObject, path: string, create: boolean): { parent: JsonObject | Json[]; key: string } | undefined {
  const segs = path.split('.');
  let cur: Json = doc;
  for (const seg of segs.slice(0, -1)) {
    let next: Json | undefined;
    if (Array.isArray(cur)) next = /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
    else if (isObject(cur)) next = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
    if (next === undefined || next === null) {
      if (!create || !isObject(cur)) return undefined;
      next = {};
      Object.defineProperty(cur, seg, { value: next, enumerable: true, writable: true, configurable: true });
    }
    cur = next;
  }
  if (!isObject(cur) && !Array.isArray(cur)) return undefined;
  return { parent: cur, key: segs[segs.length - 1] };
}

/** Sort order across types: null < numbers < strings < objects < arrays < booleans < dates; missing sorts first. */
export function typeRank(v: Json | undefined): number {
  if (v === undefined) return -1;
  if (v === null) return 0;
  if (v instanceof Num) return 1;
  if (typeof v === 'string') return 2;
  if (isDate(v)) return 6;
  if (Array.isArray(v)) return 4;
  if (typeof v === 'boolean') return 5;
  return 3;
}

export function compareValues(a: Json | undefined, b: Json | undefined): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (a instanceof Num && b instanceof Num) return compareDec(a.exact, b.exact);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (isDate(a) && isDate(b)) return Math.sign(dateMs(a) - dateMs(b));
  if (a === undefined || a === null || b === undefined || b === null) return 0;
  const sa = stringifyJson(a);
  const sb = stringifyJson(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function equalValues(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a instanceof Num && b instanceof Num) return compareDec(a.exact, b.exact) === 0;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equalValues(a[k], b[k]));
  }
  return a === b;
}

/** Range comparisons only between values of one kind (numbers, strings, dates); other pairs never match. */
export function comparable(a: Json | undefined, b: Json): boolean {
  if (a === undefined) return false;
  if (a instanceof Num) return b instanceof Num;
  if (typeof a === 'string') return typeof b === 'string';
  if (isDate(a)) return isDate(b);
  return false;
}
