// Secure connect bundles for tests: a real (self-signed) certificate and key so bundle parsing and the driver's
// TLS setup see valid PEM, plus knobs to break any part of it.
import AdmZip from 'adm-zip';
import forge from 'node-forge';

let cached: { cert: string; key: string } | undefined;

export function testPem(): { cert: string; key: string } {
  if (cached) return cached;
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: '127.0.0.1' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  cached = { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) };
  return cached;
}

export const TEST_CONFIG = {
  host: 'db-123-us-east1.db.astra.datastax.com',
  port: 32220,
  cql_port: 29042,
  keyspace: 'app',
  localDC: 'dc-1',
};

/** A bundle zip; `files` overrides or adds entries, `omit` drops required ones. */
export function testBundle(files: Record<string, string | Buffer> = {}, omit: string[] = []): Buffer {
  const { cert, key } = testPem();
  const zip = new AdmZip();
  const all: Record<string, string | Buffer> = {
    'config.json': JSON.stringify(TEST_CONFIG),
    'ca.crt': cert,
    cert,
    key,
    cqlshrc: '[connection]\n',
    ...files,
  };
  for (const [name, content] of Object.entries(all)) {
    if (!omit.includes(name)) zip.addFile(name, Buffer.isBuffer(content) ? content : Buffer.from(content));
  }
  return zip.toBuffer();
}

/** The same bundle as raw entries (deflated), for building hostile variants with test/support/rawZip. */
export function testBundleEntries(files: Record<string, string | Buffer> = {}): { name: string; data: Buffer; deflate: boolean }[] {
  const { cert, key } = testPem();
  const all: Record<string, string | Buffer> = { 'config.json': JSON.stringify(TEST_CONFIG), 'ca.crt': cert, cert, key, cqlshrc: '[connection]\n', ...files };
  return Object.entries(all).map(([name, content]) => ({ name, data: Buffer.from(content), deflate: true }));
}
