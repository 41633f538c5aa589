import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { addressWarning, ConfigError, loadConfig, loadDotEnv } from './config';

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
  const app = await buildApp({ config });
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the database, exit 0.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: config.port, host: config.host });
  app.services.notices.start(app.log);
  const warning = addressWarning(config);
  if (warning) app.log.warn(warning);
}

void main();
