import { parseDockerfile, runSteps, type Stage } from './dockerfile.cjs';
import { read } from './support';

const dockerfile = parseDockerfile(read('Dockerfile'));
const stage = (name: string): Stage => {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no ${name} stage`);
  return found;
};
const args = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  const build = stage('build');
  const runtime = dockerfile.stages[dockerfile.stages.length - 1] as Stage;
  const commands = runSteps(dockerfile, 'build').map((s) => s.command);
  const indexOf = (pattern: RegExp) => commands.findIndex((c) => pattern.test(c));

  it('has a build stage and a runtime stage on the same pinned Node LTS image (24; Node 20 is out of support)', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(build.from).toBe(runtime.from);
    expect(dockerfile.globalArgs.NODE_IMAGE).toMatch(/^node:24\.\d+-bookworm-slim$/);
  });

  it("installs the lockfile's exact tree with the pinned pnpm, then builds, then keeps production dependencies only", () => {
    const packageManager = (JSON.parse(read('package.json')) as { packageManager: string }).packageManager;
    expect(commands).toContain(`npm install -g ${packageManager}`);
    const fetch = indexOf(/^pnpm fetch --frozen-lockfile$/);
    const install = indexOf(/^pnpm install --frozen-lockfile --offline$/);
    const buildAll = indexOf(/^pnpm -r .*build$/);
    const prod = indexOf(/pnpm install --prod --frozen-lockfile --offline/);
    expect([fetch, install, buildAll, prod].every((i) => i >= 0)).toBe(true);
    expect(fetch).toBeLessThan(install);
    expect(install).toBeLessThan(buildAll);
    expect(buildAll).toBeLessThan(prod);
    expect(commands.join('\n')).not.toMatch(/db push|migrate dev|--no-frozen-lockfile/);
  });

  it('bakes NEXT_PUBLIC_BACKEND_URL in as a build argument before the build', () => {
    const steps = runSteps(dockerfile, 'build');
    const buildStep = steps.find((s) => /^pnpm -r .*build$/.test(s.command));
    expect(args(build, 'ARG')).toContain('NEXT_PUBLIC_BACKEND_URL=http://localhost:3000');
    expect(buildStep?.env.NEXT_PUBLIC_BACKEND_URL).toBe('http://localhost:3000');
  });

  it('runs as a non-root user, with the built tree copied from the build stage', () => {
    const users = args(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    expect(args(runtime, 'COPY')).toContain('--from=build --chown=node:node /app /app');
    expect(args(runtime, 'RUN').join('\n')).not.toMatch(/pnpm|npm install/);
    const cmd = args(runtime, 'CMD').at(-1) ?? '';
    expect(JSON.parse(cmd)).toEqual(['node', 'apps/backend/dist/main.js']);
  });

  it('keeps installs, builds, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '**/.next', '.data', '.env', '.env.*', '!.env.example']));
  });
});
