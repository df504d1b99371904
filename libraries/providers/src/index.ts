export * from './contracts/provider.types';
export * from './contracts/provider-error';
export * from './contracts/provider-metadata';
export * from './contracts/provider-config';
export * from './contracts/provider-registry';
export { createProviders, PLATFORM_DEFAULT_URLS } from './create-providers';
export { describeConnectError, type ConnectErrorContext } from './describe-connect-error';
export { instagramSettingsSchema, type InstagramSettings } from './meta-common/instagram.settings';
export { xSettingsSchema, type XSettings } from './x/x.schemas';
