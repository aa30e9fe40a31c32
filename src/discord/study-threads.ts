/**
 * Study threads: where `/study` may open them, how duplicates are found, and how they are created.
 *
 * - A text or announcement channel gets a public thread named after the document, the guide posted in it.
 * - A forum (or media) channel gets a post whose first message is the guide.
 * - Before creating, the guild's active threads are listed (GET /guilds/{id}/threads/active) and one with
 *   the same parent and name is linked instead. Creation for one channel and name is serialised within the
 *   process (a guild lives on exactly one shard, so that is enough) and the thread cache, kept current by
 *   THREAD_CREATE / THREAD_DELETE / THREAD_UPDATE, catches a thread created a moment ago.
 */
import {
  ApplicationCommandOptionType,
  ChannelFlags,
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  PermissionsBitField,
  RESTJSONErrorCodes,
  type AnyThreadChannel,
  type ChatInputCommandInteraction,
  type Collection,
  type CommandInteractionOption,
  type ForumChannel,
  type GuildBasedChannel,
  type MediaChannel,
  type NewsChannel,
  type TextBasedChannel,
  type TextChannel,
} from 'discord.js';
import type { Reply } from '../render/discord/reply.js';
import { listing } from '../render/discord/format.js';
import { LIMITS } from '../render/discord/limits.js';
import type { StudyOutcome } from '../render/discord/study.js';
import { truncate } from '../render/discord/truncate.js';
import { channelMessage } from './respond.js';

export type ThreadHost = TextChannel | NewsChannel | ForumChannel | MediaChannel;

export type HostCheck = { ok: true; host: ThreadHost } | { ok: false; message: string };

const THREAD_CHANNELS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const POST_CHANNELS = new Set<ChannelType>([ChannelType.GuildForum, ChannelType.GuildMedia]);

const CHANNEL_KINDS: Partial<Record<ChannelType, string>> = {
  [ChannelType.GuildVoice]: 'a voice channel',
  [ChannelType.GuildStageVoice]: 'a stage channel',
  [ChannelType.GuildCategory]: 'a category',
  [ChannelType.GuildDirectory]: 'a directory',
  [ChannelType.DM]: 'a DM',
  [ChannelType.GroupDM]: 'a group DM',
};

type Needed = readonly { flag: bigint; name: string }[];

/** What the bot needs to open a thread and post the guide in it (embeds need Embed Links outside interactions). */
const NEEDED_FOR_THREAD: Needed = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.CreatePublicThreads, name: 'Create Public Threads' },
  { flag: PermissionFlagsBits.SendMessagesInThreads, name: 'Send Messages in Threads' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

/** A forum post is created with its first message: Discord checks Send Messages ("Create Posts") for it. */
const NEEDED_FOR_POST: Needed = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages (Create Posts)' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Embed Links' },
];

/** What a member needs in a channel picked with the `channel` option: what opening it by hand would take. */
const MEMBER_NEEDS_FOR_THREAD: Needed = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.CreatePublicThreads, name: 'Create Public Threads' },
];
const MEMBER_NEEDS_FOR_POST: Needed = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'View Channel' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Send Messages (Create Posts)' },
];

/** The `channel` option of `/study doc` and `/study all`: where to open the thread or post. */
export const TARGET_OPTION = 'channel';

/** Channel types the `channel` option offers (Discord filters the picker by them). */
export const TARGET_CHANNEL_TYPES = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
] as const;

/**
 * Where this interaction may open study threads, or the reason it cannot, as a message for the user: not in
 * DMs, not inside a thread, only in channels that hold threads, only with the bot's permissions in place.
 *
 * By default the target is the channel the command was run in, checked against `interaction.appPermissions`
 * (the bot's effective permissions there). With the `channel` option (how a forum is reached: nobody can type
 * a command inside a forum) the target is that channel, checked against the bot's permissions there (sent by
 * Discord with the resolved channel, or computed from the cached guild), and the member must be allowed to
 * open a thread or post there themselves, so the option cannot reach a channel the member could not post in.
 */
