import { Events } from 'discord.js';
import { defineEvent } from './event.js';

/** A gateway connection closed for good (discord.js reconnects by itself otherwise). */
export default defineEvent({
  name: Events.ShardDisconnect,
  execute(ctx, event, shardId) {
    ctx.logger.warn({ shardId, code: event.code }, 'gateway disconnected');
  },
});
