export * from './common/app-error';
export * from './common/logger';
export * from './common/redis';
export * from './providers/provider-registry.factory';
export * from './channels';
export * from './posts';
export * from './publishing';
export * from './accounts';
