import { mediaRefsOf, mimeFromPath, PostMediaError } from './post-media';

describe('post media', () => {
  it.each([
    ['https://herald.example/uploads/org/2026/11/a.jpg', 'image/jpeg'],
    ['https://herald.example/uploads/a.JPEG?v=2', 'image/jpeg'],
    ['https://cdn.example/x.png#top', 'image/png'],
    ['https://cdn.example/x.webp', 'image/webp'],
    ['https://cdn.example/x.gif', 'image/gif'],
    ['https://cdn.example/clip.mp4', 'video/mp4'],
    ['https://cdn.example/readme.txt', undefined],
    ['https://cdn.example/no-extension', undefined],
  ])('%s is %s', (path, mime) => {
    expect(mimeFromPath(path)).toBe(mime);
  });

  it('maps the image column to media references, keeping alt text', () => {
    expect(mediaRefsOf([{ id: 'm1', path: 'https://h.example/a.jpg' }, { path: 'https://h.example/b.mp4', alt: 'a clip' }])).toEqual([
      { url: 'https://h.example/a.jpg', mimeType: 'image/jpeg' },
      { url: 'https://h.example/b.mp4', mimeType: 'video/mp4', alt: 'a clip' },
    ]);
    expect(mediaRefsOf([])).toEqual([]);
    expect(mediaRefsOf(null)).toEqual([]);
  });

  it('refuses an entry without a path or of an unknown type', () => {
    expect(() => mediaRefsOf([{ id: 'm1' }])).toThrow(PostMediaError);
    expect(() => mediaRefsOf([{ path: 'https://h.example/a.bmp' }])).toThrow('Unsupported media type');
  });
});
