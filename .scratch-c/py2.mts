import { startSandbox } from '../test/sandbox/index.ts';
import { execFileSync } from 'node:child_process';
const sb = await startSandbox({ seed: 'none' });
try {
  const out = execFileSync('/usr/bin/python3', ['-c', `
import logging, sys
logging.basicConfig(level=logging.ERROR)
from cassandra.datastax.cloud import get_cloud_config
print(get_cloud_config({'secure_connect_bundle': sys.argv[1], 'use_default_tempdir': True}).__dict__)
`, sb.bundlePath], { encoding: 'utf8', timeout: 60000 });
  console.log(out);
} catch (e) { console.log('FAILED', (e as any).stdout, (e as any).stderr?.slice(-3000)); }
finally { await sb.stop(); }
