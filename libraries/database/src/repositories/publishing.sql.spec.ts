import { plainArray } from './publishing.sql';

describe('plainArray', () => {
  it('writes ids and versions as one Postgres array literal', () => {
    expect(plainArray(['3f2b1c4e-0000-4000-8000-00000000000a', '12345'])).toBe('{3f2b1c4e-0000-4000-8000-00000000000a,12345}');
    expect(plainArray([])).toBe('{}');
  });

  it('leaves anything that would need quoting to pg, untouched', () => {
    const values = ['a,b', 'ok'];
    expect(plainArray(values)).toBe(values);
    expect(plainArray(['"x"'])).toEqual(['"x"']);
    expect(plainArray(['NULL '])).toEqual(['NULL ']);
    expect(plainArray(['a', 'null'])).toEqual(['a', 'null']);
    expect(plainArray(['Null'])).toEqual(['Null']);
  });
});
