// Driver errors → a sentence the user can act on plus the buttons that help. Pure: errors are recognised by
// name/shape (the driver's classes set `name`), so the driver module never has to be loaded here.

import { redact } from '../secrets/redact.js';
import { BundleError } from './bundle.js';
import { ProfileOptionError } from './clientOptions.js';
import type { ErrorContext } from './types.js';

export type ErrorAction = 'reenterCredentials' | 'openSettings' | 'showLog';

export interface MappedError {
  message: string;
  actions: ErrorAction[];
  /** Setting to reveal when the user presses "Open Settings". */
  setting?: string;
}

/** A connect failure that carries the mapped message and its actions up to the command that shows it. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
  constructor(
    readonly mapped: MappedError,
    readonly profileId: string,
    override readonly cause?: unknown,
  ) {
    super(mapped.message);
  }
}

export class ConnectCancelledError extends Error {
  override name = 'ConnectCancelledError';
  constructor() {
    super('Connecting was cancelled.');
  }
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  innerErrors?: Record<string, unknown>;
}

export function mapConnectionError(err: unknown, ctx: ErrorContext): MappedError {
  const map = (): MappedError => {
    const e = (err ?? {}) as ErrorLike;
    const name = ctx.profileName;
    if (err instanceof BundleError) return { message: err.message, actions: ['showLog'] };
    if (err instanceof ProfileOptionError) return { message: err.message, actions: ['showLog'] };
    if (err instanceof ConnectCancelledError) return { message: err.message, actions: [] };

    const inner = innerErrors(e);
    const auth = [e, ...inner].find(isAuthError);
    if (auth) {
      const what = ctx.profileKind === 'bundle' ? 'The token or client id/secret' : 'The username or password';
      return {
        message: `${what} for "${name}" was rejected by the database (${auth.message ?? 'authentication failed'}).`,
        actions: ['reenterCredentials', 'showLog'],
      };
    }

    const msg = e.message ?? String(err);
    if (e.name === 'NoHostAvailableError' && /metadata (service )?information/.test(msg)) {
      const parsing = /parsing/.test(msg);
      const url = Object.keys(e.innerErrors ?? {})[0] ?? 'the address in the bundle';
      const reason = inner[0]?.message ?? msg;
      return parsing
        ? {
            message: `The Astra metadata service at ${url} answered with something that is not valid metadata (${reason}). Check the database status in the Astra console.`,
            actions: ['showLog'],
          }
        : {
            message:
              `Could not reach the Astra metadata service at ${url} (${reason}). If the database is waking up or the ` +
              `network is slow, raise "astra.connectTimeoutSeconds" (now ${ctx.connectTimeoutSeconds} s).`,
            actions: ['openSettings', 'showLog'],
            setting: 'astra.connectTimeoutSeconds',
          };
    }

    const bundleFile = driverBundleFile(msg, e);
    if (bundleFile !== undefined) {
      return {
        message: `The secure connect bundle of "${name}" is unusable: ${bundleFile}. Add the database again with a fresh bundle.`,
        actions: ['showLog'],
      };
    }

    if (e.name === 'NoHostAvailableError') {
      const reasons = Object.entries(e.innerErrors ?? {}).map(([host, ie]) => `${host}: ${messageOf(ie)}`);
      // A node that accepts the socket but never answers the handshake runs out the request timeout, not the
      // connect timeout: name the setting that actually expired.
      const requestTimedOut = inner.some(isRequestTimeout);
      const timedOut = requestTimedOut || inner.some((ie) => ie.name === 'OperationTimedOutError' || /timed? ?out/i.test(ie.message ?? ''));
      const base = reasons.length
        ? `No database node of "${name}" could be reached — ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ''}.`
        : `No database node of "${name}" could be reached (${msg}).`;
      const [setting, seconds] = requestTimedOut
        ? ['astra.requestTimeoutSeconds', ctx.requestTimeoutSeconds]
        : ['astra.connectTimeoutSeconds', ctx.connectTimeoutSeconds];
      return timedOut
        ? {
            message: `${base} Raise "${setting}" (now ${seconds} s) if the network is slow.`,
            actions: ['openSettings', 'showLog'],
            setting,
          }
        : { message: base, actions: ['showLog'] };
    }

    if (e.name === 'OperationTimedOutError') {
      return {
        message: `"${name}" did not answer in time (${msg}). Raise "astra.requestTimeoutSeconds" (now ${ctx.requestTimeoutSeconds} s) if the query needs longer.`,
        actions: ['openSettings', 'showLog'],
        setting: 'astra.requestTimeoutSeconds',
      };
    }

    return { message: `Could not connect to "${name}": ${msg}`, actions: ['showLog'] };
  };
  const mapped = map();
  return { ...mapped, message: redact(mapped.message, ctx.secrets) };
}

function innerErrors(e: ErrorLike): ErrorLike[] {
  const inner = e.innerErrors;
  if (!inner || typeof inner !== 'object') return [];
  return Object.values(inner).filter((v): v is ErrorLike => !!v && typeof v === 'object');
}

/** The driver's per-request timer (socketOptions.readTimeout, our requestTimeoutSeconds) ran out. */
function isRequestTimeout(e: ErrorLike): boolean {
  return e.name === 'OperationTimedOutError' && /did not reply before timeout/.test(e.message ?? '');
}

function isAuthError(e: ErrorLike): boolean {
  return e.name === 'AuthenticationError' || (e.name === 'ResponseError' && e.code === 0x0100);
}

function messageOf(v: unknown): string {
  return v && typeof v === 'object' && 'message' in v ? String((v as { message: unknown }).message) : String(v);
}

/** The driver's own bundle errors (when the copy changed after we validated it), as "which file" text. */
function driverBundleFile(msg: string, e: ErrorLike): string | undefined {
  if (/Config file must be contained in secure bundle/.test(msg)) return 'config.json is missing';
  if (/Config file must include host and port/.test(msg)) return 'config.json has no host/port';
  if (/Invalid or unsupported zip format|END header/i.test(msg)) return 'the file is not a valid zip';
  if (e.code === 'ENOENT' && /secure|bundle|\.zip/i.test(msg)) return 'the bundle file is missing';
  return undefined;
}
