import { Events } from 'discord.js';
import { defineEvent } from './event.js';

/** Logged once the gateway session is up: one `ready` line with what is being served. */
export default defineEvent({
  name: Events.ClientReady,
  once: true,
  execute(ctx, client) {
    const { corpus } = ctx.index.current;
    ctx.logger.info(
      {
        user: client.user.tag,
        guilds: client.guilds.cache.size,
        shards: client.shard?.ids ?? [0],
        documents: corpus.documents.length,
        passages: corpus.sentenceCount,
      },
      'ready',
    );
  },
});
