export * from './plain-text';
export * from './media';
export * from './counting';
export * from './instagram-caption';
export * from './post-issue';
export { instagramPostType } from './instagram.rules';
export { facebookPostType } from './facebook.rules';
export * from './validate-post';
export * from './media-fit';
