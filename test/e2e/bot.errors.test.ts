/**
 * End to end: everything that goes wrong. The refusals of /study (DMs, inside a thread, a voice channel, a
 * missing permission, an unknown document), bad input (empty, whitespace, 500 characters, emoji and
 * right-to-left text, Markdown and @everyone), stale buttons, Discord failing under a handler (the apology),
 * and the cooldown. Commands are registered globally, as in production, so they exist in DMs too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Perm, type FakeDiscord, type RequestLogEntry } from '../fake-discord/index.js';
import {
  ask,
  click,
  expectNoErrors,
  expectNoMentions,
  freshUser,
  logLines,
  quotedBlocks,
  startWorld,
  visibleText,
  waitForLog,
  type World,
} from './helpers/harness.js';

let world: World;
let fake: FakeDiscord;
/** Error responses provoked on purpose (by failNext), left out of the final check. */
const provoked = new Set<number>();

beforeAll(async () => {
  world = await startWorld({ global: true });
  fake = world.fake;
});

afterAll(async () => {
  await world?.stop();
});

/** Runs `fn`, then marks every error response that happened meanwhile as provoked. */
async function provoking<T>(fn: () => Promise<T>): Promise<{ result: T; errors: RequestLogEntry[] }> {
  const from = fake.requests.length;
  const result = await fn();
  const errors = fake.requests.slice(from).filter((r) => r.status >= 400);
  for (const e of errors) provoked.add(e.seq);
  return { result, errors };
}

/** A /study refusal: answered at once (no deferral), privately, and no thread was created. */
async function expectStudyRefusal(injection: Parameters<typeof ask>[1]): Promise<string> {
  const threadsBefore = fake.threads().length;
  const { rec, msg } = await ask(fake, injection);
  expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
  expect(msg.meta.ephemeral).toBe(true);
  expect(fake.threads()).toHaveLength(threadsBefore);
  return msg.content;
}

const study = (document = 'territory') => ({
  name: 'study',
  subcommand: 'doc',
  options: { document },
});

