export * from './email-alerts';
export * from './email-queue';
export * from './email-templates';
export * from './mailer';
export * from './send-email.use-case';
