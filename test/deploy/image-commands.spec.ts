import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './support';

// Slow (a full install, build and prune in a copy of the repository): only with HERALD_DEPLOY_SMOKE=1.
// The same check runs on its own as `node test/deploy/image-commands.mjs`.
const smoke = process.env.HERALD_DEPLOY_SMOKE === '1' ? describe : describe.skip;

smoke('the Dockerfile build commands, run outside Docker', () => {
  it('install, build and prune a copy of the repository, after which every app starts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'herald-image-report-'));
    const report = path.join(dir, 'report.json');
    try {
      const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['test/deploy/image-commands.mjs', '--json', report], { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.on('data', (c: Buffer) => (text += c.toString()));
        child.stderr.on('data', (c: Buffer) => (text += c.toString()));
        child.once('exit', (exitCode) => resolve({ code: exitCode, output: text }));
      });
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
      const result = JSON.parse(readFileSync(report, 'utf8')) as { ok: boolean; timings: Record<string, number> };
      expect(result.ok).toBe(true);
      expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(['backendColdStartToHealth', 'frontendStartToLogin', 'workersStartToReady', 'cronStartToReady', 'allInOneStartToHealth']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
