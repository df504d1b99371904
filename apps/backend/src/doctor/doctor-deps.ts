import type { BackendConfig, EmailSettings } from '@herald/config';
import type { ProviderRegistry } from '@herald/providers';

export interface HttpAnswer {
  status: number;
  /** The `Date` response header, when the server sent one. */
  date?: string;
  /** At most the first few kilobytes, for reading `/health`. */
  body: string;
}

/** Every side effect doctor has, so each check can be tested with stand-ins. */
export interface DoctorDeps {
  /** Connects to Postgres and lists unapplied migrations; throws when Postgres cannot be reached. */
  pendingMigrations(databaseUrl: string): Promise<string[]>;
  /** Connects, PINGs and disconnects; throws when Redis cannot be reached. */
  pingRedis(redisUrl: string): Promise<void>;
  /** One GET with a short timeout and no redirects followed; throws when nothing answers. */
  httpGet(url: string): Promise<HttpAnswer>;
  /** The configured providers, built from the validated config. */
  providers(config: BackendConfig): ProviderRegistry;
  /** Connects to the SMTP server and logs in, sending nothing; throws what went wrong. */
  verifySmtp(settings: EmailSettings): Promise<void>;
  /** Milliseconds since the epoch. */
  now(): number;
}
