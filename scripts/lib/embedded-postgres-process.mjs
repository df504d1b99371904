// Runs an embedded Postgres in its own process, started detached by toolbox.startPostgresProcess: a Ctrl-C in
// the terminal reaches the launcher and the apps, not this process, so the database stops last, when the
// launcher says so (IPC "stop") or when the launcher goes away (IPC disconnect).
import { startEmbeddedPostgres } from './toolbox.mjs';

const [dir, port] = process.argv.slice(2);
const pg = await startEmbeddedPostgres(dir, Number(port));
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  pg.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('message', (message) => message === 'stop' && stop());
process.on('disconnect', stop);
process.send?.({ ready: true, url: pg.url });
