import { Events } from 'discord.js';
import { defineEvent } from './event.js';

/** A client error (an 'error' event with no listener would crash the process): log it and carry on. */
export default defineEvent({
  name: Events.Error,
  execute(ctx, error) {
    ctx.logger.error({ err: error }, 'client error');
  },
});
