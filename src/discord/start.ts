/**
 * Production entry (`npm start`): configuration → corpus → index (watched for changes) → Discord login.
 * SIGINT / SIGTERM destroy the client (closing the gateway cleanly), flush the logs and exit 0. An unhandled
 * rejection is logged and never crashes the bot. Also the per-shard process under `npm run start:sharded`.
 */
import { commands } from '../../commands/index.js';
import { createClient } from './client.js';
import { checkCorpusDir, configOrExit } from './config.js';
import { LiveIndex } from './live-index.js';
import { createLogger, flushLogger } from './logger.js';

async function main(): Promise<void> {
  const config = configOrExit(checkCorpusDir);
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    void flushLogger(logger).then(() => process.exit(1));
  });

  const live = await LiveIndex.open({ dir: config.corpusDir, logger });
  live.watch();
  const client = createClient(config, { logger, index: live, commands });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    live.close();
    try {
      await client.destroy();
    } catch (err) {
      logger.warn({ err }, 'client did not close cleanly');
    }
    logger.info('stopped');
    await flushLogger(logger);
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    await client.login(config.token);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.fatal({ err }, `login failed: ${message} (check DISCORD_TOKEN and DISCORD_API_URL)`);
    live.close();
    await client.destroy().catch(() => undefined);
    await flushLogger(logger);
    process.exit(1);
  }
}

void main();