export async function studyHost(interaction: ChatInputCommandInteraction): Promise<HostCheck> {
  if (!interaction.inGuild()) {
    return fail('Study threads live in a server: run `/study` in a server channel, not in a DM.');
  }
  const picked = targetOption(interaction);
  if (picked) return pickedHost(interaction, picked);

  const channel = await interactionChannel(interaction);
  if (!channel) {
    return fail("I can't see this channel. Make sure I'm in this server and have View Channel here.");
  }
  if (channel.isThread()) {
    const parent = channel.parentId ? ` <#${channel.parentId}>` : '';
    return fail(`You're inside a thread. Run \`/study\` in the channel that holds it${parent}.`);
  }
  const kindProblem = unsupportedKind(channel.type);
  if (kindProblem) return fail(`${kindProblem} Run \`/study\` in a text, announcement or forum channel.`);
  const missing = missingPermissions(channel.type, interaction.appPermissions);
  if (missing) return fail(`I'm missing ${missing} in this channel. ${askAModerator('here')}`);
  return { ok: true, host: channel as ThreadHost };
}

/**
 * The member's permissions where `/study` would open threads: in the channel picked with the `channel` option
 * (as Discord resolved them for this interaction), else in the channel the command was run in. Null in DMs.
 */
export function memberPermissionsAtTarget(interaction: ChatInputCommandInteraction): {
  permissions: Readonly<PermissionsBitField> | null;
  where: string | null;
} {
  const picked = targetOption(interaction);
  if (!picked) return { permissions: interaction.memberPermissions, where: null };
  const resolved = picked.channel;
  const permissions = resolved && 'permissions' in resolved ? toBits(resolved.permissions) : null;
  return { permissions: permissions ?? interaction.memberPermissions, where: `<#${picked.id}>` };
}

const askAModerator = (where: 'here' | 'there'): string =>
  `Ask a moderator to grant it to Parley ${where}, then try again.`;

interface PickedChannel {
  id: string;
  /** What discord.js made of the resolved channel: a clone of the cached channel, or the raw API object. */
  channel: CommandInteractionOption['channel'];
}

/** The `channel` option, wherever it sits (under a subcommand), or null when it was not given. */
function targetOption(interaction: ChatInputCommandInteraction): PickedChannel | null {
  const find = (options: readonly CommandInteractionOption[]): CommandInteractionOption | undefined => {
    for (const option of options) {
      if (option.name === TARGET_OPTION && option.type === ApplicationCommandOptionType.Channel)
        return option;
      const nested = option.options ? find(option.options) : undefined;
      if (nested) return nested;
    }
    return undefined;
  };
  const option = find(interaction.options.data);
  if (!option || option.value === undefined) return null;
  return { id: String(option.value), channel: option.channel };
}

