// The main index of @herald/shared must not load class-validator or class-transformer: the idle cron and the workers
// use the index, and only `@herald/shared/dto` (src/dto.ts) may register the DTOs' rules (docs/architecture.md §1).

const LOADED = 'loaded';

function withValidationLibrariesForbidden(load: () => Record<string, unknown>): () => void {
  return () => {
    jest.isolateModules(() => {
      jest.doMock('class-validator', () => {
        throw new Error(`class-validator ${LOADED}`);
      });
      jest.doMock('class-transformer', () => {
        throw new Error(`class-transformer ${LOADED}`);
      });
      const entry = load();
      // Imports of packages are lazy (.swcrc.json `module.lazy`): reading every export evaluates what it needs.
      for (const name of Object.keys(entry)) void entry[name];
    });
  };
}

describe('@herald/shared entries', () => {
  afterEach(() => {
    jest.dontMock('class-validator');
    jest.dontMock('class-transformer');
  });

  it('the main index loads neither class-validator nor class-transformer', () => {
    expect(withValidationLibrariesForbidden(() => jest.requireActual<Record<string, unknown>>('./index'))).not.toThrow();
  });

  it('the index no longer exports the DTOs, and /dto does', () => {
    const index = jest.requireActual<Record<string, unknown>>('./index');
    const dto = jest.requireActual<Record<string, unknown>>('./dto');
    expect(index['validateCreatePostBody']).toBeUndefined();
    expect(index['CreatePostDto']).toBeUndefined();
    expect(typeof dto['validateCreatePostBody']).toBe('function');
    expect(typeof dto['CreatePostDto']).toBe('function');
  });

  it('/dto registers its rules with class-validator when it is loaded (the check above would see it)', () => {
    expect(withValidationLibrariesForbidden(() => jest.requireActual<Record<string, unknown>>('./dto'))).toThrow(LOADED);
  });
});
