import { PostWatch, Slots, waitUntil } from './slots';
import { TickBatch } from './tick-batch';
import { grantOnce } from './publish-attempt';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('lets at most `size` callers in at once, the others in the order they came', async () => {
    const slots = new Slots(2);
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const job = (name: string) =>
      slots.run(async () => {
        order.push(`in ${name}`);
        await new Promise<void>((resolve) => gates.set(name, resolve));
        order.push(`out ${name}`);
      });
    const all = ['a', 'b', 'c', 'd'].map(job);
    await tick();
    expect(order).toEqual(['in a', 'in b']);
    gates.get('b')?.();
    await tick();
    expect(order).toEqual(['in a', 'in b', 'out b', 'in c']);
    for (const name of ['a', 'c']) gates.get(name)?.();
    await tick();
    gates.get('d')?.();
    await Promise.all(all);
    expect(order.filter((o) => o.startsWith('in'))).toEqual(['in a', 'in b', 'in c', 'in d']);
  });

  it('frees the slot when the work throws', async () => {
    const slots = new Slots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('says when every slot is free again', async () => {
    const slots = new Slots(1);
    await expect(slots.idle()).resolves.toBeUndefined();
    let release = () => undefined as void;
    const first = slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = slots.run(() => Promise.resolve());
    let idle = false;
    void slots.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    release();
    await Promise.all([first, second]);
    await tick();
    expect(idle).toBe(true);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new Slots(0)).toThrow('positive integer');
  });
});

describe('waitUntil', () => {
  it('ends at the time, at once when aborted, and when woken first', async () => {
    const now = () => new Date();
    await expect(waitUntil(new Date(Date.now() + 20), now)).resolves.toBe('due');
    const controller = new AbortController();
    const waiting = waitUntil(new Date(Date.now() + 60_000), now, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBe('aborted');
    await expect(waitUntil(new Date(Date.now() + 60_000), now, controller.signal)).resolves.toBe('aborted');

    let wake = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const live = new AbortController();
    const wakeable = waitUntil(new Date(Date.now() + 60_000), now, live.signal, woken);
    wake();
    await expect(wakeable).resolves.toBe('woken');
    // The first end wins: an abort after it changes nothing.
    live.abort();
    await expect(wakeable).resolves.toBe('woken');
  });
});

describe('PostWatch', () => {
  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('ends the wait in progress at a nudge', async () => {
    const watch = new PostWatch();
    const waiting = watch.next();
    expect(await settled(waiting)).toBe(false);
    watch.nudge();
    expect(await settled(waiting)).toBe(true);
  });

  it('keeps a nudge that came between waits for the next one, once', async () => {
    const watch = new PostWatch();
    watch.nudge();
    watch.nudge();
    expect(await settled(watch.next())).toBe(true);
    watch.idle();
    expect(await settled(watch.next())).toBe(false);
  });

  it('after a wait that ended on its own, a nudge is kept rather than spent on that wait', async () => {
    const watch = new PostWatch();
    const first = watch.next();
    watch.idle(); // the wait reached its time
    watch.nudge();
    expect(await settled(first)).toBe(false);
    expect(await settled(watch.next())).toBe(true);
  });
});

describe('TickBatch', () => {
  it('serves the calls of one turn of the event loop with one flush, answer by answer', async () => {
    const flushes: number[][] = [];
    const batch = new TickBatch<number, number>((items) => {
      flushes.push(items);
      return Promise.resolve(items.map((i) => i * 10));
    });
    await expect(Promise.all([batch.add(1), batch.add(2), batch.add(3)])).resolves.toEqual([10, 20, 30]);
    await expect(batch.add(4)).resolves.toBe(40);
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a failed flush, and serves the next ones', async () => {
    let fail = true;
    const batch = new TickBatch<number, number>((items) => (fail ? Promise.reject(new Error('db down')) : Promise.resolve(items)));
    const results = await Promise.allSettled([batch.add(1), batch.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batch.add(3)).resolves.toBe(3);
  });

  it('gathers what arrives while it is held', async () => {
    let open = () => undefined as void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const flushes: number[][] = [];
    const batch = new TickBatch<number, number>(
      (items) => {
        flushes.push(items);
        return Promise.resolve(items);
      },
      { hold: () => gate },
    );
    const first = batch.add(1);
    await tick();
    const second = batch.add(2);
    open();
    await Promise.all([first, second]);
    expect(flushes).toEqual([[1, 2]]);
  });

  it('sends a full batch at once and starts another', async () => {
    const flushes: number[][] = [];
    const batch = new TickBatch<number, number>(
      (items) => {
        flushes.push(items);
        return Promise.resolve(items);
      },
      { maxItems: 2 },
    );
    await Promise.all([1, 2, 3, 4, 5].map((i) => batch.add(i)));
    expect(flushes).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('grantOnce', () => {
  it('gives a leased post to its first caller only, and nothing to posts not leased', () => {
    expect(grantOnce([{ id: 'a' }, { id: 'b' }, { id: 'a' }, { id: 'c' }], new Set(['a', 'c']))).toEqual([true, false, false, true]);
  });
});
