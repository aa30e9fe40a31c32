/**
 * The fake's world: users, guilds (roles, members, channels, threads), messages and registered
 * commands, with Discord's permission computation and API-shaped serialisers.
 */
import type { APIEmbed, APIMessageTopLevelComponent } from 'discord.js';
import {
  ALL_PERMISSIONS,
  ChannelKind,
  DEFAULT_BOT_ROLE_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  DEFAULT_MODERATOR_PERMISSIONS,
  DM_PERMISSIONS,
  Perm,
  THREAD_TYPES,
} from './constants.js';
import { isObject, type Json } from './limits.js';
import { snowflake } from './snowflake.js';

// ---------------------------------------------------------------- model

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags: number;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  managed: boolean;
  mentionable: boolean;
  botId?: string;
}

export interface FakeMember {
  userId: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface Overwrite {
  id: string;
  /** 0 = role, 1 = member */
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export interface ThreadMetadata {
  archived: boolean;
  auto_archive_duration: number;
  archive_timestamp: string;
  locked: boolean;
  invitable?: boolean;
  create_timestamp: string;
}

export interface ForumTag {
  id: string;
  name: string;
  moderated: boolean;
  emoji_id: string | null;
  emoji_name: string | null;
}

export interface FakeChannel {
  id: string;
  type: number;
  guildId?: string;
  name?: string;
  position: number;
  parentId: string | null;
  topic: string | null;
  nsfw: boolean;
  overwrites: Overwrite[];
  lastMessageId: string | null;
  rateLimitPerUser: number;
  defaultAutoArchiveDuration?: number;
  flags: number;
  /** Threads */
  ownerId?: string;
  threadMetadata?: ThreadMetadata;
  messageCount?: number;
  totalMessageSent?: number;
  memberIds?: Set<string>;
  appliedTags?: string[];
  /** Forum / media */
  availableTags?: ForumTag[];
  /** DM */
  recipientId?: string;
  /** Voice */
  bitrate?: number;
  userLimit?: number;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  features: string[];
  roles: Map<string, FakeRole>;
  members: Map<string, FakeMember>;
  channelIds: string[];
  joinedAt: string;
}

export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

export interface MessageMeta {
  ephemeral: boolean;
  /** A deferred reply still "thinking". */
  loading: boolean;
  deleted: boolean;
  interactionId?: string;
  /** `allowed_mentions` exactly as the bot last sent it (undefined when absent). */
  allowedMentions: Json | undefined;
  /** Who this message notified when it was posted, given its content and `allowed_mentions`. */
  pings: Pings;
  /** Snapshots before each edit (oldest first). */
  history: FakeMessage[];
  source: 'reply' | 'deferred' | 'follow-up' | 'update' | 'channel' | 'forum-starter' | 'seed';
  /** Names of uploaded files, in order. */
  files: string[];
}

/** A message as Discord returns it, plus the fake's bookkeeping in `meta` (not serialised). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: Json;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: Json[];
  mention_roles: string[];
  attachments: Json[];
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  pinned: boolean;
  type: number;
  flags: number;
  application_id?: string;
  webhook_id?: string;
  interaction_metadata?: Json;
  /** Deprecated field discord.js still reads. */
  interaction?: Json;
  message_reference?: Json;
  position?: number;
  meta: MessageMeta;
}

export interface RegisteredCommand extends Json {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  options?: Json[];
}

// ---------------------------------------------------------------- seeds

export interface SeededGuild {
  id: string;
  name: string;
  roles: { everyone: string; bot: string; moderator: string };
  users: { owner: FakeUser; reader: FakeUser; moderator: FakeUser };
  channels: {
    category: string;
    text: string;
    announcement: string;
    forum: string;
    voice: string;
    /** An active public thread in `text`. */
    thread: string;
    /** An archived public thread in `text`. */
    archivedThread: string;
  };
}

export function makeUser(username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return {
    id: snowflake(),
    username,
    global_name: username[0]!.toUpperCase() + username.slice(1),
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    ...extra,
  };
}

// ---------------------------------------------------------------- world

export class World {
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  /** Channel id → message ids (non-ephemeral), oldest first. */
  readonly channelMessages = new Map<string, string[]>();
  readonly globalCommands = new Map<string, RegisteredCommand>();
  readonly guildCommands = new Map<string, Map<string, RegisteredCommand>>();
  readonly seeded: SeededGuild[] = [];

