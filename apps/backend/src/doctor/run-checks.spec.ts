import { type Check, fail, ok } from './check';
import { runChecks } from './run-checks';

const check = (name: string, run: Check['run'], needs?: string[]): Check => ({ name, run, ...(needs ? { needs } : {}) });

describe('runChecks', () => {
  it('skips a check whose dependency failed, and keeps going', async () => {
    const later = jest.fn(() => Promise.resolve(ok('fine')));
    const outcomes = await runChecks([
      check('Postgres', () => Promise.resolve(fail('down', 'Start it.'))),
      check('Migrations', later, ['Postgres']),
      check('Redis', () => Promise.resolve(ok('up'))),
    ]);
    expect(later).not.toHaveBeenCalled();
    expect(outcomes.map((o) => [o.name, o.result.status, o.result.message])).toEqual([
      ['Postgres', 'fail', 'down'],
      ['Migrations', 'skip', 'not checked: Postgres failed'],
      ['Redis', 'ok', 'up'],
    ]);
  });

  it('reports a crashing check as a failure instead of stopping', async () => {
    const outcomes = await runChecks([check('Clock', () => Promise.reject(new Error('boom'))), check('Redis', () => Promise.resolve(ok('up')))]);
    expect(outcomes[0]?.result).toMatchObject({ status: 'fail', message: 'the check itself crashed (boom)' });
    expect(outcomes[1]?.result.status).toBe('ok');
  });
});
