import { isPostDate, parsePostDate } from './post-date';

describe('parsePostDate', () => {
  it.each<[string, string]>([
    ['2025-03-10T14:30:00.000Z', '2025-03-10T14:30:00.000Z'],
    ['2025-03-10T14:30:00Z', '2025-03-10T14:30:00.000Z'],
    ['2025-03-10T14:30Z', '2025-03-10T14:30:00.000Z'],
    ['2025-03-10T14:30:00', '2025-03-10T14:30:00.000Z'],
    ['2025-03-10 14:30:00', '2025-03-10T14:30:00.000Z'],
    ['2025-03-10', '2025-03-10T00:00:00.000Z'],
    ['2025-03-10T14:30:00+02:00', '2025-03-10T12:30:00.000Z'],
    ['2025-03-10T14:30:00-0530', '2025-03-10T20:00:00.000Z'],
    ['2025-03-10T14:30:00.123456Z', '2025-03-10T14:30:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s (offset-less means UTC)', (input, iso) => {
    expect(parsePostDate(input)?.toISOString()).toBe(iso);
  });

  it.each([
    '',
    'tomorrow',
    '2025-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2025-13-01',
    '2025-03-10T24:00:00Z',
    '2025-03-10T10:60:00Z',
    '2025-03-10T10:00:00+25:00',
    '2025-W10-1',
    '10/03/2025',
    ' 2025-03-10',
  ])('rejects %j', (input) => {
    expect(parsePostDate(input)).toBeUndefined();
    expect(isPostDate(input)).toBe(false);
  });

  it('isPostDate rejects non-strings', () => {
    expect(isPostDate(1741617000000)).toBe(false);
    expect(isPostDate(new Date())).toBe(false);
  });
});
