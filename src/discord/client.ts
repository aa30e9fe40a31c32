/**
 * The discord.js client: only the Guilds intent (slash commands, buttons and autocomplete arrive as
 * interactions; channels and threads come with it), mentions off by default, REST pointed at
 * DISCORD_API_URL when set, and one handler per gateway event from ./events.
 */
import { Client, GatewayIntentBits, type ClientEvents } from 'discord.js';
import type { Logger } from 'pino';
import type { Command } from './command.js';
import { restOptions, type Config } from './config.js';
import type { BotEvent, EventContext } from './events/event.js';
import { events } from './events/index.js';
import type { LiveIndex } from './live-index.js';
import { NO_MENTIONS } from './respond.js';
import { createRouter } from './router.js';

export interface ClientDeps {
  logger: Logger;
  index: Pick<LiveIndex, 'current'>;
  commands: readonly Command[];
}

export function createClient(config: Pick<Config, 'apiUrl'>, deps: ClientDeps): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: restOptions(config),
  });
  const ctx: EventContext = {
    logger: deps.logger,
    index: deps.index,
    route: createRouter({ commands: deps.commands, index: deps.index, logger: deps.logger }),
  };
  for (const event of events) register(client, event as BotEvent, ctx);
  return client;
}

function register<K extends keyof ClientEvents>(client: Client, event: BotEvent<K>, ctx: EventContext): void {
  const listener = (...args: ClientEvents[K]): void => {
    Promise.resolve()
      .then(() => event.execute(ctx, ...args))
      .catch((err: unknown) => ctx.logger.error({ err, event: event.name }, 'event handler failed'));
  };
  if (event.once) client.once(event.name, listener);
  else client.on(event.name, listener);
}
