import { toPublicPostState, POST_STATES } from './post-list.types';
import { normalizePostType } from './post.types';

describe('normalizePostType', () => {
  it.each<[unknown, string]>([
    ['draft', 'draft'],
    ['schedule', 'schedule'],
    ['now', 'now'],
    ['update', 'update'],
    [undefined, 'schedule'],
    ['DRAFT', 'schedule'],
    [1, 'schedule'],
  ])('%p → %s', (raw, expected) => {
    expect(normalizePostType(raw)).toBe(expected);
  });
});

describe('toPublicPostState', () => {
  it.each<[string, string]>([
    ['DRAFT', 'DRAFT'],
    ['QUEUE', 'QUEUE'],
    ['PUBLISHING', 'QUEUE'],
    ['UNCONFIRMED', 'QUEUE'],
    ['PUBLISHED', 'PUBLISHED'],
    ['ERROR', 'ERROR'],
    ['CANCELLED', 'ERROR'],
  ])('%s → %s', (state, expected) => {
    expect(toPublicPostState(state as (typeof POST_STATES)[number])).toBe(expected);
  });

  it('covers every Herald state', () => {
    for (const state of POST_STATES) expect(['DRAFT', 'QUEUE', 'PUBLISHED', 'ERROR']).toContain(toPublicPostState(state));
  });
});