  constructor(
    readonly botUser: FakeUser,
    readonly applicationId: string,
  ) {
    this.users.set(botUser.id, botUser);
  }

  // ------------------------------------------------ seeding

  /** Adds a guild with the standard layout: every channel kind the bot has to cope with. */
  seedGuild(name: string): SeededGuild {
    const now = new Date().toISOString();
    const owner = this.addUser(makeUser('ada'));
    const reader = this.addUser(makeUser('reader'));
    const moderator = this.addUser(makeUser('moddy'));
    const id = snowflake();
    const botRoleId = snowflake();
    const modRoleId = snowflake();
    const guild: FakeGuild = {
      id,
      name,
      ownerId: owner.id,
      preferredLocale: 'en-US',
      features: ['COMMUNITY', 'NEWS'],
      roles: new Map(),
      members: new Map(),
      channelIds: [],
      joinedAt: now,
    };
    const role = (r: Omit<FakeRole, 'color' | 'hoist' | 'mentionable'>): FakeRole => ({
      color: 0,
      hoist: false,
      mentionable: false,
      ...r,
    });
    guild.roles.set(
      id,
      role({ id, name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS, position: 0, managed: false }),
    );
    guild.roles.set(
      botRoleId,
      role({
        id: botRoleId,
        name: this.botUser.username,
        permissions: DEFAULT_BOT_ROLE_PERMISSIONS,
        position: 2,
        managed: true,
        botId: this.botUser.id,
      }),
    );
    guild.roles.set(
      modRoleId,
      role({
        id: modRoleId,
        name: 'Moderator',
        permissions: DEFAULT_MODERATOR_PERMISSIONS,
        position: 1,
        managed: false,
      }),
    );
    for (const [u, roles] of [
      [owner, []],
      [reader, []],
      [moderator, [modRoleId]],
      [this.botUser, [botRoleId]],
    ] as const) {
      guild.members.set(u.id, { userId: u.id, roles: [...roles], nick: null, joinedAt: now });
    }
    this.guilds.set(id, guild);

    const category = this.addChannel(guild, { type: ChannelKind.GuildCategory, name: 'Reading room' });
    const text = this.addChannel(guild, {
      type: ChannelKind.GuildText,
      name: 'general',
      parentId: category.id,
      topic: 'Talk about the readings',
      defaultAutoArchiveDuration: 1440,
    });
    const announcement = this.addChannel(guild, {
      type: ChannelKind.GuildAnnouncement,
      name: 'announcements',
      parentId: category.id,
      defaultAutoArchiveDuration: 1440,
    });
    const forum = this.addChannel(guild, {
      type: ChannelKind.GuildForum,
      name: 'study-forum',
      parentId: category.id,
      defaultAutoArchiveDuration: 4320,
      availableTags: [
        { id: snowflake(), name: 'study', moderated: false, emoji_id: null, emoji_name: '📚' },
        { id: snowflake(), name: 'question', moderated: false, emoji_id: null, emoji_name: null },
      ],
    });
    const voice = this.addChannel(guild, {
      type: ChannelKind.GuildVoice,
      name: 'Voice lounge',
      parentId: category.id,
      bitrate: 64000,
      userLimit: 0,
    });
    const thread = this.createThread({
      parent: text,
      name: 'existing-discussion',
      ownerId: owner.id,
      type: ChannelKind.PublicThread,
    });
    const archivedThread = this.createThread({
      parent: text,
      name: 'old-discussion',
      ownerId: owner.id,
      type: ChannelKind.PublicThread,
    });
    archivedThread.threadMetadata!.archived = true;
    archivedThread.threadMetadata!.archive_timestamp = new Date(Date.now() - 86_400_000).toISOString();

    const seeded: SeededGuild = {
      id,
      name,
      roles: { everyone: id, bot: botRoleId, moderator: modRoleId },
      users: { owner, reader, moderator },
      channels: {
        category: category.id,
        text: text.id,
        announcement: announcement.id,
        forum: forum.id,
        voice: voice.id,
        thread: thread.id,
        archivedThread: archivedThread.id,
      },
    };
    this.seeded.push(seeded);
    return seeded;
  }

  addUser(u: FakeUser): FakeUser {
    this.users.set(u.id, u);
    return u;
  }

