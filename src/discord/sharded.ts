/**
 * `npm run start:sharded`: discord.js's ShardingManager running start.ts once per shard. The shard count comes
 * from GET /gateway/bot through our own REST client, so DISCORD_API_URL is honoured (`totalShards: 'auto'`
 * would ask discord.com directly). The bot keeps no state that shards need to share: button state lives in
 * custom_ids, cooldowns and thread locks are per guild, and a guild lives on one shard.
 */
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { checkCorpusDir, configOrExit, restOptions } from './config.js';
import { createLogger, flushLogger } from './logger.js';

async function main(): Promise<void> {
  const config = configOrExit(checkCorpusDir);
  const logger = createLogger(config.logLevel);

  let totalShards: number;
  try {
    const rest = new REST(restOptions(config)).setToken(config.token);
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    totalShards = Math.max(1, gateway.shards);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.fatal(
      { err },
      `could not get the shard count: ${message} (check DISCORD_TOKEN and DISCORD_API_URL)`,
    );
    await flushLogger(logger);
    process.exit(1);
  }

  const manager = new ShardingManager(fileURLToPath(new URL('./start.ts', import.meta.url)), {
    token: config.token,
    totalShards,
    respawn: true,
    // Each shard is a plain node process: give it the TypeScript loader the manager itself runs under.
    execArgv: ['--import', 'tsx'],
  });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, totalShards }, 'shard launched');
    shard.on('death', () => {
      if (!stopping) logger.warn({ shard: shard.id }, 'shard process exited; respawning');
    });
  });

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping shards');
    await stopShards(manager);
    logger.info('stopped');
    await flushLogger(logger);
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));

  try {
    await manager.spawn({ timeout: 120_000 });
  } catch (err) {
    logger.fatal({ err }, 'shards failed to start');
    stopping = true;
    await stopShards(manager);
    await flushLogger(logger);
    process.exit(1);
  }
}

/** SIGTERM every shard (each shuts itself down cleanly, see start.ts) and wait for them, 10 s at most. */
async function stopShards(manager: ShardingManager): Promise<void> {
  const exits = [...manager.shards.values()].map((shard) => {
    const child = shard.process;
    shard.kill();
    if (!child || child.exitCode !== null) return Promise.resolve();
    return Promise.race([once(child, 'exit'), delay(10_000)]);
  });
  await Promise.all(exits);
}

void main();
