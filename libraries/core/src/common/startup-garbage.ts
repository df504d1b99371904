import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Two full garbage collections some seconds after the API started. Start-up (Nest scanning its modules, building
 * its routes and metadata) leaves much garbage in the old generation, and an idle API allocates too little for V8 to
 * ever run a full collection: measured, the idle backend held about 20 MB more without it (148–151 against
 * 126–131 MB RSS, bench/README.md, "Idle memory"). The collector is reached without `--expose-gc` on the command
 * line: the flag set at run time installs `gc` in new contexts only, so the process's own global is unchanged.
 * Returns a function that cancels it (on shutdown).
 */
export function collectStartupGarbage(delayMs = 10_000): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') return () => undefined;
  const timer = setTimeout(() => {
    gc();
    gc();
  }, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
}
