export * from './post.types';
export * from './provider-settings.types';
export * from './post-list.types';
export * from './post-date';
export * from './content-policy';
export * from './validate-post-channels';
export * from './organizing-policy';
export * from './media-metadata';
