import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CREATE_POST_VALIDATOR_OPTIONS } from '../validate-create-post-body';
import { CreatePostDto, PostChannelEntryDto, PostValueDto } from './create-post.dto';
import { MediaDto } from './media.dto';

describe('DTOs used directly, as Nest’s ValidationPipe does', () => {
  it('builds nested instances and validates them', () => {
    const dto = plainToInstance(CreatePostDto, {
      type: 'now',
      date: '2025-03-10T14:30:00Z',
      posts: [{ integration: { id: 'c' }, value: [{ content: 'hi', image: [{ path: 'https://u.example/a.txt' }] }] }],
    });
    expect(dto.posts[0]).toBeInstanceOf(PostChannelEntryDto);
    expect(dto.posts[0]?.value[0]).toBeInstanceOf(PostValueDto);
    expect(dto.posts[0]?.value[0]?.image?.[0]).toBeInstanceOf(MediaDto);
    const errors = validateSync(dto, CREATE_POST_VALIDATOR_OPTIONS);
    expect(errors.map((e) => e.property)).toEqual(['posts']);
  });
});
