export * from './manage-organizing.use-case';