describe('/study refusals (ephemeral, clear)', () => {
  it('in a DM: study threads live in a server (other commands work there)', async () => {
    const content = await expectStudyRefusal({ ...study(), dm: true, user: freshUser(fake) });
    expect(content).toBe('Study threads live in a server: run `/study` in a server channel, not in a DM.');
    const all = await expectStudyRefusal({
      name: 'study',
      subcommand: 'all',
      dm: true,
      user: freshUser(fake),
    });
    expect(all).toContain('not in a DM');

    const quote = await ask(fake, {
      name: 'quote',
      options: { topic: 'territory' },
      dm: true,
      user: freshUser(fake),
    });
    expect(quote.rec.ack).toMatchObject({ type: 4, ephemeral: false });
    expect(quote.msg.guild_id).toBeUndefined();
    expect(quotedBlocks(quote.msg).length).toBeGreaterThan(0);
  });

  it('inside a thread: points at the channel that holds it', async () => {
    const content = await expectStudyRefusal({
      ...study(),
      channelId: fake.guild.channels.thread,
      user: freshUser(fake),
    });
    expect(content).toBe(
      `You're inside a thread. Run \`/study\` in the channel that holds it <#${fake.guild.channels.text}>.`,
    );
  });

  it('in a voice channel: it cannot hold threads', async () => {
    const content = await expectStudyRefusal({
      ...study(),
      channelId: fake.guild.channels.voice,
      user: freshUser(fake),
    });
    expect(content).toBe(
      "Threads can't be opened in a voice channel. Run `/study` in a text, announcement or forum channel.",
    );
  });

  it.each([
    ['Create Public Threads', Perm.CreatePublicThreads],
    ['Send Messages in Threads', Perm.SendMessagesInThreads],
  ])('the bot lacking %s: the message names the permission', async (name, bit) => {
    const channel = fake.guild.channels.announcement;
    fake.withholdFromBot(channel, bit);
    try {
      const content = await expectStudyRefusal({ ...study(), channelId: channel, user: freshUser(fake) });
      expect(content).toBe(
        `I'm missing the **${name}** permission in this channel. Ask a moderator to grant it to Parley here, then try again.`,
      );
    } finally {
      fake.resetBotOverwrite(channel);
    }
  });

  it('the bot lacking both: both are named', async () => {
    const channel = fake.guild.channels.announcement;
    fake.withholdFromBot(channel, Perm.CreatePublicThreads | Perm.SendMessagesInThreads);
    try {
      const content = await expectStudyRefusal({
        name: 'study',
        subcommand: 'all',
        channelId: channel,
        user: fake.guild.users.moderator,
      });
      expect(content).toContain(
        "I'm missing the **Create Public Threads** and **Send Messages in Threads** permissions in this channel.",
      );
    } finally {
      fake.resetBotOverwrite(channel);
    }
  });

  it('an unknown document: says so, with the reading list or the nearest titles', async () => {
    const content = await expectStudyRefusal({
      ...study('The Art of War by Sun Tzu'),
      user: freshUser(fake),
    });
    expect(content).toMatch(/^No document in the reading list matches “The Art of War by Sun Tzu”\./u);
    expect(content).toMatch(/Did you mean \*\*.+\*\*|See `\/docs` for the reading list\./u);

    const quote = await ask(fake, {
      name: 'quote',
      options: { topic: 'war', document: 'zzzz qqqq' },
      user: freshUser(fake),
    });
    expect(quote.rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(quote.msg.content).toMatch(/^No document in the reading list matches “zzzz qqqq”\./u);
  });

  it('Discord refusing the thread after the checks passed (403): reported plainly, privately', async () => {
    const { result, errors } = await provoking(async () => {
      const i = fake.sendCommand({ ...study('putin does not want a deal'), user: freshUser(fake) });
      fake.failNext({
        method: 'POST',
        path: `/channels/${fake.guild.channels.text}/threads`,
        status: 403,
        body: { message: 'Missing Permissions', code: 50013 },
      });
      return i.response();
    });
    expect(errors.map((e) => e.status)).toEqual([403]);
    expect(result.ack?.ephemeral).toBe(true);
    expect(result.produced.at(-1)?.content).toMatch(
      /^I could not open a study thread for \*\*Putin does not want a deal.*\*\*: Discord says I lack a permission here/u,
    );
  });
});

describe('bad input', () => {
  it('an empty topic (a client that skips validation) gets a private hint, not an error', async () => {
    for (const name of ['quote', 'positions', 'contrast']) {
      const { rec, msg } = await ask(fake, {
        name,
        options: { topic: '' },
        validate: false,
        user: freshUser(fake),
      });
      expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
      expect(msg.content).toBe(`Give me a topic to look for, e.g. \`/${name} topic: security guarantees\`.`);
    }
  });

  it('a whitespace-only topic: the same hint', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'quote',
      options: { topic: '   \t  ' },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
    expect(msg.content).toMatch(/^Give me a topic to look for/u);
  });

  it('a 500-character topic (over the 200 the client enforces): refused privately, before any deferral', async () => {
    const topic = 'security guarantees '.repeat(25).trim();
    expect(topic.length).toBeGreaterThan(490);
    for (const name of ['quote', 'positions', 'contrast']) {
      const { rec, msg } = await ask(fake, {
        name,
        options: { topic },
        validate: false,
        user: freshUser(fake),
      });
      expect(rec.ack).toMatchObject({ type: 4, ephemeral: true });
      expect(msg.content).toBe(
        `That topic is ${topic.length} characters long; keep it to 200 or fewer (a few words work best).`,
      );
    }
  });

  it('a 200-character topic (the most allowed) is answered, its echo shortened in the title', async () => {
    const topic = 'territory '.repeat(20).trim().slice(0, 200);
    const { rec, msg } = await ask(fake, { name: 'quote', options: { topic }, user: freshUser(fake) });
    expect(rec.callbacks.map((c) => c.status)).toEqual([204]);
    const title = msg.embeds[0]!.title!;
    expect(title.startsWith('Quotes on “\u2068territory territory')).toBe(true);
    expect(title).toContain('…');
    expect([...title].length).toBeLessThanOrEqual(256);
  });

  it('emoji and right-to-left text: echoed intact, isolated so it cannot reorder the title', async () => {
    const topic = 'السلام 🕊️ peace שלום';
    for (const name of ['quote', 'positions']) {
      const { rec, msg } = await ask(fake, { name, options: { topic }, user: freshUser(fake) });
      expect(rec.callbacks.every((c) => c.status < 300)).toBe(true);
      const title = msg.embeds[0]!.title!;
      expect(title).toContain(`“\u2068${topic}\u2069”`);
    }
    const { msg } = await ask(fake, { name: 'quote', options: { topic }, user: freshUser(fake) });
    expect(quotedBlocks(msg).some((q) => /peace/iu.test(q))).toBe(true);
  });

  it('Markdown and mentions in the topic render literally, and nobody is pinged', async () => {
    const topic = '**bold** _peace_ @everyone @here <@123456789012345678> `code` ||spoiler||';
    for (const name of ['quote', 'positions', 'contrast']) {
      const { msg } = await ask(fake, { name, options: { topic }, user: freshUser(fake) });
      const title = msg.embeds[0]!.title!;
      expect(title).toContain('\\*\\*bold\\*\\*');
      expect(title).toContain('\\_peace\\_');
      expect(title).toContain('@\u200beveryone');
      expect(title).toContain('@\u200bhere');
      expect(title).toContain('<@\u200b123456789012345678>');
      expect(title).toContain('\\`code\\`');
      expect(title).toContain('\\|\\|spoiler\\|\\|');
      expect(title).not.toMatch(/(?<!\\)\*\*bold/u);
      expect(msg.mention_everyone).toBe(false);
      expect(msg.mentions).toEqual([]);
    }
    // A topic that matches nothing is echoed in the description too.
    const none = await ask(fake, {
      name: 'quote',
      options: { topic: '@everyone **xyzzyplugh**' },
      user: freshUser(fake),
    });
    expect(visibleText(none.msg)).toContain('@\u200beveryone \\*\\*xyzzyplugh\\*\\*');
    expect(fake.messagesThatMayPing()).toEqual([]);
  });

  it('after all of that, a normal /quote is still answered', async () => {
    const { rec, msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'security guarantees' },
      user: freshUser(fake),
    });
    expect(rec.ack).toMatchObject({ type: 4, ephemeral: false });
    expect(quotedBlocks(msg).length).toBe(5);
  });
});

