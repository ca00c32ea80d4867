// astra-db-ts failures turned into one sentence the user can act on. Duck-typed on the client's error shapes
// (DataAPIResponseError: rawResponse.errors[]; DataAPIHttpError: status; DataAPITimeoutError; Node network codes)
// so the mapping is tested without a server. Every message goes through `redact` by the caller's logger/notifier,
// and the token never appears here: errors carry the command, never the headers.

import { redact } from '../../secrets/redact.js';

export type DataApiFailure = 'auth' | 'unreachable' | 'tls' | 'timeout' | 'notFound' | 'api' | 'http' | 'other';

export interface DataApiErrorInfo {
  kind: DataApiFailure;
  message: string;
  code?: string;
}

const AUTH_CODES = new Set(['UNAUTHENTICATED_REQUEST', 'MISSING_AUTHENTICATION_TOKEN', 'UNAUTHORIZED_ACCESS']);
const NOT_FOUND_CODES = new Set(['UNKNOWN_COLLECTION_OR_TABLE', 'COLLECTION_NOT_EXIST', 'UNKNOWN_KEYSPACE', 'KEYSPACE_DOES_NOT_EXIST']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/;
const NET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

function causeCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export function describeDataApiError(err: unknown, what: string, endpoint: string): DataApiErrorInfo {
  const e = err as { name?: string; message?: string; status?: number; rawResponse?: { errors?: { errorCode?: string; message?: string }[] } };
  const first = e?.rawResponse?.errors?.[0];
  const code = first?.errorCode;
  const host = safeHost(endpoint);
  if (code && AUTH_CODES.has(code)) {
    return { kind: 'auth', code, message: `The Data API at ${host} refused the token while ${what} (${code}). Check the token (a database token with access to this database).` };
  }
  if (code && NOT_FOUND_CODES.has(code)) {
    return { kind: 'notFound', code, message: `The Data API could not find it while ${what}: ${first?.message ?? code}` };
  }
  if (code) return { kind: 'api', code, message: `The Data API refused ${what}: ${first?.message ?? code} (${code})` };
  if (e?.name === 'DataAPITimeoutError') return { kind: 'timeout', message: `The Data API at ${host} did not answer in time while ${what}. Try again; a hibernated database takes a while to resume.` };
  if (typeof e?.status === 'number' && e.name === 'DataAPIHttpError') {
    if (e.status === 401 || e.status === 403) return { kind: 'auth', message: `The Data API at ${host} refused the token while ${what} (HTTP ${e.status}).` };
    return { kind: 'http', message: `The Data API at ${host} answered HTTP ${e.status} while ${what}. Check the endpoint (setting astra.dataApiUrl).` };
  }
  const net = causeCode(err);
  if (net && TLS_CODES.test(net)) return { kind: 'tls', code: net, message: `Cannot trust the Data API's certificate at ${host} while ${what} (${net}).` };
  if (net && NET_CODES.has(net)) return { kind: 'unreachable', code: net, message: `Cannot reach the Data API at ${host} while ${what} (${net}). Check your network and the astra.dataApiUrl setting.` };
  if (e?.name === 'SyntaxError') return { kind: 'http', message: `The Data API at ${host} answered ${what} with something that is not JSON. Check the astra.dataApiUrl setting.` };
  return { kind: 'other', message: `Failed while ${what}: ${e?.message ?? String(err)}` };
}

function safeHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'the configured endpoint';
  }
}

export class DataApiError extends Error {
  readonly info: DataApiErrorInfo;
  constructor(info: DataApiErrorInfo) {
    // Server text and low-level messages are quoted into these sentences: mask any secret before anyone shows them.
    const message = redact(info.message);
    super(message);
    this.info = { ...info, message };
    this.name = 'DataApiError';
  }
}
