import { toPostizLocal, toPostizSlot } from './find-slot';

describe('find-slot formats', () => {
  it("answers in Postiz's zone-less formats", () => {
    expect(toPostizSlot(new Date('2025-03-11T06:40:00.000Z'))).toBe('2025-03-11T06:40:00');
    expect(toPostizLocal(new Date('2025-03-11T06:40:12.345Z'))).toBe('2025-03-11T06:40:12');
  });
});
