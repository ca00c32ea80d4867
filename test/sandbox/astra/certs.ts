// The sandbox's PKI: one CA that signs the metadata service / SNI proxy certificate and the bundle's client
// certificate, plus an unrelated CA's client certificate for negative tests. Keys come from node:crypto because
// forge's pure-JS RSA generation takes seconds per key.
import { generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';

export interface KeyPairPem {
  cert: string;
  key: string;
}

export interface SandboxPki {
  caCert: string;
  caKey: string;
  server: KeyPairPem; // CN=127.0.0.1, SAN IP:127.0.0.1 + DNS:localhost
  client: KeyPairPem; // signed by caCert
  foreignClient: KeyPairPem; // signed by a different CA: must be refused
  foreignCaCert: string;
}

interface RsaKey {
  privatePem: string;
  publicPem: string;
}

async function rsaKey(): Promise<RsaKey> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

interface CertSpec {
  cn: string;
  isCa?: boolean;
  serverAltNames?: boolean;
  clientAuth?: boolean;
}

function buildCert(spec: CertSpec, publicPem: string, issuer: { cert?: forge.pki.Certificate; keyPem: string }) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  // Positive serial: a leading 0x00 byte keeps the DER integer from reading as negative.
  cert.serialNumber = '00' + randomBytes(16).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: spec.cn },
    { name: 'organizationName', value: 'Astra Sandbox' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(issuer.cert ? issuer.cert.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: !!spec.isCa, critical: !!spec.isCa }];
  if (spec.isCa) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
    extensions.push({ name: 'subjectKeyIdentifier' });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: !spec.clientAuth, clientAuth: true });
  }
  if (spec.serverAltNames) {
    extensions.push({
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    });
  }
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(issuer.keyPem), forge.md.sha256.create());
  return cert;
}

function makeCa(cn: string, k: RsaKey) {
  const cert = buildCert({ cn, isCa: true }, k.publicPem, { keyPem: k.privatePem });
  return { cert, certPem: forge.pki.certificateToPem(cert), keyPem: k.privatePem };
}

function issue(ca: ReturnType<typeof makeCa>, spec: CertSpec, k: RsaKey): KeyPairPem {
  const cert = buildCert(spec, k.publicPem, { cert: ca.cert, keyPem: ca.keyPem });
  return { cert: forge.pki.certificateToPem(cert), key: k.privatePem };
}

async function generatePki(): Promise<SandboxPki> {
  // Key generation runs on the libuv pool, so the five keys are made in parallel.
  const [caKey, foreignKey, serverKey, clientKey, foreignClientKey] = await Promise.all([1, 2, 3, 4, 5].map(rsaKey));
  const ca = makeCa('Astra Sandbox CA', caKey);
  const foreign = makeCa('Some Other CA', foreignKey);
  return {
    caCert: ca.certPem,
    caKey: ca.keyPem,
    server: issue(ca, { cn: '127.0.0.1', serverAltNames: true }, serverKey),
    client: issue(ca, { cn: 'sandbox-client', clientAuth: true }, clientKey),
    foreignClient: issue(foreign, { cn: 'sandbox-client', clientAuth: true }, foreignClientKey),
    foreignCaCert: foreign.certPem,
  };
}

// Five RSA keys take 1–4 s on a busy 2-core machine, paid by every test process that starts a sandbox; so the PKI
// is cached under node_modules/.cache (never committed; loopback test material only). ASTRA_SANDBOX_FRESH_PKI=1
// or `fresh` bypasses it.
const CACHE_FILE = join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'astra-sandbox', 'pki.json');
const MIN_REMAINING_MS = 7 * 24 * 3600_000;

function readCache(): SandboxPki | undefined {
  try {
    const pki = JSON.parse(readFileSync(CACHE_FILE, 'utf8')) as SandboxPki;
    const certs = [pki.caCert, pki.server.cert, pki.client.cert, pki.foreignClient.cert].map((c) => new X509Certificate(c));
    if (certs.some((c) => Date.parse(c.validTo) - Date.now() < MIN_REMAINING_MS)) return undefined;
    return pki;
  } catch {
    return undefined;
  }
}

function writeCache(pki: SandboxPki): void {
  try {
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(pki), { mode: 0o600 });
    renameSync(tmp, CACHE_FILE); // atomic: concurrent test processes never read a half-written file
  } catch {
    // A read-only checkout just regenerates next time.
  }
}

let shared: Promise<SandboxPki> | undefined;

/** The sandbox PKI: cached per process and on disk unless `fresh` (or ASTRA_SANDBOX_FRESH_PKI=1). */
export function createPki(fresh = false): Promise<SandboxPki> {
  if (fresh || process.env.ASTRA_SANDBOX_FRESH_PKI === '1') return generatePki();
  shared ??= (async () => {
    const cached = readCache();
    if (cached) return cached;
    const pki = await generatePki();
    writeCache(pki);
    return pki;
  })();
  return shared;
}
