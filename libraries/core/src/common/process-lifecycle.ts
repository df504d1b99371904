import type { Logger } from './logger';

/**
 * Each app's entry point: `main` runs, and a failure to start is written to stderr (the logger may not exist yet)
 * with exit code 1.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

/**
 * SIGTERM or SIGINT closes the app once (a second signal while it drains changes nothing), then the process exits:
 * 0 when everything closed, 1 otherwise. `message` says what stopping means for this app.
 */
export function closeOnStopSignals(logger: Logger, message: string, close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
