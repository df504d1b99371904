export * from './api-key';
export * from './token-cipher';
