// The one place a bundle profile is built from an inspected secure connect bundle: picked by the user, fetched
// from the DevOps API, or named by the demo file. The verified, rebuilt bundle is stored first.

import { ProfileStore } from './profileStore.js';
import type { BundleProfile, BundleProfileRequest } from './types.js';

/** Copies the bundle into the store's bundle folder and returns the profile to save (not saved yet). */
export async function buildBundleProfile(store: ProfileStore, req: BundleProfileRequest): Promise<BundleProfile> {
  const id = req.id ?? ProfileStore.newId();
  const profile: BundleProfile = {
    id,
    name: req.name,
    kind: 'bundle',
    bundlePath: await copyInto(store, req.bundle, id),
    host: req.info.host,
    authKind: req.authKind,
  };
  if (req.astraDatabaseId) profile.astraDatabaseId = req.astraDatabaseId;
  const localDc = req.info.localDataCenter ?? req.fallbackDataCenter;
  if (localDc) profile.localDataCenter = localDc;
  const keyspace = req.info.keyspace ?? req.fallbackKeyspace;
  if (keyspace) profile.defaultKeyspace = keyspace;
  return profile;
}

function copyInto(store: ProfileStore, bundle: BundleProfileRequest['bundle'], id: string): Promise<string> {
  return 'path' in bundle ? store.copyBundle(bundle.path, id) : store.saveBundle(bundle, id);
}
