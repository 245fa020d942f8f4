import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { startupCheck } from './auth/startup-check';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
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
  for (const warning of verdict.warnings) new Logger('Main').warn(warning);
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`listening on ${await app.getUrl()} (Swagger UI: /api/docs, data: ${config.DATA_DIR})`);
}

void main();
