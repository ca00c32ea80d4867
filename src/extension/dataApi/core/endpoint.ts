// Where a database's Data API lives. Astra serves it per region at `https://<db-id>-<region>.apps.astra.datastax.com`
// (the same rule astra-db-ts uses); a bundle's CQL host names the same id and region under `.db.astra…`. The
// `astra.dataApiUrl` setting overrides every database (sandbox, tests, private endpoints).

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const REGION = /^[a-z0-9][a-z0-9_-]*$/;
const BUNDLE_HOST = new RegExp(`^(${UUID})-([a-z0-9_-]+)\\.db\\.astra(-dev|-test)?\\.datastax\\.com$`, 'i');

export function dataApiEndpoint(databaseId: string, region: string, env: '' | '-dev' | '-test' = ''): string | undefined {
  const id = databaseId.toLowerCase();
  const r = region.toLowerCase();
  if (!new RegExp(`^${UUID}$`).test(id) || !REGION.test(r)) return undefined;
  return `https://${id}-${r}.apps.astra${env}.datastax.com`;
}

/** The Data API endpoint of the database behind a secure connect bundle, from the bundle's host. */
export function endpointFromBundleHost(host: string): string | undefined {
  const m = BUNDLE_HOST.exec(host);
  if (!m) return undefined;
  return dataApiEndpoint(m[1]!, m[2]!, (m[3]?.toLowerCase() ?? '') as '' | '-dev' | '-test');
}

export type OverrideCheck = { url: string } | { error: string } | undefined;

/**
 * The `astra.dataApiUrl` setting, checked: the token travels to it, so only https, or plain http on loopback
 * (the local sandbox). Empty means "derive per database".
 */
export function checkEndpointOverride(raw: string | undefined): OverrideCheck {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `The astra.dataApiUrl setting "${text.slice(0, 80)}" is not a URL.` };
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { error: 'The astra.dataApiUrl setting must be an https:// URL (the token is sent to it); plain http only on 127.0.0.1/localhost.' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { error: 'The astra.dataApiUrl setting must be a plain base URL (no credentials, query or fragment).' };
  }
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
