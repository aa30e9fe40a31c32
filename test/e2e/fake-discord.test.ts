/**
 * Self-test of the fake Discord with a plain discord.js Client, in-process: the fake must be
 * something the real library logs in to and talks to without noticing, and it must refuse what
 * Discord refuses.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
  type AnyThreadChannel,
  type ForumChannel,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, FakeDiscord, Intent, Perm, componentsOf, startBot } from '../fake-discord/index.js';

let fake: FakeDiscord;
let client: Client;
let rest: REST;

/** The next interaction the client receives is handled by `fn`; resolves with its result (or its error). */
let pending: ((i: Interaction) => Promise<void>) | undefined;
function handleNext<T>(fn: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    pending = async (i) => {
      try {
        resolve(await fn(i));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
  });
}

async function apiError(p: Promise<unknown>): Promise<DiscordAPIError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DiscordAPIError) return e;
    throw e;
  }
  throw new Error('expected a DiscordAPIError, but the request succeeded');
}

const quote = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Find verbatim quotes on a topic')
  .addStringOption((o) =>
    o.setName('topic').setDescription('What to look for').setRequired(true).setAutocomplete(true),
  )
  .addIntegerOption((o) => o.setName('limit').setDescription('How many').setMinValue(1).setMaxValue(10))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));
const study = new SlashCommandBuilder()
  .setName('study')
  .setDescription('Open a study thread')
  .addSubcommand((s) =>
    s
      .setName('document')
      .setDescription('One document')
      .addStringOption((o) => o.setName('document').setDescription('Which').setRequired(true)),
  )
  .addSubcommand((s) => s.setName('all').setDescription('Every document'));
const help = new SlashCommandBuilder().setName('help').setDescription('How to use Parley');

beforeAll(async () => {
  fake = await FakeDiscord.start();
  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: fake.apiUrl },
    allowedMentions: { parse: [] },
  });
  client.on(Events.InteractionCreate, (i) => {
    const fn = pending;
    pending = undefined;
    void fn?.(i);
  });
  rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

