// Turns an unpacked bundle folder back into a bundle zip, for users who extracted the download. Reads only the
// whitelisted file names, refuses links and oversized files from their metadata, and never writes anything: the
// zip is built in memory and then goes through the same verification as a downloaded bundle.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { BundleError } from './bundleError.js';
import { MAX_ENTRY_BYTES, OPTIONAL_FILES, REQUIRED_FILES } from './bundleRules.js';
import { writeZip, type ZipFile } from './zip/writeZip.js';

/** True when the folder holds the files every bundle has, so offering to zip it makes sense. */
export async function looksLikeBundleFolder(dir: string): Promise<boolean> {
  try {
    const names = new Set(await fs.readdir(dir));
    return REQUIRED_FILES.every((n) => names.has(n));
  } catch {
    return false;
  }
}

export async function zipBundleFolder(dir: string): Promise<Buffer> {
  const files: ZipFile[] = [];
  for (const name of [...REQUIRED_FILES, ...OPTIONAL_FILES]) {
    const path = join(dir, name);
    let stat;
    try {
      stat = await fs.lstat(path);
    } catch {
      continue; // a missing required file is reported by the verification that follows
    }
    if (!stat.isFile()) throw new BundleError(`${name} in the folder ${dir} is not a plain file; refusing to use it.`, name);
    if (stat.size > MAX_ENTRY_BYTES) {
      throw new BundleError(`${name} in the folder ${dir} is ${stat.size} bytes; that is not a bundle file.`, name);
    }
    const data = await fs.readFile(path);
    if (data.length > MAX_ENTRY_BYTES) throw new BundleError(`${name} in the folder ${dir} grew while it was read; try again.`, name);
    files.push({ name, data });
  }
  return writeZip(files);
}
