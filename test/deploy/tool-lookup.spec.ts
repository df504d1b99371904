// The README promises that `npm test` and `npm start` need only Node and npm: every stage finds pnpm the way
// scripts/lib/toolbox.mjs does (the pinned version through npx when PATH has none), and the image stage installs the
// Dockerfile's pinned pnpm for its RUN lines instead of reading whatever this machine has. Checked here with this
// machine's PATH less every pnpm on it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './support';

const PINNED = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }).packageManager.split('@')[1];

/** This machine's PATH with pnpm removed: a folder that holds pnpm is replaced by a copy of links to the rest of it. */
function pathWithoutPnpm(scratch: string): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir, index) => {
      if (!existsSync(path.join(dir, 'pnpm')) && !existsSync(path.join(dir, 'pnpx'))) return dir;
      const shadow = path.join(scratch, String(index));
      mkdirSync(shadow, { recursive: true });
      for (const entry of readdirSync(dir)) if (entry !== 'pnpm' && entry !== 'pnpx') symlinkSync(path.join(dir, entry), path.join(shadow, entry));
      return shadow;
    })
    .join(path.delimiter);
}

describe('the test stages find their tools on a machine without pnpm', () => {
  let scratch: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'herald-bare-path-'));
    env = { ...process.env, PATH: pathWithoutPnpm(scratch) };
    expect(spawnSync('pnpm', ['--version'], { env }).error).toBeDefined();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('scripts and stages run the pinned pnpm through npx', () => {
    const lookup = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./scripts/lib/toolbox.mjs'); console.log(JSON.stringify(m.pnpm()));"], { cwd: ROOT, env, encoding: 'utf8' });
    expect(lookup.stderr).toBe('');
    const [command = '', ...prefix] = JSON.parse(lookup.stdout) as string[];
    expect([command, ...prefix]).toEqual(['npx', '--yes', `pnpm@${PINNED}`]);

    const version = spawnSync(command, [...prefix, '--version'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(PINNED);
  }, 120_000);

  it("the image stage installs the Dockerfile's pinned pnpm for its RUN lines", () => {
    const run = spawnSync(process.execPath, ['test/deploy/image-commands.mjs', '--tools'], { cwd: ROOT, env, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
    const dockerfilePin = /npm install -g pnpm@(\S+)/.exec(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(dockerfilePin).toBe(PINNED);
    expect(run.stdout).toContain(`pnpm for the RUN lines: ${PINNED}`);
  }, 120_000);

  it('spec helpers that build an app run pnpm through scripts/pnpm.mjs, the same lookup', () => {
    const run = spawnSync(process.execPath, ['scripts/pnpm.mjs', '--version'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe(PINNED);
  }, 120_000);
});
