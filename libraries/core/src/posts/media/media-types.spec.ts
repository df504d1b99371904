import { sniffMediaType } from './media-types';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffMediaType', () => {
  it.each<[string, Buffer, string | undefined]>([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF\0\x01\x01\0\0\x01'), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '\0\0\0\rIHDR'), 'image/png'],
    ['GIF89a', bytes('GIF89a\x01\0\x01\0\0\0\0\0\0\0'), 'image/gif'],
    ['GIF87a', bytes('GIF87a\x01\0\x01\0\0\0\0\0\0\0'), 'image/gif'],
    ['WebP', bytes('RIFF\x24\0\0\0WEBPVP8 '), 'image/webp'],
    ['MP4 (isom)', bytes('\0\0\0\x20ftypisom\0\0\x02\0'), 'video/mp4'],
    ['MP4 (mp42)', bytes('\0\0\0\x18ftypmp42\0\0\0\0'), 'video/mp4'],
    ['QuickTime', bytes('\0\0\0\x14ftypqt  \0\0\0\0'), undefined],
    ['WAV (RIFF but not WebP)', bytes('RIFF\x24\0\0\0WAVEfmt '), undefined],
    ['text', bytes('hello, this is not an image'), undefined],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), undefined],
    ['empty', Buffer.alloc(0), undefined],
  ])('%s', (_name, head, mime) => {
    expect(sniffMediaType(head)?.mime).toBe(mime);
  });
});
