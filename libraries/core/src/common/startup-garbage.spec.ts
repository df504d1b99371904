import { runInNewContext } from 'node:vm';
import { collectStartupGarbage } from './startup-garbage';

describe('collectStartupGarbage', () => {
  it('reaches the collector without --expose-gc on the command line, and leaves the global as it was', async () => {
    const hadGc = 'gc' in globalThis;
    const cancel = collectStartupGarbage(5);
    expect(typeof runInNewContext('gc')).toBe('function');
    expect('gc' in globalThis).toBe(hadGc);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the collections ran (a throw would fail the test)
    cancel();
  });

  it('is cancelled by the function it returns', async () => {
    const cancel = collectStartupGarbage(20);
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
});
