import { describeMedia, hasAllowedMediaExtension, mediaKind, mimeFromPath } from './media';

describe('media helpers', () => {
  it.each<[string, string]>([
    ['https://u.example/2025/03/01/a.png', 'image/png'],
    ['https://u.example/a.JPG', 'image/jpeg'],
    ['https://u.example/a.jpeg?w=100#x', 'image/jpeg'],
    ['a.webp', 'image/webp'],
    ['a.gif', 'image/gif'],
    ['clip.mp4', 'video/mp4'],
    ['clip.mov', 'video/quicktime'],
    ['https://u.example/no-extension', 'application/octet-stream'],
    ['https://u.example/dir.png/file', 'application/octet-stream'],
    ['notes.txt', 'application/octet-stream'],
  ])('mimeFromPath(%j) is %s', (path, mime) => {
    expect(mimeFromPath(path)).toBe(mime);
  });

  it('describeMedia prefers an explicit type and keeps a known size', () => {
    expect(describeMedia({ path: 'https://u.example/a.png' })).toEqual({ mime: 'image/png', path: 'https://u.example/a.png' });
    expect(describeMedia({ path: 'https://u.example/blob', mime: 'video/mp4', size: 10 })).toEqual({ mime: 'video/mp4', path: 'https://u.example/blob', size: 10 });
  });

  it.each<[string, string]>([
    ['image/jpeg', 'image'],
    ['IMAGE/PNG', 'image'],
    ['image/gif', 'gif'],
    ['video/mp4', 'video'],
    ['application/pdf', 'other'],
  ])('mediaKind(%s) is %s', (mime, kind) => {
    expect(mediaKind(mime)).toBe(kind);
  });

  it.each<[string, boolean]>([
    ['https://u.example/a.png', true],
    ['https://u.example/a.mp4?token=1', true],
    ['https://u.example/a.PNG', false],
    ['https://u.example/a.avif', false],
    ['https://u.example/a.png.txt', false],
    ['https://u.example/a.txt?file=.png', false],
  ])('hasAllowedMediaExtension(%j) is %p', (path, allowed) => {
    expect(hasAllowedMediaExtension(path)).toBe(allowed);
  });
});
