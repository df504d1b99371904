export * from './platform-limits';
export * from './platforms';
