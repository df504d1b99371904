import { z } from 'zod';

export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(`${app}: invalid environment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment into a typed object, collecting every problem instead of stopping at the first. */
export function parseEnv<S extends z.ZodRawShape>(app: string, shape: S, env: Env = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return `${name} ${message}`;
  });
  throw new ConfigError(app, problems);
}

/** For app entry points: a bad environment stops the process with the full list of problems. */
export function parseEnvOrExit<S extends z.ZodRawShape>(app: string, shape: S, env: Env = process.env): z.infer<z.ZodObject<S>> {
  try {
    return parseEnv(app, shape, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw error;
  }
}
