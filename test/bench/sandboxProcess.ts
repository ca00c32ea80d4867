// The sandbox in a process of its own, for benchmarks: a server in the measured process would share its event loop
// and CPU time with the client being measured. Prints one JSON line ({ contactPoint, localDataCenter }) once ready
// and stops when its parent closes stdin or sends SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SandboxProcess {
  contactPoint: string;
  localDataCenter: string;
  stop(): Promise<void>;
}

/** Starts the sandbox (plain mode, no seed data) in a child process. */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise<{ contactPoint: string; localDataCenter: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
    child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
  return { ...info, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin!.end();
  return exited;
}

async function runChild(): Promise<void> {
  const { startSandbox } = await import('../sandbox/index.js');
  const sb = await startSandbox({ mode: 'plain', seed: 'none' });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sb.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
  process.stdout.write(JSON.stringify({ contactPoint: sb.contactPoint, localDataCenter: sb.localDataCenter }) + '\n');
}

if (process.argv.includes('--child')) {
  runChild().catch((e: unknown) => {
    process.stderr.write(`sandbox process failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
