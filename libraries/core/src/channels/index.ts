export * from './channel-tokens';
export * from './channel-token-manager';
export * from './connect-channel';
export * from './manage-channel';
export * from './oauth-state.store';
export * from './provider-errors';
export * from './meta-callbacks';
