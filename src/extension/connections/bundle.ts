// Secure connect bundle inspection. Pure (no vscode) so every broken-bundle case is unit-tested.
// We validate before handing the bundle to the driver because the driver's own errors ("ENOENT",
// "No END header found") do not tell the user which file is wrong, and because the driver inflates every entry
// of the bundle on each connect: only a bundle rebuilt from accepted, verified entries is ever stored.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { BundleError } from './bundleError.js';
import { parseConfig, type BundleInfo } from './bundleConfig.js';
import { acceptedEntries, MAX_ENTRIES, MAX_ENTRY_BYTES } from './bundleRules.js';
import { readCentralDirectory, TooManyEntriesError, ZipFormatError } from './zip/centralDirectory.js';
import { EntryTooLargeError, extractEntry } from './zip/cappedInflate.js';
import { writeZip, type ZipFile } from './zip/writeZip.js';

export { BundleError } from './bundleError.js';
export type { BundleInfo } from './bundleConfig.js';
export { MAX_ENTRY_BYTES } from './bundleRules.js';

export const MAX_BUNDLE_BYTES = 10 * 1024 * 1024;

/** A bundle that passed every check: what it says, and the zip rebuilt from its accepted entries only. */
export interface VerifiedBundle {
  info: BundleInfo;
  bytes: Buffer;
}

/** The user picked a folder (an unpacked bundle) where the .zip belongs. */
export class BundleFolderError extends BundleError {
  constructor(readonly folder: string) {
    super(
      `${folder} is a folder; pick the secure connect bundle .zip file itself, exactly as downloaded from the Astra console.`,
    );
    this.name = 'BundleFolderError';
  }
}

/** Reads and verifies a bundle file, refusing folders and oversized files before reading them. */
export async function readBundleFile(path: string): Promise<VerifiedBundle> {
  let size: number;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw new BundleFolderError(path);
    if (!stat.isFile()) throw new BundleError(`The secure connect bundle ${path} is not a file.`);
    size = stat.size;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`The secure connect bundle ${path} cannot be read: ${(err as Error).message}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw tooLarge(size);
  return readBundle(await fs.readFile(path));
}

export async function inspectBundleFile(path: string): Promise<BundleInfo> {
  return (await readBundleFile(path)).info;
}

export async function inspectBundle(data: Buffer): Promise<BundleInfo> {
  return (await readBundle(data)).info;
}

/** Central directory first (count, names, kinds, declared sizes), then capped extraction, then content checks. */
export async function readBundle(data: Buffer): Promise<VerifiedBundle> {
  if (data.length > MAX_BUNDLE_BYTES) throw tooLarge(data.length);
  let directory;
  try {
    directory = readCentralDirectory(data, MAX_ENTRIES);
  } catch (err) {
    if (err instanceof TooManyEntriesError) {
      throw new BundleError(`The secure connect bundle has ${err.count} entries; a real bundle has about 8.`);
    }
    if (err instanceof ZipFormatError) {
      throw new BundleError(`The secure connect bundle is not a valid zip file (${err.reason}). Download it again from the Astra console.`);
    }
    throw err;
  }
  const files: ZipFile[] = [];
  for (const entry of acceptedEntries(directory.entries)) {
    try {
      files.push({ name: entry.name, data: await extractEntry(data, entry, directory.centralOffset, MAX_ENTRY_BYTES) });
    } catch (err) {
      if (err instanceof EntryTooLargeError) {
        throw new BundleError(`${entry.name} in the secure connect bundle inflates to more than ${err.limit} bytes; that is not a bundle file.`, entry.name);
      }
      if (err instanceof ZipFormatError) throw new BundleError(`${entry.name} in the secure connect bundle is corrupt (${err.reason}).`, entry.name);
      throw err;
    }
  }
  const text = (name: string) => files.find((f) => f.name === name)!.data.toString('utf8');
  const info = parseConfig(text('config.json'));
  checkPem(text('ca.crt'), 'ca.crt', 'CERTIFICATE');
  checkPem(text('cert'), 'cert', 'CERTIFICATE');
  checkPem(text('key'), 'key', 'PRIVATE KEY');
  return { info, bytes: writeZip(files) };
}

function tooLarge(size: number): BundleError {
  const mb = (size / 1024 / 1024).toFixed(1);
  return new BundleError(
    `The file is ${mb} MB; a secure connect bundle is a few KB (limit ${MAX_BUNDLE_BYTES / 1024 / 1024} MB). Is it the right file?`,
  );
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
