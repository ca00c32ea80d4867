import { startSandbox } from '../test/sandbox/index.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const sb = await startSandbox({ seed: process.argv[2] === 'none' ? 'none' : 'demo' });
try {
  const t = Date.now();
  const out = await promisify(execFile)('/usr/bin/python3', ['test/sandbox-tests/cloud-python.py', sb.bundlePath, sb.token, 'demo'], { encoding: 'utf8', timeout: 60000 });
  console.log(out.stdout, out.stderr.slice(-2000), Date.now() - t);
} catch (e) { console.log('FAILED', (e as any).stdout, (e as any).stderr?.slice(-3000)); }
finally { await sb.stop(); }
