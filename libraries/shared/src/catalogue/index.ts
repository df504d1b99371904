export * from './platform-limits';
export * from './platforms';
export * from './redirect-uri';
