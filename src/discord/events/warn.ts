import { Events } from 'discord.js';
import { defineEvent } from './event.js';

export default defineEvent({
  name: Events.Warn,
  execute(ctx, message) {
    ctx.logger.warn({ detail: message }, 'client warning');
  },
});
