import { countInstagramHashtags, countInstagramMentions, extractInstagramHashtags, extractInstagramMentions, instagramCaptionPreview } from './instagram-caption';

describe('Instagram hashtags and mentions', () => {
  it.each<[string, string[]]>([
    ['#sunset at the #beach', ['sunset', 'beach']],
    ['#日本 #café #snake_case', ['日本', 'café', 'snake_case']],
    ['#2024 is a number, #y2024 is a tag', ['y2024']],
    ['c#sharp and AT&T#x are inside words', []],
    ['##double', []],
    ['(#paren) and "#quoted"', ['paren', 'quoted']],
    ['#a#b', ['a']],
  ])('hashtags in %j', (caption, expected) => {
    expect(extractInstagramHashtags(caption)).toEqual(expected);
    expect(countInstagramHashtags(caption)).toBe(expected.length);
  });

  it.each<[string, string[]]>([
    ['thanks @ann and @bob.smith', ['ann', 'bob.smith']],
    ['end of sentence @ann.', ['ann']],
    ['mail me@example.com', []],
    ['@under_score @1digit', ['under_score', '1digit']],
    ['@.dot is not a username', []],
    [`@${'a'.repeat(35)}`, ['a'.repeat(30)]],
  ])('mentions in %j', (caption, expected) => {
    expect(extractInstagramMentions(caption)).toEqual(expected);
    expect(countInstagramMentions(caption)).toBe(expected.length);
  });
});

describe('instagramCaptionPreview', () => {
  it('shows a short caption whole', () => {
    expect(instagramCaptionPreview('Short and sweet')).toEqual({ text: 'Short and sweet', truncated: false });
  });

  it('shows exactly 125 characters whole', () => {
    const caption = 'a'.repeat(125);
    expect(instagramCaptionPreview(caption)).toEqual({ text: caption, truncated: false });
  });

  it('cuts a long caption at a word boundary before 125 characters', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const preview = instagramCaptionPreview(words);
    expect(preview.truncated).toBe(true);
    expect(preview.text.length).toBeLessThanOrEqual(125);
    expect(words.startsWith(preview.text)).toBe(true);
    expect(words[preview.text.length]).toBe(' ');
  });

  it('cuts one endless word at the limit', () => {
    expect(instagramCaptionPreview('x'.repeat(300))).toEqual({ text: 'x'.repeat(125), truncated: true });
  });

  it('never splits an emoji', () => {
    const preview = instagramCaptionPreview('👨‍👩‍👧'.repeat(200));
    expect(preview.text).toBe('👨‍👩‍👧'.repeat(125));
  });

  it('stops after two lines', () => {
    expect(instagramCaptionPreview('line one\nline two\nline three')).toEqual({ text: 'line one\nline two', truncated: true });
  });

  it('reads composer HTML', () => {
    expect(instagramCaptionPreview('<p>Hello &amp; welcome</p><p>second</p><p>third</p>')).toEqual({ text: 'Hello & welcome\nsecond', truncated: true });
  });

  it('takes its limits as options', () => {
    expect(instagramCaptionPreview('one two three', { maxLength: 7 })).toEqual({ text: 'one two', truncated: true });
    expect(instagramCaptionPreview('a\nb\nc', { maxLines: 3 })).toEqual({ text: 'a\nb\nc', truncated: false });
  });
});
