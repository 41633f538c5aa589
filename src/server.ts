import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { addressWarning, ConfigError, loadConfig, loadDotEnv } from './config';
import { NewerDatabaseError } from './platform/migrations';
import { announceServer } from './platform/server-presence';

/**
 * A mistake only a person can fix (a bad setting, a database a newer release wrote): said in
 * one line, and exit 78 (EX_CONFIG), which the systemd unit does not restart on
 * (RestartPreventExitStatus): starting again would only fail again.
 */
const EXIT_CONFIG = 78;

async function main() {
  loadDotEnv();
  let config;
  let app;
  let leave = () => {};
  try {
    config = loadConfig(process.env);
    // Before the SQLite file is opened (and migrated): a restore refuses to replace it from here on.
    if (!config.databaseUrl) leave = announceServer(config.databasePath);
    app = await buildApp({ config });
  } catch (err) {
    leave();
    if (err instanceof ConfigError || err instanceof NewerDatabaseError) {
      console.error(err.message);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
  app.addHook('onClose', async () => leave());
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database, exit 0.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  app.tenancy.start(app.log);
  const warning = addressWarning(config);
  if (warning) app.log.warn(warning);
}

void main();
