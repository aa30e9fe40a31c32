import type { ClientEvents } from 'discord.js';
import type { Logger } from 'pino';
import type { LiveIndex } from '../live-index.js';
import type { Router } from '../router.js';

/** What every gateway event handler gets besides the event's own arguments. */
export interface EventContext {
  logger: Logger;
  index: Pick<LiveIndex, 'current'>;
  route: Router;
}

/** One gateway event, one file (the discord.js guide layout). */
export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(ctx: EventContext, ...args: ClientEvents[K]): void | Promise<void>;
}

/** Keeps the link between `name` and the argument types of `execute`. */
export function defineEvent<K extends keyof ClientEvents>(event: BotEvent<K>): BotEvent<K> {
  return event;
}
