import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { addressWarning, ConfigError, loadConfig, loadDotEnv } from './config';
import { NewerDatabaseError } from './platform/migrations';
import { announceServer } from './platform/server-presence';

async function main() {
  loadDotEnv();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let app;
  try {
    app = await buildApp({ config });
  } catch (err) {
    if (err instanceof NewerDatabaseError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // While it runs, a restore refuses to replace its database (npm run restore).
  const leave = announceServer(config.databasePath);
  app.addHook('onClose', async () => leave());
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database, exit 0.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  app.services.notices.start(app.log);
  app.services.backups.start(app.log);
  const warning = addressWarning(config);
  if (warning) app.log.warn(warning);
}

void main();
