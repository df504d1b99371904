import { DEFAULT_POSTING_MINUTES, findFreeSlot, minuteOf, postingMinutesOf, toPostizLocal, toPostizSlot } from './find-slot';

describe('findFreeSlot', () => {
  const at = (iso: string) => new Date(iso);

  it("takes today's next posting time that is still ahead", () => {
    expect(findFreeSlot(at('2025-03-11T05:00:00Z'), DEFAULT_POSTING_MINUTES, new Set())?.toISOString()).toBe('2025-03-11T06:40:00.000Z');
  });

  it('skips times the organization already uses, and moves to the next day', () => {
    const taken = new Set([minuteOf(at('2025-03-11T06:40:00Z')), minuteOf(at('2025-03-11T11:40:00Z'))]);
    expect(findFreeSlot(at('2025-03-11T05:00:00Z'), DEFAULT_POSTING_MINUTES, taken)?.toISOString()).toBe('2025-03-12T02:00:00.000Z');
  });

  it('gives up after the horizon instead of looping forever', () => {
    expect(findFreeSlot(at('2025-03-11T23:00:00Z'), [], new Set(), 5)).toBeUndefined();
  });

  it("answers in Postiz's zone-less formats", () => {
    expect(toPostizSlot(at('2025-03-11T06:40:00.000Z'))).toBe('2025-03-11T06:40:00');
    expect(toPostizLocal(at('2025-03-11T06:40:12.345Z'))).toBe('2025-03-11T06:40:12');
  });

  it("reads a channel's posting times, falling back to the defaults", () => {
    expect(postingMinutesOf({ postingTimes: [{ time: 700 }, { time: 60 }, { time: 60 }] })).toEqual([60, 700]);
    expect(postingMinutesOf({ postingTimes: [{ time: 'x' }, { time: 5000 }] })).toEqual([120, 400, 700]);
    expect(postingMinutesOf(null)).toEqual([120, 400, 700]);
  });
});
