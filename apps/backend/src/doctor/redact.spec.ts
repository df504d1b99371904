import { createRedactor, secretsIn } from './redact';

describe('redaction', () => {
  const env = {
    X_API_KEY: 'consumer-key-123',
    X_API_SECRET: 'consumer-secret-456',
    FACEBOOK_APP_ID: '990000000000201',
    JWT_SECRET: 'j'.repeat(32),
    ENCRYPTION_KEYS_PREVIOUS: 'old-key-number-one, old-key-number-two',
    DATABASE_URL: 'postgres://herald:p%40ssword-9@db:5432/herald',
    REDIS_URL: 'redis://:redis-pass-1@cache:6379',
    PORT: '3000',
  };
  const redact = createRedactor(secretsIn(env));

  it('hides every secret value, passwords inside URLs included', () => {
    const line = `consumer-key-123 consumer-secret-456 ${'j'.repeat(32)} old-key-number-two p@ssword-9 p%40ssword-9 redis-pass-1`;
    expect(redact(line)).toBe(Array(7).fill('[redacted]').join(' '));
  });

  it('keeps public values such as an app id or a port', () => {
    expect(redact('app 990000000000201 on port 3000')).toBe('app 990000000000201 on port 3000');
  });
});
