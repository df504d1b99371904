import { htmlToPlainText, isBlankContent, utf16Length } from './plain-text';

describe('htmlToPlainText', () => {
  it.each<[string, string, string]>([
    ['plain text unchanged', 'Hello world', 'Hello world'],
    ['plain text with line breaks', 'a\nb', 'a\nb'],
    ['paragraphs become lines', '<p>one</p><p>two</p>', 'one\ntwo'],
    ['an empty paragraph is a blank line', '<p>one</p><p></p><p>three</p>', 'one\n\nthree'],
    ['<br> variants', 'a<br>b<br/>c<BR />d', 'a\nb\nc\nd'],
    ['inline formatting dropped', '<p><strong>Bold</strong> and <u>under</u> <a href="https://x.com">link</a></p>', 'Bold and under link'],
    ['list items get bullets', '<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    ['headings are lines', '<h1>Title</h1><p>Body</p>', 'Title\nBody'],
    ['entities decoded', '<p>Fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; &#x1F680;</p>', 'Fish & chips <3 "yum" \'ok\' 🚀'],
    ['non-breaking space', 'a&nbsp;b', 'a\u00a0b'],
    ['unknown entities kept', 'AT&T &bogus; &#0;', 'AT&T &bogus; &#0;'],
    ['escaped markup stays text', '&lt;p&gt;not a tag&lt;/p&gt;', '<p>not a tag</p>'],
    ['mentions keep their label', '<p>hi <span data-mention-id="1" data-mention-label="ann">@ann</span></p>', 'hi @ann'],
    ['formatting newlines between blocks ignored', '<p>a</p>\n<p>b</p>\n', 'a\nb'],
    ['a lone < in plain text survives', 'a < b', 'a < b'],
  ])('%s', (_case, input, expected) => {
    expect(htmlToPlainText(input)).toBe(expected);
  });
});

describe('isBlankContent', () => {
  it.each<[string, boolean]>([
    ['', true],
    ['   ', true],
    ['<p></p>', true],
    ['<p> </p><p><br></p>', true],
    ['<p>x</p>', false],
    ['&amp;', false],
  ])('%j → %p', (content, blank) => {
    expect(isBlankContent(content)).toBe(blank);
  });
});

describe('utf16Length', () => {
  it('counts UTF-16 code units after NFC', () => {
    expect(utf16Length('abc')).toBe(3);
    expect(utf16Length('😀')).toBe(2);
    expect(utf16Length('e\u0301')).toBe(1);
  });
});
