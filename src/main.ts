import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { startupCheck } from './auth/startup-check';
import { ConfigError, loadConfig } from './config/app-config';
import { stopOnSignals } from './lifecycle/stop-on-signals';
import { PinoNestLogger } from './logging/nest-logger';
import { createRootLogger, loggerSettings } from './logging/root-logger';
import { CorruptStoreError } from './store/json-store';

async function main(): Promise<void> {
  // A .env file in the working folder sets variables the environment does not.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  let verdict;
  try {
    config = loadConfig();
    verdict = startupCheck(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  if (verdict.refusal) {
    console.error(verdict.refusal);
    process.exit(3);
  }
  const logger = createRootLogger(loggerSettings(config.LOG_LEVEL));
  Logger.overrideLogger(new PinoNestLogger(logger));
  for (const warning of verdict.warnings) new Logger('Main').warn(warning);
  const app = await createApp(config, logger);
  stopOnSignals(app, config.SHUTDOWN_GRACE_SECONDS, logger);
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`listening on ${await app.getUrl()} (Swagger UI: /api/docs, data: ${config.DATA_DIR})`);
}

main().catch((e) => {
  // A durable file the service cannot read: say which and stop, never start empty.
  if (e instanceof CorruptStoreError) console.error(`Cannot start: ${e.message}`);
  else console.error(e);
  process.exit(1);
});
