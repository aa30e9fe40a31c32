import type { ClientEvents } from 'discord.js';
import type { BotEvent } from './event.js';
import error from './error.js';
import interactionCreate from './interaction-create.js';
import ready from './ready.js';
import shardDisconnect from './shard-disconnect.js';
import warn from './warn.js';

export type AnyBotEvent = { [K in keyof ClientEvents]: BotEvent<K> }[keyof ClientEvents];

/** Every gateway event the bot listens to. */
export const events: readonly AnyBotEvent[] = [ready, interactionCreate, error, warn, shardDisconnect];
