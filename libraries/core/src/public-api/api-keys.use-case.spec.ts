import { credentialOf } from './api-keys.use-case';

describe('credentialOf (the Authorization header)', () => {
  it.each<[string | undefined, ReturnType<typeof credentialOf>]>([
    [undefined, { kind: 'none' }],
    ['', { kind: 'none' }],
    ['   ', { kind: 'none' }],
    ['Bearer ', { kind: 'none' }],
    ['hrld_abc', { kind: 'key', key: 'hrld_abc' }],
    ['Bearer hrld_abc', { kind: 'key', key: 'hrld_abc' }],
    ['bearer   hrld_abc', { kind: 'key', key: 'hrld_abc' }],
    ['3f1e9c0b7a', { kind: 'key', key: '3f1e9c0b7a' }],
    ['pos_abcdef', { kind: 'oauth' }],
  ])('%p → %p', (header, expected) => {
    expect(credentialOf(header)).toEqual(expected);
  });
});
