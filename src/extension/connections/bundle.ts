// Secure connect bundle inspection. Pure (no vscode) so every broken-bundle case is unit-tested.
// We validate before handing the bundle to the driver because the driver's own errors ("ENOENT",
// "No END header found") do not tell the user which file is wrong.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import AdmZip from 'adm-zip';

export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
/** Real bundle entries are a few KB; anything this large is not a bundle (or is a zip bomb). */
export const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
const MAX_ENTRIES = 64;

const REQUIRED_FILES = ['config.json', 'ca.crt', 'cert', 'key'] as const;

export interface BundleInfo {
  host: string;
  port: number;
  cqlPort?: number;
  localDataCenter?: string;
  keyspace?: string;
}

/** A problem with the bundle; `file` names the entry at fault when there is one. */
export class BundleError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

/** Reads and inspects a bundle file, refusing oversized files before reading them. */
export async function inspectBundleFile(path: string): Promise<BundleInfo> {
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new BundleError(`The secure connect bundle ${path} is not a file.`);
    size = stat.size;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`The secure connect bundle ${path} cannot be read: ${(err as Error).message}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw tooLarge(size);
  return inspectBundle(await fs.readFile(path));
}

export function inspectBundle(data: Buffer): BundleInfo {
  if (data.length > MAX_BUNDLE_BYTES) throw tooLarge(data.length);
  let zip: AdmZip;
  let entries: AdmZip.IZipEntry[];
  try {
    zip = new AdmZip(data);
    entries = zip.getEntries();
  } catch (err) {
    throw new BundleError(
      `The secure connect bundle is not a valid zip file (${(err as Error).message}). Download it again from the Astra console.`,
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new BundleError(`The secure connect bundle has ${entries.length} entries; a real bundle has about 8.`);
  }

  const byName = new Map<string, AdmZip.IZipEntry>();
  for (const entry of entries) {
    checkEntryPath(entry.entryName);
    if (entry.header.size > MAX_ENTRY_BYTES) {
      throw new BundleError(
        `${entry.entryName} in the secure connect bundle is ${entry.header.size} bytes uncompressed; that is not a bundle file.`,
        entry.entryName,
      );
    }
    if (!entry.isDirectory) byName.set(entry.entryName, entry);
  }

  for (const name of REQUIRED_FILES) {
    if (!byName.has(name)) throw missingFile(name, [...byName.keys()]);
  }

  const config = parseConfig(readText(byName.get('config.json')!, 'config.json'));
  checkPem(readText(byName.get('ca.crt')!, 'ca.crt'), 'ca.crt', 'CERTIFICATE');
  checkPem(readText(byName.get('cert')!, 'cert'), 'cert', 'CERTIFICATE');
  checkPem(readText(byName.get('key')!, 'key'), 'key', 'PRIVATE KEY');
  return config;
}

function tooLarge(size: number): BundleError {
  const mb = (size / 1024 / 1024).toFixed(1);
  return new BundleError(
    `The file is ${mb} MB; a secure connect bundle is a few KB (limit ${MAX_BUNDLE_BYTES / 1024 / 1024} MB). Is it the right file?`,
  );
}

function checkEntryPath(name: string): void {
  const segments = name.split(/[\\/]/);
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name) || segments.includes('..')) {
    throw new BundleError(`The secure connect bundle contains an unsafe path "${name}"; refusing to use it.`, name);
  }
}

function missingFile(name: string, present: string[]): BundleError {
  const nested = present.find((p) => p.endsWith(`/${name}`));
  if (nested) {
    const folder = nested.slice(0, nested.length - name.length);
    return new BundleError(
      `${name} must be at the root of the secure connect bundle, but it is inside the folder "${folder}". ` +
        'Use the zip exactly as downloaded from the Astra console (do not unpack and re-zip it).',
      name,
    );
  }
  return new BundleError(`The secure connect bundle has no ${name}. Download the bundle again from the Astra console.`, name);
}

function readText(entry: AdmZip.IZipEntry, name: string): string {
  let data: Buffer;
  try {
    data = entry.getData();
  } catch (err) {
    throw new BundleError(`${name} in the secure connect bundle is corrupt (${(err as Error).message}).`, name);
  }
  // adm-zip returns an empty buffer rather than throwing for some corrupt entries.
  if (data.length === 0 && entry.header.size > 0) {
    throw new BundleError(`${name} in the secure connect bundle is corrupt (it could not be decompressed).`, name);
  }
  if (data.length > MAX_ENTRY_BYTES) throw new BundleError(`${name} in the secure connect bundle is too large.`, name);
  return data.toString('utf8');
}

function parseConfig(text: string): BundleInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new BundleError(`config.json in the secure connect bundle is not valid JSON (${(err as Error).message}).`, 'config.json');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BundleError('config.json in the secure connect bundle is not a JSON object.', 'config.json');
  }
  const cfg = raw as Record<string, unknown>;
  const host = typeof cfg.host === 'string' ? cfg.host.trim() : '';
  const port = toPort(cfg.port);
  if (!host || port === undefined) {
    throw new BundleError(
      `config.json in the secure connect bundle must include host and port (found host=${JSON.stringify(cfg.host ?? null)}, port=${JSON.stringify(cfg.port ?? null)}).`,
      'config.json',
    );
  }
  const info: BundleInfo = { host, port };
  const cqlPort = toPort(cfg.cql_port);
  if (cqlPort !== undefined) info.cqlPort = cqlPort;
  if (typeof cfg.localDC === 'string' && cfg.localDC) info.localDataCenter = cfg.localDC;
  if (typeof cfg.keyspace === 'string' && cfg.keyspace) info.keyspace = cfg.keyspace;
  return info;
}

function toPort(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

function checkPem(text: string, name: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): void {
  if (!text.includes('-----BEGIN') || !text.includes(`${label}-----`)) {
    throw new BundleError(
      `${name} in the secure connect bundle is not a PEM ${label.toLowerCase()}; the bundle looks corrupt.`,
      name,
    );
  }
  // Parse it too: otherwise a damaged file only surfaces later as an opaque TLS error ("bad base64 decode").
  try {
    if (label === 'CERTIFICATE') new X509Certificate(text);
    else createPrivateKey(text);
  } catch (err) {
    throw new BundleError(
      `${name} in the secure connect bundle cannot be read as a ${label.toLowerCase()} (${(err as Error).message}); the bundle looks corrupt.`,
      name,
    );
  }
}