async function pickedHost(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  picked: PickedChannel,
): Promise<HostCheck> {
  const where = `<#${picked.id}>`;
  const resolved = picked.channel;
  const channel =
    interaction.guild?.channels.cache.get(picked.id) ??
    (await interaction.client.channels.fetch(picked.id).catch(() => null));
  if (!channel || !('guildId' in channel) || channel.guildId !== interaction.guildId) {
    return fail(`I can't see ${where}. Make sure I have View Channel there, or pick another channel.`);
  }
  if (channel.isThread()) {
    return fail(`${where} is a thread. Pick the text, announcement or forum channel that holds it.`);
  }
  const kindProblem = unsupportedKind(channel.type);
  if (kindProblem) return fail(`${kindProblem} Pick a text, announcement or forum channel.`);

  const isPost = POST_CHANNELS.has(channel.type);
  // The member's own permissions there, as Discord resolved them for this interaction.
  const memberPermissions = resolved && 'permissions' in resolved ? toBits(resolved.permissions) : null;
  if (memberPermissions) {
    const needed = isPost ? MEMBER_NEEDS_FOR_POST : MEMBER_NEEDS_FOR_THREAD;
    const lacking = needed.filter((p) => !memberPermissions.has(p.flag)).map((p) => `**${p.name}**`);
    if (lacking.length > 0) {
      return fail(
        `You can't open ${isPost ? 'posts' : 'threads'} in ${where} yourself (you need ${listing(lacking)} there), so I won't either.`,
      );
    }
  }
  // The bot's permissions there: sent with the resolved channel by Discord, else computed from the cache.
  const sent = resolved && 'appPermissions' in resolved ? toBits(resolved.appPermissions) : null;
  const me = interaction.guild?.members.me ?? null;
  const appPermissions = sent ?? (me ? channel.permissionsFor(me) : null);
  if (!appPermissions) {
    return fail(`I can't check my permissions in ${where} right now. Try again in a minute.`);
  }
  const missing = missingPermissions(channel.type, appPermissions);
  if (missing) return fail(`I'm missing ${missing} in ${where}. ${askAModerator('there')}`);
  return { ok: true, host: channel as ThreadHost };
}

/** Permissions from discord.js (a frozen bitfield) or from a raw API object (a string), null when absent. */
function toBits(value: unknown): Readonly<PermissionsBitField> | null {
  if (value instanceof PermissionsBitField) return value;
  if (typeof value === 'string' && /^\d+$/u.test(value)) return new PermissionsBitField(BigInt(value));
  return null;
}

/** Why this kind of channel cannot hold study threads, or null when it can. */
function unsupportedKind(type: ChannelType): string | null {
  if (POST_CHANNELS.has(type) || THREAD_CHANNELS.has(type)) return null;
  return `Threads can't be opened in ${CHANNEL_KINDS[type] ?? 'this kind of channel'}.`;
}

/** `the **X** and **Y** permissions` the bot lacks for this kind of channel, or null when none. */
function missingPermissions(type: ChannelType, permissions: Readonly<PermissionsBitField>): string | null {
  const needed = POST_CHANNELS.has(type) ? NEEDED_FOR_POST : NEEDED_FOR_THREAD;
  const missing = needed.filter((p) => !permissions.has(p.flag)).map((p) => `**${p.name}**`);
  if (missing.length === 0) return null;
  return `the ${listing(missing)} permission${missing.length > 1 ? 's' : ''}`;
}

function fail(message: string): HostCheck {
  return { ok: false, message };
}

async function interactionChannel(
  interaction: ChatInputCommandInteraction,
): Promise<(TextBasedChannel | GuildBasedChannel) | null> {
  if (interaction.channel) return interaction.channel;
  if (!interaction.channelId) return null;
  try {
    return (await interaction.client.channels.fetch(interaction.channelId)) as GuildBasedChannel | null;
  } catch {
    return null;
  }
}

/** The thread's name: the document's title, whitespace collapsed, 1–100 characters. */
export function threadName(title: string, docId: string): string {
  const name = truncate(title.replace(/\s+/gu, ' ').trim(), LIMITS.threadName);
  return name || truncate(docId, LIMITS.threadName);
}

/** Active threads in `host`, by name → id (one request for the whole guild, filtered by parent). */
export async function activeThreads(host: ThreadHost): Promise<Map<string, string>> {
  const fetched = await host.threads.fetchActive();
  const byName = new Map<string, string>();
  for (const thread of fetched.threads.values()) {
    if (thread.parentId === host.id && !thread.archived) byName.set(thread.name, thread.id);
  }
  return byName;
}

const inFlight = new Map<string, Promise<unknown>>();

