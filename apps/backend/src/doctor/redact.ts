const SECRET_NAME = /SECRET|PASSWORD|TOKEN|(^|_)KEYS?($|_)/;
const URL_WITH_CREDENTIALS = /^(DATABASE_URL|REDIS_URL|EMAIL_SMTP_URL)$/;
// Short values (a "1", a port) would redact ordinary words; real secrets are longer.
const MIN_LENGTH = 6;

/** Every value in the environment that must never reach the terminal. */
export function secretsIn(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_NAME.test(name)) {
      for (const part of value.split(',')) if (part.trim().length >= MIN_LENGTH) secrets.add(part.trim());
      if (value.length >= MIN_LENGTH) secrets.add(value);
    }
    if (URL_WITH_CREDENTIALS.test(name)) {
      try {
        const parsed = new URL(value);
        for (const part of [decodeURIComponent(parsed.password), parsed.password]) if (part.length >= MIN_LENGTH) secrets.add(part);
      } catch {
        // An unparsable URL is reported by the environment check; there is no password to pull out.
      }
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

export function createRedactor(secrets: readonly string[]): (text: string) => string {
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
