import { countForPlatform, xWeightedLength } from './counting';

const URL = 'https://example.com/a/very/long/path/that/would/otherwise/count/as/many/characters';

describe('xWeightedLength and countForPlatform("x")', () => {
  it.each<[string, string, number]>([
    ['280 ASCII letters', 'a'.repeat(280), 280],
    ['281 ASCII letters', 'a'.repeat(281), 281],
    ['140 emoji (each weighs 2)', '😀'.repeat(140), 280],
    ['141 emoji', '😀'.repeat(141), 282],
    ['a ZWJ family emoji counts as one emoji', '👨‍👩‍👧‍👦', 2],
    ['140 CJK characters (each weighs 2)', '日'.repeat(140), 280],
    ['139 CJK + 2 ASCII', `${'日'.repeat(139)}ab`, 280],
    ['139 CJK + 3 ASCII', `${'日'.repeat(139)}abc`, 281],
    ['a long URL counts 23', URL, 23],
    ['a URL + a space + 256 letters', `${URL} ${'a'.repeat(256)}`, 280],
    ['a URL + a space + 257 letters', `${URL} ${'a'.repeat(257)}`, 281],
    ['Latin accents weigh 1', 'é'.repeat(280), 280],
    ['decomposed accents are normalized (NFC) first', 'e\u0301'.repeat(280), 280],
  ])('%s → %i', (_case, text, expected) => {
    expect(xWeightedLength(text)).toBe(expected);
    expect(countForPlatform('x', text).count).toBe(expected);
  });

  it.each<[number, boolean]>([
    [280, false],
    [281, true],
  ])('a standard account at %i weighted characters is over the limit: %p', (length, over) => {
    const counted = countForPlatform('x', 'a'.repeat(length));
    expect(counted).toEqual({ count: length, limit: 280, remaining: 280 - length, over, unit: 'x-weighted' });
  });

  it.each<[number, boolean]>([
    [281, false],
    [25_000, false],
    [25_001, true],
  ])('a premium account at %i weighted characters is over the limit: %p', (length, over) => {
    const counted = countForPlatform('x', 'a'.repeat(length), { premium: true });
    expect(counted.limit).toBe(25_000);
    expect(counted.over).toBe(over);
  });

  it('counts an article as plain characters against 100,000', () => {
    const counted = countForPlatform('x', '😀'.repeat(1000), { article: true });
    expect(counted).toMatchObject({ count: 2000, limit: 100_000, over: false, unit: 'utf16' });
  });

  it('counts the text of composer HTML, not its markup', () => {
    expect(countForPlatform('x', `<p>${'a'.repeat(140)}</p><p>${'b'.repeat(139)}</p>`).count).toBe(280);
    expect(countForPlatform('x', '<p>Fish &amp; chips</p>').count).toBe('Fish & chips'.length);
  });
});

describe('countForPlatform for Instagram and Facebook', () => {
  it.each<['instagram' | 'instagram-standalone' | 'facebook', number]>([
    ['instagram', 2_200],
    ['instagram-standalone', 2_200],
    ['facebook', 63_206],
  ])('%s limit is %i UTF-16 units', (identifier, limit) => {
    expect(countForPlatform(identifier, 'a'.repeat(limit))).toEqual({ count: limit, limit, remaining: 0, over: false, unit: 'utf16' });
    expect(countForPlatform(identifier, 'a'.repeat(limit + 1)).over).toBe(true);
  });

  it('counts an emoji as 2 on Instagram, as its apps do', () => {
    expect(countForPlatform('instagram', '😀').count).toBe(2);
    expect(countForPlatform('instagram', 'é').count).toBe(1);
  });
});
