export * from './rotate-secrets';
