// Driver errors → what a cell shows: the server's message, a class users recognise from cqlsh, the statement and,
// for syntax errors, where in the cell it went wrong.

import { cellPosition, syntaxErrorPosition, type Statement } from '../../shared/statements.js';

export type ErrorClass =
  | 'syntax' | 'invalid' | 'unauthorized' | 'unavailable' | 'read_timeout' | 'write_timeout' | 'read_failure'
  | 'write_failure' | 'function_failure' | 'already_exists' | 'config' | 'overloaded' | 'truncate' | 'server'
  | 'protocol' | 'authentication' | 'client_timeout' | 'no_host' | 'shell' | 'driver';

export interface CqlFailure {
  errorClass: ErrorClass;
  /** Driver / server error name as cqlsh prints it, e.g. `SyntaxException`. */
  name: string;
  code?: number;
  message: string;
  statement: string;
  /** 0-based line/column in the cell for syntax errors. */
  position?: { line: number; column: number };
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

/** Node's retry policy turns one Unavailable into NoHostAvailable after retrying; show the server's error. */
function unwrap(err: DriverError): DriverError {
  if (err.name === 'NoHostAvailableError' && err.innerErrors) {
    const inner = Object.values(err.innerErrors).find((e) => typeof (e as DriverError)?.code === 'number');
    if (inner) return inner as DriverError;
  }
  return err;
}

export function toCqlFailure(error: unknown, stmt: Statement): CqlFailure {
  const err = unwrap((error ?? {}) as DriverError);
  const message = String(err.message ?? error);
  const mapped = typeof err.code === 'number' ? BY_CODE[err.code] : undefined;
  if (mapped) {
    const failure: CqlFailure = { errorClass: mapped[0], name: mapped[1], code: err.code, message, statement: stmt.text };
    if (mapped[0] === 'syntax') {
      const pos = syntaxErrorPosition(message);
      if (pos) failure.position = cellPosition(stmt, pos.line, pos.column);
    }
    return failure;
  }
  const name = err.name ?? 'Error';
  const errorClass: ErrorClass =
    name === 'OperationTimedOutError' ? 'client_timeout'
      : name === 'NoHostAvailableError' ? 'no_host'
        : name === 'AuthenticationError' ? 'authentication'
          : 'driver';
  return { errorClass, name, message, statement: stmt.text };
}

/** Text for the cell's error output (the error renderer shows `name: message` and this as the "stack"). */
export function describeFailure(f: CqlFailure, cellSource?: string): string {
  const lines = [`${f.name} (${f.errorClass}${f.code !== undefined ? `, code 0x${f.code.toString(16).padStart(4, '0')}` : ''}): ${f.message}`];
  lines.push('', 'Statement:', f.statement);
  if (f.position) {
    lines.push('', `At line ${f.position.line + 1}, column ${f.position.column + 1} of the cell`);
    const srcLine = cellSource?.split('\n')[f.position.line];
    if (srcLine !== undefined) lines.push(srcLine, `${' '.repeat(f.position.column)}^`);
  }
  return lines.join('\n');
}
