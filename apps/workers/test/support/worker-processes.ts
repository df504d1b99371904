import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

export interface WorkerProcess {
  child: ChildProcess;
  owner: string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no cleanup, no lease released. */
  kill(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts a publish worker in a separate `node` process that trusts the sandbox CA through NODE_EXTRA_CA_CERTS. */
export async function spawnWorker(env: Record<string, string>, options: object, nodeArgs: string[] = []): Promise<WorkerProcess> {
  const child = fork(path.join(__dirname, 'worker-process.ts'), [], {
    env: { ...process.env, ...env, HERALD_TEST_WORKER_OPTIONS: JSON.stringify(options) },
    // The flags the image runs the workers with (docker-compose.yml).
    execArgv: ['--max-semi-space-size=32', ...nodeArgs, '--require', path.join(__dirname, 'register-ts.cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const owner = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { ready?: string }) => (message.ready ? resolve(message.ready) : reject(new Error('unexpected message'))));
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
  return {
    child,
    owner,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
