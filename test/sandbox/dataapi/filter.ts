// Filters (DATA_API.md §4.2): implicit AND between keys, field operators, $and/$or/$not, dotted paths. Compiled
// once per command into a predicate; refusals carry the server's error codes.
import { ApiError } from './errors.js';
import { isObject, Num, type Json, type JsonObject } from './json.js';
import { comparable, compareValues, equalValues, getPath } from './values.js';

export type Predicate = (doc: JsonObject) => boolean;

const EJSON_KEYS = new Set(['$date', '$uuid', '$objectId', '$binary']);
const SPECIAL_PATHS = new Set(['$vector', '$vectorize', '$lexical']);
const MAX_PROPERTIES = 64;
const MAX_IN = 100;

const unsupported = (op: string) => new ApiError('FILTER_UNSUPPORTED_OPERATOR', `Unsupported filter operator '${op}'.`);
const invalid = (message: string) => new ApiError('FILTER_INVALID_EXPRESSION', `Invalid filter expression: ${message}`);

/** An operand object such as {"$gt": 3} (as opposed to a literal sub-document or an extended-JSON value). */
const isOperatorMap = (v: Json): v is JsonObject => {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$')) && !(keys.length === 1 && EJSON_KEYS.has(keys[0]));
};

function matchEq(field: Json | undefined, v: Json): boolean {
  if (equalValues(field, v)) return true;
  return Array.isArray(field) && !Array.isArray(v) && field.some((x) => equalValues(x, v));
}

export interface FilterOptions {
  /** False for paths the collection's `indexing` option excludes. */
  indexed?: (path: string) => boolean;
}

export function compileFilter(filter: Json | undefined, opts: FilterOptions = {}): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isObject(filter)) throw invalid('filter must be an object');
  let properties = 0;
  const clause = (obj: JsonObject, inOr: boolean): Predicate => {
    const parts: Predicate[] = [];
    for (const [key, value] of Object.entries(obj)) {
      if (++properties > MAX_PROPERTIES) {
        throw new ApiError('FILTER_FIELDS_LIMIT_VIOLATION', `Filter has more than ${MAX_PROPERTIES} properties.`);
      }
      if (key === '$and' || key === '$or') parts.push(logical(key, value, inOr || key === '$or'));
      else if (key === '$not') {
        if (!isObject(value)) throw invalid("'$not' needs an object");
        const inner = clause(value, inOr);
        parts.push((d) => !inner(d));
      } else if (key.startsWith('$') && !SPECIAL_PATHS.has(key)) {
        throw key === '$match' ? unsupported(key) : invalid(`filter clause path ('${key}') cannot start with '$'`);
      } else parts.push(path(key, value, inOr));
    }
    return (d) => parts.every((p) => p(d));
  };
  const logical = (op: string, value: Json, inOr: boolean): Predicate => {
    if (!Array.isArray(value) || value.length === 0) throw invalid(`'${op}' needs a non-empty array of filters`);
    const subs = value.map((v) => {
      if (!isObject(v)) throw invalid(`'${op}' needs an array of filter objects`);
      return clause(v, inOr);
    });
    return op === '$and' ? (d) => subs.every((s) => s(d)) : (d) => subs.some((s) => s(d));
  };
  const path = (p: string, value: Json, inOr: boolean): Predicate => {
    if (p === '_id' && inOr) throw invalid("'_id' is not supported inside '$or'");
    if (p !== '_id' && opts.indexed && !opts.indexed(p)) {
      throw new ApiError('FILTER_PATH_UNINDEXED', `The filter path ('${p}') is not indexed.`);
    }
    const ops = isOperatorMap(value) ? Object.entries(value) : [['$eq', value] as [string, Json]];
    if (SPECIAL_PATHS.has(p) && ops.some(([op]) => op !== '$exists')) {
      throw invalid(`'${p}' supports only the '$exists' operator`);
    }
    const tests = ops.map(([op, arg]) => operator(op, arg));
    return (d) => {
      const field = getPath(d, p);
      return tests.every((t) => t(field));
    };
  };
  return clause(filter, false);
}

function operator(op: string, arg: Json): (field: Json | undefined) => boolean {
  switch (op) {
    case '$eq':
      return (f) => matchEq(f, arg);
    case '$ne':
      return (f) => !matchEq(f, arg);
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg)) throw invalid(`'${op}' operator must have an array value`);
      if (arg.length > MAX_IN) throw invalid(`'${op}' operator supports at most ${MAX_IN} values`);
      const any = (f: Json | undefined) => f !== undefined && arg.some((v) => matchEq(f, v));
      return op === '$in' ? any : (f) => !any(f);
    }
    case '$exists':
      if (typeof arg !== 'boolean') throw invalid("'$exists' operator must have a boolean value");
      return (f) => (f !== undefined) === arg;
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      if (!comparable(arg, arg)) throw invalid(`'${op}' operator must have a number, string or date value`);
      const ok = { $gt: (c: number) => c > 0, $gte: (c: number) => c >= 0, $lt: (c: number) => c < 0, $lte: (c: number) => c <= 0 }[op];
      return (f) => comparable(f, arg) && ok(compareValues(f, arg));
    }
    case '$all':
      if (!Array.isArray(arg) || arg.length === 0) throw invalid("'$all' operator must have a non-empty array value");
      return (f) => Array.isArray(f) && arg.every((v) => f.some((x) => equalValues(x, v)));
    case '$size':
      if (!(arg instanceof Num) || !Number.isInteger(arg.value) || arg.value < 0) {
        throw invalid("'$size' operator must have a non-negative integer value");
      }
      return (f) => Array.isArray(f) && f.length === arg.value;
    default:
      throw unsupported(op);
  }
}

/** The `_id` values a filter pins at top level (`_id: v`, `$eq`, `$in`), so reads can skip the scan. */
export function pinnedIds(filter: Json | undefined): Json[] | undefined {
  if (!isObject(filter) || !Object.prototype.hasOwnProperty.call(filter, '_id')) return undefined;
  const v = filter._id;
  if (!isOperatorMap(v)) return [v];
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq') return [v.$eq];
  if (keys[0] === '$in' && Array.isArray(v.$in)) return v.$in;
  return undefined;
}