  addChannel(guild: FakeGuild, c: Partial<FakeChannel> & { type: number; name: string }): FakeChannel {
    const channel: FakeChannel = {
      id: snowflake(),
      guildId: guild.id,
      position: guild.channelIds.length,
      parentId: null,
      topic: null,
      nsfw: false,
      overwrites: [],
      lastMessageId: null,
      rateLimitPerUser: 0,
      flags: 0,
      ...c,
    };
    this.channels.set(channel.id, channel);
    if (!THREAD_TYPES.has(channel.type)) guild.channelIds.push(channel.id);
    return channel;
  }

  createThread(opts: {
    parent: FakeChannel;
    name: string;
    ownerId: string;
    type: number;
    id?: string;
    autoArchiveDuration?: number;
    rateLimitPerUser?: number;
    invitable?: boolean;
    appliedTags?: string[];
  }): FakeChannel {
    const now = new Date().toISOString();
    const forum = opts.parent.type === ChannelKind.GuildForum || opts.parent.type === ChannelKind.GuildMedia;
    const thread: FakeChannel = {
      id: opts.id ?? snowflake(),
      type: opts.type,
      guildId: opts.parent.guildId,
      name: opts.name,
      position: 0,
      parentId: opts.parent.id,
      topic: null,
      nsfw: false,
      overwrites: [],
      lastMessageId: null,
      rateLimitPerUser: opts.rateLimitPerUser ?? 0,
      flags: 0,
      ownerId: opts.ownerId,
      threadMetadata: {
        archived: false,
        auto_archive_duration: opts.autoArchiveDuration ?? opts.parent.defaultAutoArchiveDuration ?? 4320,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(opts.type === ChannelKind.PrivateThread ? { invitable: opts.invitable ?? true } : {}),
      },
      messageCount: 0,
      totalMessageSent: 0,
      memberIds: new Set([opts.ownerId]),
      ...(forum ? { appliedTags: opts.appliedTags ?? [] } : {}),
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  dmChannelFor(userId: string): FakeChannel {
    for (const c of this.channels.values())
      if (c.type === ChannelKind.DM && c.recipientId === userId) return c;
    const dm: FakeChannel = {
      id: snowflake(),
      type: ChannelKind.DM,
      position: 0,
      parentId: null,
      topic: null,
      nsfw: false,
      overwrites: [],
      lastMessageId: null,
      rateLimitPerUser: 0,
      flags: 0,
      recipientId: userId,
    };
    this.channels.set(dm.id, dm);
    return dm;
  }

  // ------------------------------------------------ lookups

  isThread(c: FakeChannel): boolean {
    return THREAD_TYPES.has(c.type);
  }

  guildOf(c: FakeChannel): FakeGuild | undefined {
    return c.guildId ? this.guilds.get(c.guildId) : undefined;
  }

  threadsOf(guildId: string): FakeChannel[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId && this.isThread(c));
  }

  activeThreads(guildId: string): FakeChannel[] {
    return this.threadsOf(guildId).filter((t) => !t.threadMetadata?.archived);
  }

  archivedThreads(parentId: string, type: 'public' | 'private'): FakeChannel[] {
    return [...this.channels.values()]
      .filter(
        (c) =>
          c.parentId === parentId &&
          this.isThread(c) &&
          c.threadMetadata?.archived &&
          (type === 'private' ? c.type === ChannelKind.PrivateThread : c.type !== ChannelKind.PrivateThread),
      )
      .sort(
        (a, b) =>
          Date.parse(b.threadMetadata!.archive_timestamp) - Date.parse(a.threadMetadata!.archive_timestamp),
      );
  }

  messagesIn(channelId: string): FakeMessage[] {
    return (this.channelMessages.get(channelId) ?? [])
      .map((id) => this.messages.get(id))
      .filter((m): m is FakeMessage => m !== undefined && !m.meta.deleted);
  }

  findCommand(name: string, guildId: string | undefined, type = 1): RegisteredCommand | undefined {
    const scoped = guildId ? this.guildCommands.get(guildId) : undefined;
    for (const map of [scoped, this.globalCommands]) {
      if (!map) continue;
      for (const c of map.values()) if (c.name === name && c.type === type) return c;
    }
    return undefined;
  }

  // ------------------------------------------------ permissions

  /** Guild-level permissions of a member (roles, owner, administrator). */
  basePermissions(guild: FakeGuild, userId: string): bigint {
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    if (!member) return 0n;
    let perms = guild.roles.get(guild.id)?.permissions ?? 0n;
    for (const r of member.roles) perms |= guild.roles.get(r)?.permissions ?? 0n;
    if ((perms & Perm.Administrator) !== 0n) return ALL_PERMISSIONS;
    return perms;
  }

  /** Effective permissions of a user in a channel, overwrites included (threads use their parent's). */
  permissionsIn(channel: FakeChannel, userId: string): bigint {
    if (channel.type === ChannelKind.DM)
      return channel.recipientId === userId || userId === this.botUser.id ? DM_PERMISSIONS : 0n;
    const guild = this.guildOf(channel);
    if (!guild) return 0n;
    const base = this.basePermissions(guild, userId);
    if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
    const source =
      this.isThread(channel) && channel.parentId ? (this.channels.get(channel.parentId) ?? channel) : channel;
    let perms = base;
    const member = guild.members.get(userId);
    const everyone = source.overwrites.find((o) => o.type === 0 && o.id === guild.id);
    if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
    let allow = 0n;
    let deny = 0n;
    for (const o of source.overwrites) {
      if (o.type === 0 && o.id !== guild.id && member?.roles.includes(o.id)) {
        allow |= o.allow;
        deny |= o.deny;
      }
    }
    perms = (perms & ~deny) | allow;
    const own = source.overwrites.find((o) => o.type === 1 && o.id === userId);
    if (own) perms = (perms & ~own.deny) | own.allow;
    if ((perms & Perm.ViewChannel) === 0n) return 0n;
    if (!this.isThread(channel) && (perms & Perm.SendMessages) === 0n) {
      perms &= ~(Perm.MentionEveryone | Perm.SendTTSMessages | Perm.AttachFiles | Perm.EmbedLinks);
    }
    return perms;
  }

  setMemberOverwrite(
    channelId: string,
    userId: string,
    change: { allow?: bigint; deny?: bigint },
  ): FakeChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    const target =
      this.isThread(channel) && channel.parentId ? this.channels.get(channel.parentId)! : channel;
    let o = target.overwrites.find((x) => x.type === 1 && x.id === userId);
    if (!o) {
      o = { id: userId, type: 1, allow: 0n, deny: 0n };
      target.overwrites.push(o);
    }
    const allow = change.allow ?? 0n;
    const deny = change.deny ?? 0n;
    o.allow = (o.allow & ~deny) | allow;
    o.deny = (o.deny & ~allow) | deny;
    return target;
  }

