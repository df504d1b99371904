// `@herald/shared/dto`: the post DTOs and their validation, the part of this package that needs class-validator and
// class-transformer (with libphonenumber-js, about 4 MB of heap). They are a subpath of their own, not in the main
// index, because their rules are registered when their modules are evaluated: a re-export from the index would load
// class-validator in every process that uses any export of @herald/shared, the idle cron included (docs/architecture.md
// §1, bench/README.md "Idle memory"). Only the API validates post bodies; the cron and the workers never load this entry.
export * from './post/dto/media.dto';
export * from './post/dto/provider-settings.dto';
export * from './post/dto/create-post.dto';
export * from './post/validate-create-post-body';
