import { buildBundle } from '/work/main/test/sandbox/astra/bundle.ts';
import AdmZip from 'adm-zip';
const b = buildBundle({ config: { host: '127.0.0.1', metadataPort: 1, cqlPort: 2, keyspace: 'demo', localDC: 'dc-1' }, caCert: 'x', client: { cert: 'c', key: 'k' }, defects: ['evil-entry'] });
console.log(new AdmZip(b).getEntries().map(e => e.entryName));
try { new AdmZip(buildBundle({ config: { host: '127.0.0.1', metadataPort: 1, cqlPort: 2, keyspace: 'demo', localDC: 'dc-1' }, caCert: 'x', client: { cert: 'c', key: 'k' }, defects: ['truncated'] })) } catch (e) { console.log((e as Error).message) }
