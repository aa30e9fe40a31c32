import { Events } from 'discord.js';
import { defineEvent } from './event.js';

/** Every interaction (commands, buttons, autocomplete) goes to the router, which never throws. */
export default defineEvent({
  name: Events.InteractionCreate,
  execute(ctx, interaction) {
    return ctx.route(interaction);
  },
});
