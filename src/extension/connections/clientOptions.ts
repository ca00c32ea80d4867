// Turns a saved profile + its credentials + the user's settings into cassandra-driver ClientOptions.
// Pure and vscode-free: the driver module is passed in, so nothing here loads cassandra-driver at activation.

import type { auth, ClientOptions } from 'cassandra-driver';
import type { ConnectionProfile, Credentials } from './types.js';

/** Consistency level names, as the setting and the CONSISTENCY shell command spell them. */
export const CONSISTENCY_NAMES = [
  'ANY', 'ONE', 'TWO', 'THREE', 'QUORUM', 'ALL', 'LOCAL_QUORUM', 'EACH_QUORUM', 'SERIAL', 'LOCAL_SERIAL', 'LOCAL_ONE',
] as const;
export type ConsistencyName = (typeof CONSISTENCY_NAMES)[number];

/** Consistency names as the setting (and the CONSISTENCY command) spells them; values are the native protocol codes. */
export const CONSISTENCY_LEVELS: Readonly<Record<ConsistencyName, number>> = {
  ANY: 0x00,
  ONE: 0x01,
  TWO: 0x02,
  THREE: 0x03,
  QUORUM: 0x04,
  ALL: 0x05,
  LOCAL_QUORUM: 0x06,
  EACH_QUORUM: 0x07,
  SERIAL: 0x08,
  LOCAL_SERIAL: 0x09,
  LOCAL_ONE: 0x0a,
};
export const DEFAULT_CONSISTENCY: ConsistencyName = 'LOCAL_QUORUM';

export interface ConnectionSettings {
  connectTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  defaultConsistency: ConsistencyName;
}

export const DEFAULT_SETTINGS: ConnectionSettings = {
  connectTimeoutSeconds: 10,
  requestTimeoutSeconds: 30,
  defaultConsistency: DEFAULT_CONSISTENCY,
};

/** Driver options a caller (demo file, future advanced settings) asks for on top of the profile. */
export interface ExtraDriverOptions {
  contactPoints?: string[];
  sslOptions?: object;
}

export type AuthProviderFactory = (username: string, password: string) => auth.AuthProvider;

/** Thrown when a combination of options can never work; the message says why. */
export class ProfileOptionError extends Error {
  override name = 'ProfileOptionError';
}

function isConsistencyName(value: unknown): value is ConsistencyName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONSISTENCY_LEVELS, value);
}

/** Reads settings defensively: a bad value in settings.json falls back to the default rather than breaking connect. */
export function normalizeSettings(raw: Partial<Record<keyof ConnectionSettings, unknown>>): ConnectionSettings {
  const positive = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    connectTimeoutSeconds: positive(raw.connectTimeoutSeconds, DEFAULT_SETTINGS.connectTimeoutSeconds),
    requestTimeoutSeconds: positive(raw.requestTimeoutSeconds, DEFAULT_SETTINGS.requestTimeoutSeconds),
    defaultConsistency: isConsistencyName(raw.defaultConsistency) ? raw.defaultConsistency : DEFAULT_CONSISTENCY,
  };
}

export function buildClientOptions(
  profile: ConnectionProfile,
  credentials: Credentials | undefined,
  settings: ConnectionSettings,
  makeAuthProvider: AuthProviderFactory,
  extra: ExtraDriverOptions = {},
): ClientOptions {
  const common: ClientOptions & { monitorReporting?: { enabled: boolean } } = {
    queryOptions: {
      consistency: CONSISTENCY_LEVELS[settings.defaultConsistency],
      // Astra caps page size server-side; 5000 matches cqlsh and the drivers' own default.
      fetchSize: 5000,
    },
    socketOptions: {
      connectTimeout: Math.round(settings.connectTimeoutSeconds * 1000),
      readTimeout: Math.round(settings.requestTimeoutSeconds * 1000),
    },
    // Insights reporting (an option the typings omit) would send extra RPCs for no benefit to an editor.
    monitorReporting: { enabled: false },
  };
  // The driver does not apply the bundle's keyspace (and has no notion of one for contact points): pass it.
  if (profile.defaultKeyspace) common.keyspace = profile.defaultKeyspace;
  if (credentials) common.authProvider = makeAuthProvider(credentials.username, credentials.password);

  if (profile.kind === 'bundle') {
    if (extra.contactPoints?.length) {
      throw new ProfileOptionError(
        `"${profile.name}" uses a secure connect bundle, so contact points cannot be set: the driver finds the ` +
          'nodes through the metadata service named in the bundle.',
      );
    }
    if (extra.sslOptions) {
      throw new ProfileOptionError(
        `"${profile.name}" uses a secure connect bundle, so SSL options cannot be set: the bundle's certificates ` +
          '(ca.crt, cert, key) define the TLS connection.',
      );
    }
    if (!credentials) {
      throw new ProfileOptionError(`"${profile.name}" has no stored credentials; Astra requires a token or client id/secret.`);
    }
    return { ...common, cloud: { secureConnectBundle: profile.bundlePath } };
  }

  const contactPoints = extra.contactPoints?.length ? extra.contactPoints : profile.contactPoints;
  if (contactPoints.length === 0) throw new ProfileOptionError(`"${profile.name}" has no contact points.`);
  const options: ClientOptions = {
    ...common,
    contactPoints,
    localDataCenter: profile.localDataCenter,
    protocolOptions: { port: profile.port },
  };
  if (extra.sslOptions) options.sslOptions = extra.sslOptions;
  else if (profile.useTls) options.sslOptions = { rejectUnauthorized: true };
  return options;
}

