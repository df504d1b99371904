import { htmlToPlainText } from '@herald/shared';
import { sanitizeContent } from './sanitize-content';

describe('sanitizeContent', () => {
  it('keeps the composer’s markup and plain text as they are', () => {
    expect(sanitizeContent('<p>Hello</p><p>World</p>')).toBe('<p>Hello</p><p>World</p>');
    expect(sanitizeContent('Just text,\nover two lines #herald @someone')).toBe('Just text,\nover two lines #herald @someone');
    expect(sanitizeContent('<p><strong>Bold</strong> <u>under</u> <a href="https://herald.example/x" target="_blank" rel="noopener">link</a></p>')).toBe(
      '<p><strong>Bold</strong> <u>under</u> <a href="https://herald.example/x" target="_blank" rel="noopener">link</a></p>',
    );
    expect(sanitizeContent('<ul><li>one</li><li>two</li></ul><h2>Title</h2><span class="mention" data-mention-id="1" data-mention-label="bob">@bob</span>')).toBe(
      '<ul><li>one</li><li>two</li></ul><h2>Title</h2><span class="mention" data-mention-id="1" data-mention-label="bob">@bob</span>',
    );
  });

  it('stores a plain &, < and > as entities, which the platforms get back as characters', () => {
    const stored = sanitizeContent('Tom & Jerry: 3 < 4 > 2, I <3 it');
    expect(stored).toBe('Tom &amp; Jerry: 3 &lt; 4 &gt; 2, I &lt;3 it');
    expect(htmlToPlainText(stored)).toBe('Tom & Jerry: 3 < 4 > 2, I <3 it');
    expect(sanitizeContent(stored)).toBe(stored);
  });

  it('drops scripts, handlers, styles and dangerous links, keeping the text around them', () => {
    expect(sanitizeContent('<p>hi<script>alert(1)</script></p>')).toBe('<p>hi</p>');
    expect(sanitizeContent('<p onclick="alert(1)" style="color:red">hi</p>')).toBe('<p>hi</p>');
    expect(sanitizeContent('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeContent('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')).toBe('<a>x</a>');
    expect(sanitizeContent('<a href="//evil.example/">x</a>')).toBe('<a>x</a>');
    expect(sanitizeContent('<a href="mailto:team@herald.example">mail</a> <a href="/help">help</a> <a href="#top">top</a>')).toBe(
      '<a href="mailto:team@herald.example">mail</a> <a href="/help">help</a> <a href="#top">top</a>',
    );
    expect(sanitizeContent('<div><img src=x onerror=alert(1)>caption</div><iframe src="https://evil.example"></iframe><style>p{}</style>')).toBe('caption');
  });

  it.each(['xmp', 'noembed', 'noframes', 'noscript', 'plaintext', 'listing', 'script', 'style', 'textarea', 'option', 'title', 'iframe', 'template'])(
    'drops <%s> with everything inside it (GHSA-rpr9-rxv7-x643)',
    (tag) => {
      const stored = sanitizeContent(`<p>before</p><${tag}><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a></${tag}><p>after</p>`);
      expect(stored).toBe('<p>before</p><p>after</p>');
    },
  );

  it('leaves nothing that runs when a raw-text element is used to smuggle a closing tag', () => {
    for (const probe of [
      '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>',
      '<noembed><img src=x onerror=alert(1)></noembed>',
      '<xmp>&lt;img src=x onerror=alert(1)&gt;</xmp>',
      '<listing><script>alert(1)</script></listing>',
    ]) {
      const stored = sanitizeContent(probe);
      expect(stored).not.toMatch(/<img|<script|onerror|javascript:/i);
    }
  });
});