  // ------------------------------------------------ serialisers

  apiUser(u: FakeUser): Json {
    return {
      id: u.id,
      username: u.username,
      global_name: u.global_name,
      discriminator: u.discriminator,
      avatar: u.avatar,
      public_flags: u.public_flags,
      flags: u.public_flags,
      primary_guild: null,
      avatar_decoration_data: null,
      collectibles: null,
      ...(u.bot ? { bot: true } : {}),
    };
  }

  apiRole(r: FakeRole): Json {
    return {
      id: r.id,
      name: r.name,
      color: r.color,
      colors: { primary_color: r.color, secondary_color: null, tertiary_color: null },
      hoist: r.hoist,
      icon: null,
      unicode_emoji: null,
      position: r.position,
      permissions: r.permissions.toString(),
      managed: r.managed,
      mentionable: r.mentionable,
      flags: 0,
      ...(r.botId ? { tags: { bot_id: r.botId } } : {}),
    };
  }

  apiMember(guild: FakeGuild, m: FakeMember, extra: Json = {}): Json {
    const u = this.users.get(m.userId)!;
    return {
      user: this.apiUser(u),
      roles: [...m.roles],
      nick: m.nick,
      avatar: null,
      banner: null,
      joined_at: m.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      unusual_dm_activity_until: null,
      ...extra,
    };
  }