/** Run `task` after any other task for the same key, never two at once. */
async function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = inFlight.get(key) ?? Promise.resolve();
  const run = before.then(task, task);
  const settled = run.catch(() => undefined);
  inFlight.set(key, settled);
  try {
    return await run;
  } finally {
    if (inFlight.get(key) === settled) inFlight.delete(key);
  }
}

export interface OpenRequest {
  host: ThreadHost;
  title: string;
  docId: string;
  /** Builds the guide; called only when a thread is actually created. */
  guide: () => Reply;
  /** Active threads already listed (by /study all, once for all documents); listed here otherwise. */
  known?: Map<string, string>;
}

/**
 * Link to the active study thread for this document in this channel, or create it with the guide as its
 * first message. Known refusals (permissions, a forum requiring a tag, too many threads) come back as a
 * `failed` outcome with the reason; anything else is thrown.
 */
export async function openStudyThread(request: OpenRequest): Promise<StudyOutcome> {
  const { host, title } = request;
  const name = threadName(title, request.docId);
  const kind = POST_CHANNELS.has(host.type) ? 'post' : 'thread';
  return serialised(`${host.id}\u0000${name}`, async (): Promise<StudyOutcome> => {
    const known = request.known ?? (await activeThreads(host));
    const existing = known.get(name) ?? cachedThread(host, name);
    if (existing) return { title, kind, status: 'existing', threadId: existing };
    try {
      const threadId = await createThread(host, name, request.guide());
      known.set(name, threadId);
      return { title, kind, status: 'created', threadId };
    } catch (err) {
      const reason = refusal(err);
      if (reason === null) throw err;
      return { title, kind, status: 'failed', reason };
    }
  });
}

function cachedThread(host: ThreadHost, name: string): string | undefined {
  const cache: Collection<string, AnyThreadChannel> = host.threads.cache;
  return cache.find((t) => t.parentId === host.id && t.name === name && !t.archived)?.id;
}

async function createThread(host: ThreadHost, name: string, guide: Reply): Promise<string> {
  const reason = 'Parley /study: study thread';
  const message = channelMessage(guide);
  if (host.type === ChannelType.GuildForum || host.type === ChannelType.GuildMedia) {
    const appliedTags = requiredTag(host);
    const thread = await host.threads.create({
      name,
      message,
      reason,
      ...(appliedTags ? { appliedTags } : {}),
    });
    return thread.id;
  }
  const thread = await host.threads.create({ name, reason });
  try {
    await thread.send(message);
  } catch (err) {
    // An empty thread would be linked as "already open" forever: remove it (best effort) and report.
    await thread.delete('Parley could not post the study guide').catch(() => undefined);
    throw err;
  }
  return thread.id;
}

/** A forum that requires a tag gets one: a tag named like "study", "guide" or "reading", else the first open one. */
function requiredTag(host: ForumChannel | MediaChannel): string[] | undefined {
  if (!host.flags.has(ChannelFlags.RequireTag)) return undefined;
  const open = host.availableTags.filter((t) => !t.moderated);
  const tag = open.find((t) => /study|guide|reading/iu.test(t.name)) ?? open[0];
  return tag ? [tag.id] : undefined;
}

/** Discord's refusals worth telling the user plainly; null for anything unexpected. */
export function refusal(err: unknown): string | null {
  if (!(err instanceof DiscordAPIError)) return null;
  switch (err.code) {
    case RESTJSONErrorCodes.MissingPermissions:
      return 'Discord says I lack a permission here (I need Create Public Threads, Send Messages in Threads and Embed Links, or Create Posts in a forum).';
    case RESTJSONErrorCodes.MissingAccess:
      return "Discord says I can't access this channel (check View Channel).";
    case RESTJSONErrorCodes.TagRequiredToCreateAForumPostInThisChannel:
      return 'This forum requires a tag on every post and has none I can use.';
    case RESTJSONErrorCodes.MaximumActiveThreads:
      return 'This server has reached the maximum number of active threads; archive some and try again.';
    default:
      return null;
  }
}
