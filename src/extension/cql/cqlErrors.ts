// Driver errors → what a cell shows: the server's message, a class users recognise from cqlsh, the statement and,
// for syntax errors, where in the cell it went wrong. Connection-level failures (no node, request timeout, rejected
// credentials) are worded by the connection error mapping, so a cell and a connect notification say the same thing.

import { redact } from '../secrets/redact.js';
import { cellPosition, syntaxErrorPosition, type Statement } from './statements.js';
import { ConnectionError, mapConnectionError, type ErrorAction, type MappedError } from '../connections/connectionErrors.js';
import type { ErrorContext } from '../connections/types.js';

export type ErrorClass =
  | 'syntax' | 'invalid' | 'unauthorized' | 'unavailable' | 'read_timeout' | 'write_timeout' | 'read_failure'
  | 'write_failure' | 'function_failure' | 'already_exists' | 'config' | 'overloaded' | 'truncate' | 'server'
  | 'protocol' | 'authentication' | 'client_timeout' | 'no_host' | 'connection_lost' | 'shell' | 'driver';

export interface CqlFailure {
  errorClass: ErrorClass;
  /** Driver / server error name as cqlsh prints it, e.g. `SyntaxException`. */
  name: string;
  code?: number;
  message: string;
  statement: string;
  /** 0-based line/column in the cell for syntax errors. */
  position?: { line: number; column: number };
  /** What helps, from the connection error mapping (e.g. re-entering credentials). */
  actions?: ErrorAction[];
  setting?: string;
}

const BY_CODE: Record<number, [ErrorClass, string]> = {
  0x0000: ['server', 'ServerError'],
  0x000a: ['protocol', 'ProtocolError'],
  0x0100: ['authentication', 'AuthenticationFailed'],
  0x1000: ['unavailable', 'Unavailable'],
  0x1001: ['overloaded', 'Overloaded'],
  0x1003: ['truncate', 'TruncateError'],
  0x1100: ['write_timeout', 'WriteTimeout'],
  0x1200: ['read_timeout', 'ReadTimeout'],
  0x1300: ['read_failure', 'ReadFailure'],
  0x1400: ['function_failure', 'FunctionFailure'],
  0x1500: ['write_failure', 'WriteFailure'],
  0x2000: ['syntax', 'SyntaxException'],
  0x2100: ['unauthorized', 'Unauthorized'],
  0x2200: ['invalid', 'InvalidRequest'],
  0x2300: ['config', 'ConfigurationException'],
  0x2400: ['already_exists', 'AlreadyExists'],
};

interface DriverError {
  name?: string;
  message?: string;
  code?: number;
  innerErrors?: Record<string, unknown>;
}

/**
 * Node's retry policy turns one Unavailable into NoHostAvailable after retrying; show the server's error. A token
 * revoked mid-session surfaces the same way, as the nodes' re-authentication failures: show those as rejected.
 */
function unwrap(err: DriverError): DriverError {
  if (err.name === 'NoHostAvailableError' && err.innerErrors) {
    const inner = Object.values(err.innerErrors) as DriverError[];
    const auth = inner.find((e) => e?.name === 'AuthenticationError');
    if (auth) return auth;
    const coded = inner.find((e) => typeof e?.code === 'number');
    if (coded) return coded;
  }
  return err;
}

// The socket went away with the request in flight: the node may or may not have applied it.
const CONNECTION_LOST = /Socket was closed|socket hang up|ECONNRESET|EPIPE|Connection (?:was )?closed/i;

/** `ctx` words connection-level failures (names the profile and the settings) and lists the secrets to mask. */
export function toCqlFailure(error: unknown, stmt: Statement, ctx?: ErrorContext): CqlFailure {
  const err = unwrap((error ?? {}) as DriverError);
  const message = redact(String(err.message ?? error), ctx?.secrets);
  const mapped = typeof err.code === 'number' ? BY_CODE[err.code] : undefined;
  if (mapped) {
    const failure: CqlFailure = { errorClass: mapped[0], name: mapped[1], code: err.code, message, statement: stmt.text };
    if (mapped[0] === 'syntax') {
      const pos = syntaxErrorPosition(message);
      if (pos) failure.position = cellPosition(stmt, pos.line, pos.column);
    }
    if (mapped[0] === 'authentication' && ctx) withConnectionWording(failure, error, ctx);
    return failure;
  }
  const name = err.name ?? 'Error';
  const errorClass: ErrorClass =
    name === 'OperationTimedOutError' ? 'client_timeout'
      : name === 'NoHostAvailableError' ? 'no_host'
        : name === 'AuthenticationError' ? 'authentication'
          : (name === 'DriverError' || name === 'Error') && CONNECTION_LOST.test(message) ? 'connection_lost'
            : 'driver';
  const failure: CqlFailure = { errorClass, name, message, statement: stmt.text };
  if (error instanceof ConnectionError) {
    withActions(failure, error.mapped);
  } else if (errorClass === 'connection_lost') {
    failure.message = `The connection to the database was lost before it answered (${message}); the statement may or may not have been applied. Check before re-running a write that is not idempotent.`;
  } else if (ctx && errorClass !== 'driver') {
    withConnectionWording(failure, error, ctx);
  }
  return failure;
}

function withConnectionWording(failure: CqlFailure, error: unknown, ctx: ErrorContext): void {
  const m = mapConnectionError(error, ctx);
  failure.message = m.message;
  withActions(failure, m);
}

function withActions(failure: CqlFailure, m: MappedError): void {
  failure.actions = m.actions;
  if (m.setting) failure.setting = m.setting;
}

/** Text for the cell's error output (the error renderer shows `name: message` and this as the "stack"). */
export function describeFailure(f: CqlFailure, cellSource?: string): string {
  const lines = [`${f.name} (${f.errorClass}${f.code !== undefined ? `, code 0x${f.code.toString(16).padStart(4, '0')}` : ''}): ${f.message}`];
  if (f.actions?.includes('reenterCredentials')) {
    lines.push('', 'To store new credentials, run "Astra: Edit Credentials…" (Command Palette, or the connection\'s menu in the Astra DB view).');
  }
  lines.push('', 'Statement:', f.statement);
  if (f.position) {
    lines.push('', `At line ${f.position.line + 1}, column ${f.position.column + 1} of the cell`);
    const srcLine = cellSource?.split('\n')[f.position.line];
    if (srcLine !== undefined) lines.push(srcLine, `${' '.repeat(f.position.column)}^`);
  }
  return lines.join('\n');
}
