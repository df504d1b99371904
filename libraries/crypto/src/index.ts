export * from './api-key';
export * from './token-cipher';
export * from './signed-request';
export * from './one-time-token';
