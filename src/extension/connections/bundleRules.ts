// What a secure connect bundle may contain, decided from the central directory alone (names, kinds, declared
// sizes), before anything is inflated. The whitelist is the file list of a real Astra bundle: config.json and the
// three PEM files every driver reads, plus what Astra ships for other tools (cqlshrc, the Java keystores, cert.pfx).

import { BundleError, shown } from './bundleError.js';
import type { CentralEntry } from './zip/centralDirectory.js';

export const REQUIRED_FILES = ['config.json', 'ca.crt', 'cert', 'key'] as const;
export const OPTIONAL_FILES = ['cqlshrc', 'cert.pfx', 'identity.jks', 'trustStore.jks'] as const;
const ALLOWED = new Set<string>([...REQUIRED_FILES, ...OPTIONAL_FILES]);

/** Real entries are a few KB; the cap bounds what one entry may cost in memory whatever the zip declares. */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** Real bundles have 8 entries; the count is refused from the end record, before any record is read. */
export const MAX_ENTRIES = 64;

/** Refuses the archive unless its entries are exactly a subset of the whitelist containing every required file. */
export function acceptedEntries(entries: readonly CentralEntry[]): CentralEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    checkName(entry);
    if (seen.has(entry.name)) {
      throw new BundleError(`The secure connect bundle contains "${shown(entry.name)}" twice; refusing to guess which one is meant.`, entry.name);
    }
    seen.add(entry.name);
    checkKind(entry);
    if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
      throw new BundleError(
        `${shown(entry.name)} in the secure connect bundle is ${entry.uncompressedSize} bytes uncompressed; that is not a bundle file.`,
        entry.name,
      );
    }
  }
  const files = entries.filter((e) => e.kind === 'file').map((e) => e.name);
  for (const name of REQUIRED_FILES) {
    if (!files.includes(name)) throw missingFile(name, files);
  }
  for (const entry of entries) {
    if (entry.kind === 'directory') {
      throw new BundleError(`The secure connect bundle contains the folder "${shown(entry.name)}"; a bundle holds only files at its root.`, entry.name);
    }
    if (!ALLOWED.has(entry.name)) {
      throw new BundleError(
        `The secure connect bundle contains "${shown(entry.name)}", which is not part of a secure connect bundle; refusing to use it.`,
        entry.name,
      );
    }
    if (entry.encrypted) throw new BundleError(`${entry.name} in the secure connect bundle is encrypted; bundles never are.`, entry.name);
  }
  return [...entries];
}

function checkName(entry: CentralEntry): void {
  const name = entry.name;
  if (entry.badName || name.length === 0) {
    throw new BundleError(`The secure connect bundle contains an entry whose name is not plain text ("${shown(name)}"); refusing to use it.`, name);
  }
  const segments = name.split('/');
  if (name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || segments.includes('..') || segments.includes('.')) {
    throw new BundleError(`The secure connect bundle contains an unsafe path "${shown(name)}"; refusing to use it.`, name);
  }
}

function checkKind(entry: CentralEntry): void {
  const bare = entry.name.replace(/\/$/, '');
  if (entry.kind === 'symlink') {
    throw new BundleError(`${shown(bare)} in the secure connect bundle is a symbolic link; a bundle holds only plain files.`, entry.name);
  }
  if (entry.kind === 'special') {
    throw new BundleError(`${shown(bare)} in the secure connect bundle is not a plain file (device, pipe or socket); refusing to use it.`, entry.name);
  }
  if (entry.kind === 'directory' && ALLOWED.has(bare)) {
    throw new BundleError(`${bare} in the secure connect bundle is a folder, but it must be a file.`, bare);
  }
}

function missingFile(name: string, present: string[]): BundleError {
  const nested = present.find((p) => p.endsWith(`/${name}`));
  if (nested) {
    const folder = nested.slice(0, nested.length - name.length);
    return new BundleError(
      `${name} must be at the root of the secure connect bundle, but it is inside the folder "${shown(folder)}". ` +
        'Use the zip exactly as downloaded from the Astra console (do not unpack and re-zip it).',
      name,
    );
  }
  return new BundleError(`The secure connect bundle has no ${name}. Download the bundle again from the Astra console.`, name);
}
