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
  ChannelFlags,
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type AnyThreadChannel,
  type ChatInputCommandInteraction,
  type Collection,
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

/**
 * Where this interaction may open study threads, or the reason it cannot, as a message for the user: not in
 * DMs, not inside a thread, only in channels that hold threads, only with the bot's permissions in place
 * (from `interaction.appPermissions`, the bot's effective permissions in that channel).
 */
export async function studyHost(interaction: ChatInputCommandInteraction): Promise<HostCheck> {
  if (!interaction.inGuild()) {
    return fail('Study threads live in a server: run `/study` in a server channel, not in a DM.');
  }
  const channel = await interactionChannel(interaction);
  if (!channel) {
    return fail("I can't see this channel. Make sure I'm in this server and have View Channel here.");
  }
  if (channel.isThread()) {
    const parent = channel.parentId ? ` <#${channel.parentId}>` : '';
    return fail(`You're inside a thread. Run \`/study\` in the channel that holds it${parent}.`);
  }
  const isPostChannel = POST_CHANNELS.has(channel.type);
  if (!isPostChannel && !THREAD_CHANNELS.has(channel.type)) {
    const kind = CHANNEL_KINDS[channel.type] ?? 'this kind of channel';
    return fail(
      `Threads can't be opened in ${kind}. Run \`/study\` in a text, announcement or forum channel.`,
    );
  }
  const needed = isPostChannel ? NEEDED_FOR_POST : NEEDED_FOR_THREAD;
  const missing = needed.filter((p) => !interaction.appPermissions.has(p.flag)).map((p) => `**${p.name}**`);
  if (missing.length > 0) {
    return fail(
      `I'm missing the ${listing(missing)} permission${missing.length > 1 ? 's' : ''} in this channel. ` +
        'Ask a moderator to grant it to Parley here, then try again.',
    );
  }
  return { ok: true, host: channel as ThreadHost };
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
  return serialised(`${host.id}\u0000${name}`, async () => {
    const known = request.known ?? (await activeThreads(host));
    const existing = known.get(name) ?? cachedThread(host, name);
    if (existing) return { title, status: 'existing', threadId: existing };
    try {
      const threadId = await createThread(host, name, request.guide());
      known.set(name, threadId);
      return { title, status: 'created', threadId };
    } catch (err) {
      const reason = refusal(err);
      if (reason === null) throw err;
      return { title, status: 'failed', reason };
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
