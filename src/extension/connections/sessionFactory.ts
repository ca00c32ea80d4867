// Creates (but does not connect) a cassandra-driver Client for a profile. vscode-free, so the integration
// tests exercise exactly the path the extension uses. The driver is imported here, on first use only.

import type { Client } from 'cassandra-driver';
import type { ConnectionProfile } from './types.js';
import { inspectBundleFile } from './bundle.js';
import { buildClientOptions, type ConnectionSettings, type ExtraDriverOptions } from './clientOptions.js';
import type { Credentials } from './types.js';

export async function createClient(
  profile: ConnectionProfile,
  credentials: Credentials | undefined,
  settings: ConnectionSettings,
  extra: ExtraDriverOptions = {},
): Promise<Client> {
  // Validate first: the driver's own bundle errors ("ENOENT", "No END header found") do not name the file.
  if (profile.kind === 'bundle') await inspectBundleFile(profile.bundlePath);
  const driver = await import('cassandra-driver');
  const options = buildClientOptions(
    profile,
    credentials,
    settings,
    (username, password) => new driver.auth.PlainTextAuthProvider(username, password),
    extra,
  );
  return new driver.Client(options);
}
