// Writes secure connect bundles shaped like Astra's (files at the zip root), and deliberately broken ones for
// the error-path tests of drivers and of the extension's bundle inspection.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import AdmZip from 'adm-zip';
import type { KeyPairPem } from './certs.js';

export interface BundleConfig {
  host: string;
  metadataPort: number;
  cqlPort: number;
  keyspace: string;
  localDC: string;
}

export type BundleDefect =
  | 'no-config' // config.json absent
  | 'no-host-port' // config.json without host/port
  | 'no-cert' // `cert` absent
  | 'truncated' // zip cut short: no END header
  | 'evil-entry' // an extra `../evil` entry (zip slip)
  | 'subfolder' // every file under `bundle/` instead of the root
  | 'bad-json'; // config.json is not JSON

export interface BundleContent {
  config: BundleConfig;
  caCert: string;
  client: KeyPairPem;
  defects?: BundleDefect[];
}

const password = () => randomBytes(9).toString('base64url');

export function configJson(c: BundleConfig): Record<string, unknown> {
  return {
    host: c.host,
    port: c.metadataPort,
    cql_port: c.cqlPort,
    keyspace: c.keyspace,
    localDC: c.localDC,
    caCertLocation: './ca.crt',
    keyLocation: './key',
    certLocation: './cert',
    keyStoreLocation: './identity.jks',
    keyStorePassword: password(),
    trustStoreLocation: './trustStore.jks',
    trustStorePassword: password(),
    csvLocation: './data',
    pfxCertPassword: password(),
  };
}

function cqlshrc(c: BundleConfig): string {
  return [
    '[connection]',
    `hostname = ${c.host}`,
    `port = ${c.cqlPort}`,
    'ssl = true',
    '',
    '[ssl]',
    'validate = true',
    'certfile = ./ca.crt',
    'userkey = ./key',
    'usercert = ./cert',
    '',
  ].join('\n');
}

/** The bundle as zip bytes. */
export function buildBundle(content: BundleContent): Buffer {
  const defects = new Set(content.defects ?? []);
  const zip = new AdmZip();
  const prefix = defects.has('subfolder') ? 'bundle/' : '';
  const add = (name: string, data: string | Buffer) => zip.addFile(prefix + name, Buffer.from(data));
  if (!defects.has('no-config')) {
    const cfg = configJson(content.config);
    if (defects.has('no-host-port')) {
      delete cfg.host;
      delete cfg.port;
    }
    add('config.json', defects.has('bad-json') ? '{"host": "127.0.0.1", ' : JSON.stringify(cfg, null, 2));
  }
  add('ca.crt', content.caCert);
  if (!defects.has('no-cert')) add('cert', content.client.cert);
  add('key', content.client.key);
  add('cqlshrc', cqlshrc(content.config));
  // Only the Java driver reads these; placeholders keep the file list identical to a real bundle.
  add('cert.pfx', randomBytes(64));
  add('identity.jks', randomBytes(64));
  add('trustStore.jks', randomBytes(64));
  if (defects.has('evil-entry')) {
    zip.addFile('placeholder-evil', Buffer.from('zip slip'));
    // adm-zip normalises names on addFile; rename afterwards to get the raw `../evil` entry name.
    const entry = zip.getEntry('placeholder-evil');
    if (entry) entry.entryName = '../evil';
  }
  let bytes = zip.toBuffer();
  if (defects.has('truncated')) bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
  return bytes;
}

export function writeBundle(path: string, content: BundleContent): string {
  writeFileSync(path, buildBundle(content));
  return path;
}