  apiChannel(c: FakeChannel): Json {
    if (c.type === ChannelKind.DM) {
      const u = this.users.get(c.recipientId!)!;
      return {
        id: c.id,
        type: c.type,
        last_message_id: c.lastMessageId,
        flags: c.flags,
        recipients: [this.apiUser(u)],
      };
    }
    const base: Json = {
      id: c.id,
      type: c.type,
      guild_id: c.guildId,
      name: c.name,
      flags: c.flags,
      parent_id: c.parentId,
    };
    if (this.isThread(c)) {
      return {
        ...base,
        owner_id: c.ownerId,
        last_message_id: c.lastMessageId,
        rate_limit_per_user: c.rateLimitPerUser,
        message_count: c.messageCount ?? 0,
        member_count: Math.min(c.memberIds?.size ?? 0, 50),
        total_message_sent: c.totalMessageSent ?? 0,
        thread_metadata: { ...c.threadMetadata },
        ...(c.appliedTags ? { applied_tags: [...c.appliedTags] } : {}),
      };
    }
    const overwrites = c.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    }));
    const out: Json = { ...base, position: c.position, permission_overwrites: overwrites };
    if (c.type === ChannelKind.GuildCategory) return out;
    Object.assign(out, {
      nsfw: c.nsfw,
      rate_limit_per_user: c.rateLimitPerUser,
      last_message_id: c.lastMessageId,
    });
    if (c.type === ChannelKind.GuildVoice || c.type === ChannelKind.GuildStageVoice) {
      return { ...out, bitrate: c.bitrate ?? 64000, user_limit: c.userLimit ?? 0, rtc_region: null };
    }
    Object.assign(out, { topic: c.topic, default_auto_archive_duration: c.defaultAutoArchiveDuration });
    if (c.type === ChannelKind.GuildForum || c.type === ChannelKind.GuildMedia) {
      Object.assign(out, {
        available_tags: (c.availableTags ?? []).map((t) => ({ ...t })),
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: 0,
        default_thread_rate_limit_per_user: 0,
      });
    }
    return out;
  }

  /** The thread-member object Discord attaches for the current user. */
  apiThreadMember(thread: FakeChannel, userId: string): Json {
    return {
      id: thread.id,
      user_id: userId,
      join_timestamp: thread.threadMetadata?.create_timestamp ?? new Date().toISOString(),
      flags: 0,
    };
  }

  apiGuild(g: FakeGuild): Json {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: [...g.roles.values()].map((r) => this.apiRole(r)),
      emojis: [],
      stickers: [],
      features: [...g.features],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: g.preferredLocale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  /** The GUILD_CREATE payload: the guild plus channels, threads, members, voice states... */
  guildCreatePayload(g: FakeGuild): Json {
    return {
      ...this.apiGuild(g),
      joined_at: g.joinedAt,
      large: false,
      unavailable: false,
      member_count: g.members.size,
      voice_states: [],
      members: [...g.members.values()].map((m) => this.apiMember(g, m)),
      channels: g.channelIds
        .map((id) => this.channels.get(id)!)
        .map((c) => {
          const api = this.apiChannel(c);
          delete api.guild_id;
          return api;
        }),
      threads: this.activeThreads(g.id)
        .filter((t) => (this.permissionsIn(t, this.botUser.id) & Perm.ViewChannel) !== 0n)
        .map((t) => ({
          ...this.apiChannel(t),
          ...(t.memberIds?.has(this.botUser.id) ? { member: this.apiThreadMember(t, this.botUser.id) } : {}),
        })),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      application_command_counts: {},
      lazy: true,
      hub_type: null,
      latest_onboarding_question_id: null,
      home_header: null,
      version: Date.now(),
    };
  }

  /** The message without the fake's bookkeeping, as Discord would send it. */
  apiMessage(m: FakeMessage): Json {
    const { meta: _meta, ...api } = m;
    return JSON.parse(JSON.stringify(api)) as Json;
  }
}

/** Mentions in a message body and who they would notify under `allowed_mentions` (absent = parse everything). */
export function computePings(content: unknown, allowedMentions: unknown): Pings {
  const text = typeof content === 'string' ? content : '';
  const everyoneMentioned = /@(everyone|here)/.test(text);
  const users = [...text.matchAll(/<@!?(\d{17,20})>/g)].map((m) => m[1]!);
  const roles = [...text.matchAll(/<@&(\d{17,20})>/g)].map((m) => m[1]!);
  if (!isObject(allowedMentions)) return { everyone: everyoneMentioned, users, roles };
  const parse = Array.isArray(allowedMentions.parse) ? (allowedMentions.parse as unknown[]) : [];
  const listed = (key: 'users' | 'roles') =>
    Array.isArray(allowedMentions[key]) ? (allowedMentions[key] as unknown[]).map(String) : [];
  return {
    everyone: everyoneMentioned && parse.includes('everyone'),
    users: parse.includes('users') ? users : users.filter((u) => listed('users').includes(u)),
    roles: parse.includes('roles') ? roles : roles.filter((r) => listed('roles').includes(r)),
  };
}

export function noPings(): Pings {
  return { everyone: false, users: [], roles: [] };
}
