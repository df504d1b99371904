export * from './safe-next-path';
