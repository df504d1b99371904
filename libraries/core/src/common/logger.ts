import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

// Every key that may carry a secret, wherever it sits in a logged object.
const SECRET_KEYS = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'oauth_token_secret',
  'oauthTokenSecret',
  'tokenSecret',
  'secret',
  'apiKey',
  'apiSecret',
  'appSecret',
  'client_secret',
  'authorization',
  'cookie',
  'set-cookie',
  'signed_request',
];

export const redactPaths = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`)].map((p) =>
  p.includes('-') ? p.replace(/(^|\.)([^.]*-[^.]*)$/, '$1["$2"]') : p,
);

export function createLogger(app: string, level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: app,
      level,
      base: { app },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
