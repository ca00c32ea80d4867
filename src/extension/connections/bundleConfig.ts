// config.json of a secure connect bundle: the fields the drivers and the extension read, checked for type and
// syntax so that a hostile bundle cannot smuggle a megabyte "host" or a keyspace name that is not one into a
// profile, a log line or a CQL statement.

import { BundleError, shown } from './bundleError.js';

export interface BundleInfo {
  host: string;
  port: number;
  cqlPort?: number;
  localDataCenter?: string;
  keyspace?: string;
}

const FILE = 'config.json';
const MAX_HOST = 253;
const MAX_LABEL = 63;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const KEYSPACE = /^[A-Za-z0-9_]{1,48}$/;
const MAX_DC = 128;

export function parseConfig(text: string): BundleInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new BundleError(`config.json in the secure connect bundle is not valid JSON (${(err as Error).message}).`, FILE);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BundleError('config.json in the secure connect bundle is not a JSON object.', FILE);
  }
  const cfg = raw as Record<string, unknown>;
  if (cfg.host === undefined || cfg.host === null || cfg.host === '' || cfg.port === undefined || cfg.port === null) {
    throw new BundleError(
      `config.json in the secure connect bundle must include host and port (found host=${brief(cfg.host)}, port=${brief(cfg.port)}).`,
      FILE,
    );
  }
  const info: BundleInfo = { host: checkHost(cfg.host), port: checkPort(cfg.port, 'port') };
  if (cfg.cql_port !== undefined && cfg.cql_port !== null) info.cqlPort = checkPort(cfg.cql_port, 'cql_port');
  const dc = optionalText(cfg.localDC, 'localDC');
  if (dc !== undefined) info.localDataCenter = checkDataCenter(dc);
  const keyspace = optionalText(cfg.keyspace, 'keyspace');
  if (keyspace !== undefined) info.keyspace = checkKeyspace(keyspace);
  // The Node driver reads these legacy fields as credentials: they must at least be text.
  optionalText(cfg.username, 'username');
  optionalText(cfg.password, 'password');
  return info;
}

function invalid(field: string, value: unknown, why: string): BundleError {
  return new BundleError(`config.json in the secure connect bundle has an invalid ${field} ${brief(value)}: ${why}.`, FILE);
}

/** A value for a sentence: JSON-quoted, escaped and cut, so a hostile value cannot flood or forge a message. */
function brief(value: unknown): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') {
    const cut = value.length > 60;
    return `"${shown(value.slice(0, 60))}${cut ? '…' : ''}"${cut ? ` (${value.length} characters)` : ''}`;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return shown(text, 60);
}

function checkHost(value: unknown): string {
  if (typeof value !== 'string') throw invalid('host', value, 'it must be text');
  // Checked as written, not trimmed: the driver reads the same field and uses it verbatim.
  const host = value;
  if (host.length > MAX_HOST) throw invalid('host', value, `a host name has at most ${MAX_HOST} characters`);
  const labels = host.split('.');
  if (labels.some((l) => l.length > MAX_LABEL)) throw invalid('host', value, `each part of a host name has at most ${MAX_LABEL} characters`);
  if (!labels.every((l) => LABEL.test(l))) {
    throw invalid('host', value, 'a host name is letters, digits and hyphens separated by dots');
  }
  return host;
}

function checkPort(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value.trim()) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536) return n;
  throw invalid(field, value, 'a port is a whole number from 1 to 65535');
}

/** An optional text field: absent, null or "" mean "not set"; anything else must be a string. */
function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  // Never echo what may be a credential.
  if (field === 'username' || field === 'password') {
    throw new BundleError(`config.json in the secure connect bundle has a ${field} that is not text.`, FILE);
  }
  throw invalid(field, value, 'it must be text');
}

function checkKeyspace(value: string): string {
  if (!KEYSPACE.test(value)) throw invalid('keyspace', value, 'a keyspace name is 1 to 48 letters, digits or underscores');
  return value;
}

function checkDataCenter(value: string): string {
   
  if (value.length > MAX_DC || /[\u0000-\u001f\u007f]/.test(value)) {
    throw invalid('localDC', value, `a data center name is at most ${MAX_DC} printable characters`);
  }
  return value;
}