describe('stale buttons and handler errors', () => {
  it('a button whose custom_id no longer parses (an older version, malformed) → "no longer works", privately', async () => {
    const { msg } = await ask(fake, {
      name: 'quote',
      options: { topic: 'territory' },
      user: freshUser(fake),
    });
    // A message posted by an older version of the bot carries custom_ids this one no longer reads. The
    // fake only lets users click components that are on the message, so these are sent as raw clicks.
    for (const customId of [
      'quote:page:0:5:5::territory', // another version
      'quote:page:1:five:5::territory', // malformed number
      'quote:ctx:1:1:2', // missing fields
      'poll:vote:1:3', // a command that does not exist
    ]) {
      const answer = await click(fake, msg, customId, { validate: false, user: freshUser(fake) });
      expect(answer.rec.ack).toMatchObject({ type: 4, ephemeral: true });
      expect(answer.msg.content).toBe(
        'This button is from an older answer that no longer works. Run the command again for fresh results.',
      );
    }
    expect(fake.world.messages.get(msg.id)?.embeds).toEqual(msg.embeds); // the answer is left alone
  });

  it('Discord failing under a handler (500 on thread creation): private apology quoting the interaction id, logged', async () => {
    const user = freshUser(fake);
    const { result, errors } = await provoking(async () => {
      const i = fake.sendCommand({ ...study('ripe for a negotiated settlement'), user });
      // discord.js retries a 5xx three times: fail all four attempts.
      fake.failNext({
        method: 'POST',
        path: `/channels/${fake.guild.channels.text}/threads`,
        status: 500,
        body: { message: '500: Internal Server Error', code: 0 },
        times: 4,
      });
      const rec = await i.response(15_000);
      return { i, rec };
    });
    expect(errors.map((e) => e.status)).toEqual([500, 500, 500, 500]);
    const { i, rec } = result;
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: true });
    const apology = rec.produced.at(-1)!;
    expect(apology.meta.ephemeral).toBe(true);
    expect(apology.content).toBe(
      `Sorry, something went wrong while answering that. If it keeps happening, give a moderator this reference: \`${i.id}\`.`,
    );
    const logged = await waitForLog(world.bot, 'interaction failed', (l) => l.interactionId === i.id);
    expect(logged).toMatchObject({
      level: 50,
      command: 'study doc',
      guild: fake.guild.id,
      interactionId: i.id,
      options: { doc: { document: 'ripe for a negotiated settlement' } },
    });
    expect(logged.err).toBeDefined();
  });

  it('…and after a public deferral the apology is still private: the "thinking" message is removed', async () => {
    const user = freshUser(fake);
    const { result, errors } = await provoking(async () => {
      const i = fake.sendCommand({ name: 'positions', options: { topic: 'territory' }, user });
      fake.failNext({
        method: 'PATCH',
        // discord.js sends `@original` percent-encoded.
        path: new RegExp(`^/webhooks/${fake.applicationId}/${i.token}/messages/(@|%40)original$`, 'u'),
        status: 503,
        body: { message: 'Service Unavailable', code: 0 },
        times: 4,
      });
      await fake.waitFor(() => fake.interaction(i.id)?.followUps.length, {
        timeoutMs: 10_000,
        description: 'the apology',
      });
      return { i, rec: fake.interaction(i.id)! };
    });
    expect(errors.map((e) => e.status)).toEqual([503, 503, 503, 503]);
    const { i, rec } = result;
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: false });
    expect(rec.original?.meta.deleted).toBe(true);
    expect(rec.followUps).toHaveLength(1);
    const apology = rec.followUps[0]!;
    expect(apology.meta.ephemeral).toBe(true);
    expect(apology.content).toContain(`give a moderator this reference: \`${i.id}\``);
    // Nothing from it is left in the channel for everyone to see.
    expect(
      fake.channelMessages(fake.guild.channels.text).some((m) => m.interaction_metadata?.id === i.id),
    ).toBe(false);
    const logged = await waitForLog(world.bot, 'interaction failed', (l) => l.interactionId === i.id);
    expect(logged).toMatchObject({ command: 'positions', options: { topic: 'territory' } });
  });

  it('the bot is still alive and answering', async () => {
    const { msg } = await ask(fake, { name: 'docs', user: freshUser(fake) });
    expect(msg.embeds[0]?.title).toBe('Reading list (5 documents)');
    expect(world.bot.running()).toBe(true);
    expect(logLines(world.bot, /uncaught|unhandled/u)).toEqual([]);
  });
});

