import { inspectBody } from './input-shape.middleware';

describe('inspectBody', () => {
  it('lets an ordinary post body through', () => {
    expect(inspectBody({ type: 'schedule', posts: [{ integration: { id: 'a' }, value: [{ content: 'hi', image: [{ path: 'p' }] }] }] })).toBeUndefined();
  });

  it('refuses nesting deeper than the bound, without recursing', () => {
    const deep = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`) as unknown;
    expect(inspectBody(deep)).toEqual(expect.objectContaining({ code: 'body_too_deep' }));
    expect(inspectBody({ a: { b: { c: 1 } } }, 3)).toBeUndefined();
    expect(inspectBody({ a: { b: { c: {} } } }, 3)).toEqual(expect.objectContaining({ code: 'body_too_deep' }));
  });

  it('refuses a NUL character in a value or a key', () => {
    expect(inspectBody({ posts: [{ value: [{ content: 'a\u0000b' }] }] })).toEqual(expect.objectContaining({ code: 'invalid_text' }));
    expect(inspectBody({ ['k\u0000']: 1 })).toEqual(expect.objectContaining({ code: 'invalid_text' }));
  });
});
