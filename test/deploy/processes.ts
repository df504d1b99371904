// Built apps as child processes, the way the image runs them (`node apps/<app>/dist/main.js`).
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from './support';

export interface AppProcess {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves once the output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exit: Promise<number | null>;
}

/** test.mjs builds before jest; a spec run on its own builds the app and its libraries when dist is missing. */
export function ensureBuilt(app: 'backend' | 'workers' | 'cron' | 'all-in-one'): string {
  const main = path.join(ROOT, 'apps', app, 'dist/main.js');
  if (!existsSync(main)) {
    const built = spawnSync(process.execPath, ['scripts/pnpm.mjs', '--filter', `@herald/${app}...`, 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building ${app} failed:\n${built.stdout}\n${built.stderr}`);
  }
  return main;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function startApp(main: string, env: Record<string, string>, cwd: string): AppProcess {
  // A clean environment and a folder without .env: only what the spec passes reaches the process.
  const child = spawn(process.execPath, [main], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exit,
    waitForOutput: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (pattern.test(output)) {
            done();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${String(pattern)}; output:\n${output.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        void exit.then((code) => {
          if (!pattern.test(output)) {
            done();
            reject(new Error(`exited with ${code} before ${String(pattern)}; output:\n${output.slice(-3000)}`));
          }
        });
        check();
      }),
  };
}

/** Whether a new TCP connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