describe('cooldown', () => {
  it('a second /quote within 3 s is refused privately, saying when to retry; other members are not affected', async () => {
    const user = freshUser(fake);
    const first = await ask(fake, { name: 'quote', options: { topic: 'territory' }, user });
    expect(first.rec.ack?.ephemeral).toBe(false);
    const sentAt = Date.now();
    const second = await ask(fake, { name: 'quote', options: { topic: 'peace' }, user });
    expect(second.rec.ack).toMatchObject({ type: 4, ephemeral: true });
    const m = /^Easy there: you can use `\/quote` again <t:(\d+):R> \(in ([1-3]) s\)\.$/u.exec(
      second.msg.content,
    );
    expect(m, second.msg.content).not.toBeNull();
    const retryAt = Number(m![1]) * 1000;
    expect(retryAt).toBeGreaterThan(sentAt - 1000);
    expect(retryAt).toBeLessThanOrEqual(sentAt + 4000);

    // Another member, or another command, is not held back.
    const other = await ask(fake, { name: 'quote', options: { topic: 'peace' }, user: freshUser(fake) });
    expect(other.rec.ack?.ephemeral).toBe(false);
    const docs = await ask(fake, { name: 'docs', user });
    expect(docs.msg.embeds[0]?.title).toBe('Reading list (5 documents)');
  });
});

describe('the whole run', () => {
  it('no REST errors besides the ones provoked, no bug in the fake, no message that could ping anyone', () => {
    expect(provoked.size).toBe(9);
    expectNoErrors(fake, provoked);
    expect(expectNoMentions(fake)).toBeGreaterThan(20);
  });
});
