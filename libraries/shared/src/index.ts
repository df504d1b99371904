export * from './catalogue';
export * from './errors';
export * from './validation';
export * from './post';
export * from './planning';
export * from './navigation';
export * from './analytics';
