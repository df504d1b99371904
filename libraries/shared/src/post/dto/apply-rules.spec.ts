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

describe('registering the DTO rules', () => {
  const reflect = Reflect as unknown as Record<string, unknown>;
  const original = reflect['getMetadata'];

  afterEach(() => {
    if (original === undefined) delete reflect['getMetadata'];
    else reflect['getMetadata'] = original;
  });

  it('uses an existing Reflect.getMetadata (Nest loads reflect-metadata) and leaves it in place', () => {
    const getMetadata = jest.fn(() => undefined);
    reflect['getMetadata'] = getMetadata;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./create-post.dto');
    });
    expect(getMetadata).toHaveBeenCalled();
    expect(reflect['getMetadata']).toBe(getMetadata);
  });

  it('defines no Reflect.getMetadata of its own when none is loaded (browsers)', () => {
    delete reflect['getMetadata'];
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('./create-post.dto');
    });
    expect(reflect['getMetadata']).toBeUndefined();
  });
});
