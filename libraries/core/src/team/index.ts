export * from './invitations.use-case';
export * from './members.use-case';
export * from './password-reset.use-case';