describe('fake Discord with a real discord.js client', () => {
  it('logs in: READY, then the guild with every channel kind, roles and the bot member', async () => {
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.available).toBe(true);
    const ch = fake.guild.channels;
    expect(guild!.channels.cache.get(ch.text)?.type).toBe(ChannelType.GuildText);
    expect(guild!.channels.cache.get(ch.forum)?.type).toBe(ChannelType.GuildForum);
    expect(guild!.channels.cache.get(ch.voice)?.type).toBe(ChannelType.GuildVoice);
    expect(guild!.channels.cache.get(ch.announcement)?.type).toBe(ChannelType.GuildAnnouncement);
    expect(client.channels.cache.get(ch.thread)?.type).toBe(ChannelType.PublicThread);
    expect(guild!.members.me?.id).toBe(client.user!.id);
    expect(guild!.roles.everyone.id).toBe(guild!.id);
    expect(client.user!.bot).toBe(true);
    expect(client.application?.id).toBe(fake.applicationId);
    const session = [...fake.gateway.sessions.values()][0]!;
    expect(session.intents).toBe(Intent.Guilds);
    expect(fake.requests.some((r) => r.route === 'GET /gateway/bot' && r.status === 200)).toBe(true);
  });

  it('registers commands, and rejects invalid ones with 400 50035', async () => {
    const guildRoute = Routes.applicationGuildCommands(fake.applicationId, fake.guild.id);
    const stored = (await rest.put(guildRoute, { body: [quote.toJSON(), study.toJSON()] })) as {
      id: string;
      name: string;
    }[];
    expect(stored.map((c) => c.name)).toEqual(['quote', 'study']);
    await rest.put(Routes.applicationCommands(fake.applicationId), { body: [help.toJSON()] });
    expect(
      fake
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['help', 'quote', 'study']);
    // Re-registering keeps the ids, as Discord does.
    const again = (await rest.put(guildRoute, { body: [quote.toJSON(), study.toJSON()] })) as {
      id: string;
    }[];
    expect(again.map((c) => c.id)).toEqual(stored.map((c) => c.id));

    const bad = [
      { name: 'Quote', description: 'uppercase name' },
      {
        name: 'order',
        description: 'required after optional',
        options: [
          { type: 3, name: 'a', description: 'optional' },
          { type: 3, name: 'b', description: 'required', required: true },
        ],
      },
      { name: 'long', description: 'd'.repeat(101) },
      {
        name: 'many',
        description: 'choices',
        options: [
          {
            type: 3,
            name: 'c',
            description: 'c',
            choices: Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })),
          },
        ],
      },
    ];
    const err = await apiError(rest.put(guildRoute, { body: bad }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(50035);
    expect(err.message).toContain('0.name[APPLICATION_COMMAND_INVALID_NAME]');
    expect(err.message).toContain('1.options[1].required[APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID]');
    expect(err.message).toContain('2.description[BASE_TYPE_BAD_LENGTH]');
    expect(err.message).toContain('3.options[0].choices[BASE_TYPE_MAX_LENGTH]');
    expect(
      fake
        .commands(fake.guild.id)
        .filter((c) => c.guild_id)
        .map((c) => c.name),
    ).toEqual(['quote', 'study']);
  });

  it('delivers a chat command and records the reply (embeds, components, allowed_mentions)', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected ${i.type}`);
      expect(i.commandName).toBe('quote');
      expect(i.options.getString('topic')).toBe('virtue @everyone');
      expect(i.options.getInteger('limit')).toBe(3);
      expect(i.inGuild()).toBe(true);
      expect(i.memberPermissions?.has(PermissionFlagsBits.ManageThreads)).toBe(false);
      expect(i.appPermissions.has(PermissionFlagsBits.CreatePublicThreads)).toBe(true);
      expect(i.locale).toBe('fr');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('quote:more:2').setLabel('More').setStyle(ButtonStyle.Primary),
      );
      const res = await i.reply({
        content: 'Quotes on virtue @everyone',
        embeds: [{ title: 'Virtue', description: '> quoted' }],
        components: [row],
        withResponse: true,
      });
      return res.resource?.message?.id;
    });
    const sent = fake.sendCommand({
      name: 'quote',
      options: { topic: 'virtue @everyone', limit: 3 },
      locale: 'fr',
    });
    const messageId = await handled;
    const rec = await sent.response();
    expect(rec.ack?.type).toBe(4);
    expect(rec.original?.id).toBe(messageId);
    expect(rec.original?.embeds[0]?.title).toBe('Virtue');
    expect(componentsOf(rec.original!).map((c) => c.custom_id)).toEqual(['quote:more:2']);
    expect(rec.original?.meta.allowedMentions).toEqual({ parse: [] });
    expect(rec.original?.meta.pings).toEqual({ everyone: false, users: [], roles: [] });
    expect(fake.channelMessages(fake.guild.channels.text).map((m) => m.id)).toContain(messageId);
    expect(fake.messagesThatMayPing()).toEqual([]);
  });

  it('refuses commands the Discord client could not send', () => {
    expect(() => fake.sendCommand({ name: 'nope' })).toThrow(/not registered/);
    expect(() => fake.sendCommand({ name: 'quote', options: {} })).toThrow(/requires option "topic"/);
    expect(() => fake.sendCommand({ name: 'quote', options: { topic: 'x', limit: 11 } })).toThrow(
      /max_value/,
    );
    expect(() =>
      fake.sendCommand({ name: 'quote', channelId: fake.guild.channels.forum, options: { topic: 'x' } }),
    ).toThrow(/no message box/);
    expect(() => fake.sendCommand({ name: 'quote', dm: true, options: { topic: 'x' } })).toThrow(
      /guild commands do not exist in DMs/,
    );
  });

  it('deferReply (ephemeral) + editReply + followUp', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      expect(i.options.getSubcommand()).toBe('document');
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      const edited = await i.editReply({
        content: 'Study guide ready',
        flags: MessageFlags.Ephemeral,
      } as never);
      const follow = await i.followUp({ content: 'One more thing' });
      return { edited: edited.id, follow: follow.id };
    });
    const sent = fake.sendCommand({ name: 'study', subcommand: 'document', options: { document: 'Ethics' } });
    const ids = await handled;
    const rec = await sent.response();
    expect(rec.ack).toMatchObject({ type: 5, ephemeral: true });
    expect(rec.original).toMatchObject({ id: ids.edited, content: 'Study guide ready' });
    expect(rec.original?.meta.ephemeral).toBe(true);
    expect(rec.original?.meta.loading).toBe(false);
    expect(rec.followUps.map((m) => [m.id, m.content, m.meta.ephemeral])).toEqual([
      [ids.follow, 'One more thing', false],
    ]);
    // Ephemeral messages never show up in the channel.
    expect(fake.channelMessages(fake.guild.channels.text).some((m) => m.id === ids.edited)).toBe(false);
  });

  it('a first follow-up after a deferral replaces the "thinking" message; ephemerality is fixed by the deferral', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      await i.deferReply();
      const id = (await i.followUp({ content: 'Done', flags: MessageFlags.Ephemeral })).id;
      await i.editReply({ content: 'Done!', flags: MessageFlags.Ephemeral } as never);
      return id;
    });
    const sent = fake.sendCommand({ name: 'study', subcommand: 'all' });
    const id = await handled;
    const rec = await sent.response();
    expect(rec.original).toMatchObject({ id, content: 'Done!' });
    expect(rec.original?.meta.ephemeral).toBe(false);
    expect(rec.followUps).toEqual([]);
    expect(rec.warnings).toHaveLength(2);
    expect(rec.warnings[1]).toMatch(/flags 64 ignored/);
  });

  it('answers a second acknowledgement with 400 40060', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      await i.reply('first');
      return apiError(
        i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        }),
      );
    });
    fake.sendCommand({ name: 'help' });
    const err = await handled;
    expect([err.status, err.code]).toEqual([400, 40060]);
  });

  it('rejects an over-limit embed with 400 50035 and lets the bot answer properly afterwards', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      const err = await apiError(i.reply({ embeds: [{ title: 'Too long', description: 'x'.repeat(4097) }] }));
      // A failed callback does not acknowledge; 4,096 emoji are 4,096 characters (8,192 UTF-16 units).
      await i.reply({ embeds: [{ description: '😀'.repeat(4096) }] });
      return err;
    });
    const sent = fake.sendCommand({ name: 'help' });
    const err = await handled;
    expect([err.status, err.code]).toEqual([400, 50035]);
    expect(err.message).toContain(
      'data.embeds[0].description[BASE_TYPE_MAX_LENGTH]: Must be 4096 or fewer in length.',
    );
    const rec = await sent.response();
    expect(rec.callbacks.map((c) => c.status)).toEqual([400, 204]);
    expect([...(rec.original?.embeds[0]?.description ?? '')].length).toBe(4096);
  });

  it('autocomplete: 26 choices → 400, 25 → recorded', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isAutocomplete()) throw new Error('unexpected');
      expect(i.options.getFocused(true)).toMatchObject({ name: 'topic', value: 'vir' });
      const choices = Array.from({ length: 26 }, (_, n) => ({ name: `virtue ${n}`, value: `virtue-${n}` }));
      const err = await apiError(i.respond(choices));
      await i.respond(choices.slice(0, 25));
      return err;
    });
    const sent = fake.sendAutocomplete({ name: 'quote', focused: 'topic', value: 'vir' });
    const err = await handled;
    expect([err.status, err.code]).toEqual([400, 50035]);
    expect(err.message).toContain('data.choices[BASE_TYPE_MAX_LENGTH]');
    const rec = await sent.response();
    expect(rec.ack?.type).toBe(8);
    expect(rec.choices).toHaveLength(25);
    expect(rec.payload.data).toMatchObject({
      name: 'quote',
      options: [{ name: 'topic', value: 'vir', focused: true, type: 3 }],
    });
  });

  it('creates a thread in a text channel; it is dispatched and listed as active', async () => {
    const text = client.channels.cache.get(fake.guild.channels.text) as TextChannel;
    const dispatched = once(client, Events.ThreadCreate) as Promise<[AnyThreadChannel, boolean]>;
    const thread = await text.threads.create({
      name: 'Study: Nicomachean Ethics',
      type: ChannelType.PublicThread,
    });
    const [created, newly] = await dispatched;
    expect(created.id).toBe(thread.id);
    expect(newly).toBe(true);
    const active = await client.guilds.cache.get(fake.guild.id)!.channels.fetchActiveThreads();
    expect(active.threads.get(thread.id)?.parentId).toBe(text.id);
    expect(active.threads.has(fake.guild.channels.thread)).toBe(true);
    expect(active.threads.has(fake.guild.channels.archivedThread)).toBe(false);
    const archived = await text.threads.fetchArchived();
    expect([...archived.threads.keys()]).toEqual([fake.guild.channels.archivedThread]);

    const err = await apiError(text.threads.create({ name: 'n'.repeat(101) }));
    expect([err.status, err.code]).toEqual([400, 50035]);
    expect(err.message).toContain('name[BASE_TYPE_BAD_LENGTH]');
    const voice = await apiError(
      rest.post(Routes.threads(fake.guild.channels.voice), { body: { name: 'x', type: 11 } }),
    );
    expect(voice.code).toBe(50024);
  });

  it('creates a forum post (the first message is required)', async () => {
    const forum = client.channels.cache.get(fake.guild.channels.forum) as ForumChannel;
    const post = await forum.threads.create({
      name: 'Study: Republic',
      message: { embeds: [{ title: 'Overview', description: 'The just city' }] },
    });
    expect(post.parentId).toBe(forum.id);
    const starter = fake.channelMessages(post.id)[0];
    expect(starter?.id).toBe(post.id);
    expect(starter?.embeds[0]?.title).toBe('Overview');
    expect(fake.activeThreads().some((t) => t.id === post.id && t.parent_id === forum.id)).toBe(true);
    const err = await apiError(rest.post(Routes.threads(forum.id), { body: { name: 'No first message' } }));
    expect(err.message).toContain('message[BASE_TYPE_REQUIRED]');
  });

  it('withheld Send Messages in Threads / Create Public Threads → 403 50013, and app_permissions says so', async () => {
    const text = client.channels.cache.get(fake.guild.channels.text) as TextChannel;
    const thread = client.channels.cache.get(fake.guild.channels.thread) as AnyThreadChannel;
    const updated = once(client, Events.ChannelUpdate);
    fake.withholdFromBot(text.id, Perm.SendMessagesInThreads | Perm.CreatePublicThreads);
    await updated;
    expect(text.permissionsFor(client.user!)?.has(PermissionFlagsBits.SendMessagesInThreads)).toBe(false);

    const send = await apiError(thread.send('hello'));
    expect([send.status, send.code]).toEqual([403, 50013]);
    const create = await apiError(text.threads.create({ name: 'Blocked', type: ChannelType.PublicThread }));
    expect([create.status, create.code]).toEqual([403, 50013]);

    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      const perms = [
        i.appPermissions.has(PermissionFlagsBits.SendMessagesInThreads),
        i.memberPermissions?.has(PermissionFlagsBits.ManageThreads),
      ];
      await i.reply({ content: 'checked', flags: MessageFlags.Ephemeral });
      return perms;
    });
    fake.sendCommand({
      name: 'study',
      subcommand: 'all',
      channelId: thread.id,
      memberAllow: Perm.ManageThreads,
    });
    expect(await handled).toEqual([false, true]);

    fake.resetBotOverwrite(text.id);
    const ok = await thread.send({ content: 'now it works', embeds: [{ title: 'ok' }] });
    expect(fake.channelMessages(thread.id).at(-1)?.id).toBe(ok.id);
  });

  it('button click round trip with update', async () => {
    const first = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('page:2').setLabel('More').setStyle(ButtonStyle.Primary),
        new ButtonBuilder().setCustomId('ctx:7').setLabel('Context').setStyle(ButtonStyle.Secondary),
      );
      await i.reply({ content: 'page 1', components: [row] });
    });
    const cmd = fake.sendCommand({ name: 'quote', options: { topic: 'justice' } });
    await first;
    const shown = (await cmd.response()).original!;

    const click = handleNext(async (i) => {
      if (!i.isButton()) throw new Error('unexpected');
      expect(i.customId).toBe('page:2');
      expect(i.message.id).toBe(shown.id);
      expect(i.message.content).toBe('page 1');
      await i.update({ content: 'page 2', components: [] });
    });
    const clicked = fake.clickButton({ message: shown, customId: 'page:2' });
    await click;
    const rec = await clicked.response();
    expect(rec.ack?.type).toBe(7);
    expect(fake.world.messages.get(shown.id)).toMatchObject({ content: 'page 2', components: [] });
    expect(() => fake.clickButton({ message: shown, customId: 'page:2' })).toThrow(/no component/);
  });

  it('DM commands carry user instead of member', async () => {
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      await i.reply({ content: 'Use me in a server', flags: MessageFlags.Ephemeral });
      // Without the Channel partial discord.js does not cache an unknown DM channel: i.channel is null.
      return {
        guild: i.guildId,
        member: i.member,
        channelId: i.channelId,
        channel: i.channel,
        user: i.user.id,
        context: i.context,
      };
    });
    const sent = fake.sendCommand({ name: 'help', dm: true });
    const dm = fake.world.dmChannelFor(fake.guild.users.reader.id);
    expect(await handled).toEqual({
      guild: null,
      member: null,
      channelId: dm.id,
      channel: null,
      user: fake.guild.users.reader.id,
      context: 1,
    });
    expect(sent.record.payload).not.toHaveProperty('member');
    expect(sent.record.payload).toMatchObject({
      channel: { type: ChannelType.DM },
      authorizing_integration_owners: { '0': '0' },
    });
  });

  it('an interaction not acknowledged in time is dead: 404 10062', async () => {
    const saved = fake.options.ackWindowMs;
    fake.options.ackWindowMs = 100;
    try {
      const handled = handleNext(async (i) => {
        if (!i.isChatInputCommand()) throw new Error('unexpected');
        await fake.waitFor(() => fake.interaction(i.id)?.state === 'expired', 1000);
        return apiError(i.reply('too late'));
      });
      const sent = fake.sendCommand({ name: 'help' });
      await expect(sent.response()).rejects.toThrow(/not acknowledged within 100 ms/);
      const err = await handled;
      expect([err.status, err.code]).toEqual([404, 10062]);
    } finally {
      fake.options.ackWindowMs = saved;
    }
  });

  it('survives a gateway disconnect: the client resumes and still gets interactions', async () => {
    const session = [...fake.gateway.sessions.values()][0]!;
    fake.disconnect(4000);
    await fake.waitFor(() => session.resumes > 0 && session.connection, {
      timeoutMs: 5000,
      description: 'RESUME',
    });
    const handled = handleNext(async (i) => {
      if (!i.isChatInputCommand()) throw new Error('unexpected');
      await i.reply('still here');
    });
    const sent = fake.sendCommand({ name: 'help' });
    await handled;
    expect((await sent.response()).original?.content).toBe('still here');
  });

  it('closes like Discord on a bad token (4004) and without the Guilds intent', async () => {
    const closeCode = (identify: Record<string, unknown>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${fake.gatewayUrl()}/?v=10&encoding=json`);
        ws.on('message', (raw: Buffer) => {
          const msg = JSON.parse(raw.toString()) as { op: number };
          if (msg.op === 10) ws.send(JSON.stringify({ op: 2, d: { properties: {}, ...identify } }));
        });
        ws.on('close', (code: number) => resolve(code));
        ws.on('error', reject);
      });
    expect(await closeCode({ token: 'wrong', intents: 1 })).toBe(CloseCode.AuthenticationFailed);
    expect(await closeCode({ token: fake.token, intents: 0 })).toBe(CloseCode.InvalidIntents);
    expect(await closeCode({ token: fake.token, intents: 1 | Intent.MessageContent })).toBe(
      CloseCode.DisallowedIntents,
    );
    const unauthorized = await apiError(
      new REST({ api: fake.apiUrl }).setToken('wrong').get(Routes.gatewayBot()),
    );
    expect(unauthorized.status).toBe(401);
  });

  it('client.destroy() closes the gateway cleanly (1000) and ends the session', async () => {
    const before = fake.gatewayLog.length;
    await client.destroy();
    const closed = await fake.waitFor(() =>
      fake.gatewayLog.slice(before).find((e) => e.direction === 'close'),
    );
    expect(closed.code).toBe(1000);
    expect(fake.gateway.sessions.size).toBe(0);
    expect(fake.internalErrors).toEqual([]);
    expect(fake.messagesThatMayPing()).toEqual([]);
  });

  it('bot-process harness: runs a bot as production does, waits for its ready line, stops it with SIGTERM', async () => {
    const bot = await startBot({
      apiUrl: fake.apiUrl,
      env: { ...fake.botEnv() },
      entry: 'test/fake-discord/fixtures/minimal-bot.ts',
    });
    expect(bot.logs().find((l) => l.msg === 'ready')).toMatchObject({ guilds: 1 });
    await fake.waitForCommands(['ping']);
    const sent = fake.sendCommand({ name: 'ping' });
    const rec = await sent.response();
    expect(rec.original).toMatchObject({ content: 'pong', meta: { ephemeral: true } });
    expect(await bot.stop()).toBe(0);
    expect(bot.logs().some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    await fake.waitFor(() => fake.gateway.sessions.size === 0, { description: 'the bot session to end' });
  });
});
