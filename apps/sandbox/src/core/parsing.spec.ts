import { parseFields } from '../graph/graph-fields';
import { parseBody } from './body';
import { minimalJpeg, sniffMedia } from './media-sniff';

describe('Graph field expressions', () => {
  it('parses modifiers and nested fields', () => {
    expect(parseFields('id,picture.type(large),instagram_business_account{id,username}')).toEqual([
      { name: 'id', modifiers: {}, sub: [] },
      { name: 'picture', modifiers: { type: 'large' }, sub: [] },
      { name: 'instagram_business_account', modifiers: {}, sub: [{ name: 'id', modifiers: {}, sub: [] }, { name: 'username', modifiers: {}, sub: [] }] },
    ]);
  });

  it('rejects malformed expressions', () => {
    expect(parseFields('id,{name}')).toBeUndefined();
    expect(parseFields('picture{url')).toBeUndefined();
  });
});

describe('request bodies', () => {
  it('parses multipart parts, keeping binary data intact', () => {
    const bin = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
    const raw = Buffer.concat([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="segment_index"\r\n\r\n3\r\n--b\r\nContent-Disposition: form-data; name="media"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      bin,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const parsed = parseBody('multipart/form-data; boundary=b', raw);
    expect(parsed.multipart.map((p) => p.name)).toEqual(['segment_index', 'media']);
    expect(parsed.multipart[1]?.data.equals(bin)).toBe(true);
  });

  it('flags invalid JSON instead of throwing', () => {
    expect(parseBody('application/json', Buffer.from('{nope')).jsonInvalid).toBe(true);
  });
});

describe('media sniffing', () => {
  it('reads JPEG dimensions from the SOF marker', () => {
    expect(sniffMedia(minimalJpeg(1080, 1350))).toEqual({ format: 'jpeg', width: 1080, height: 1350 });
  });
});
