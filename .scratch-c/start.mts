import { startSandbox } from '../test/sandbox/index.ts';
const t = Date.now();
const sb = await startSandbox({ seed: process.argv[2] === 'none' ? 'none' : 'demo' });
console.log('started in', Date.now() - t, 'ms', sb.bundlePath, sb.cqlPort, sb.sniPort, sb.metadataPort, sb.devopsUrl);
await sb.stop();
