import { startSandbox } from '../test/sandbox/index.ts';
const sb = await startSandbox({ seed: 'none', portBase: 47100 });
console.log(sb.metadataPort, sb.sniPort, sb.devopsUrl, sb.cqlPort, sb.contactPoint);
await sb.stop();
