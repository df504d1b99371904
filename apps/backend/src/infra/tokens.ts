// Injection tokens for the adapters every module shares. Services depend on these, never on globals.
export const CONFIG = Symbol('CONFIG');
export const DATABASE = Symbol('DATABASE');
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const TOKEN_CIPHER = Symbol('TOKEN_CIPHER');
export const CLOCK = Symbol('CLOCK');
export const PROVIDERS = Symbol('PROVIDERS');

export interface Clock {
  now(): Date;
}
