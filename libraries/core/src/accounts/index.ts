export * from './account-lifecycle';
