// Injection tokens for the adapters every module shares. Services depend on these, never on globals.
export const CONFIG = Symbol('CONFIG');
export const DATABASE = Symbol('DATABASE');
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const TOKEN_CIPHER = Symbol('TOKEN_CIPHER');
export const CLOCK = Symbol('CLOCK');
export const PROVIDERS = Symbol('PROVIDERS');
/** The email queue (`EmailJobs`), or null when email is not configured. */
export const EMAIL_JOBS = Symbol('EMAIL_JOBS');

export interface Clock {
  now(): Date;
}
