export * from './safe-http/address-policy';
export * from './safe-http/safe-request';
export * from './webhook-events';
export * from './webhook-signature';
export * from './emit-webhook-event';
export * from './deliver-webhook.use-case';
export * from './manage-webhooks.use-case';
