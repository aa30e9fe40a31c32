/**
 * The fake REST API under /api/v10: routing, body parsing (JSON and multipart with payload_json),
 * bot-token auth, Discord-shaped errors, and the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelKind, MESSAGEABLE_TYPES, MessageFlag, Perm, THREAD_PARENT_TYPES } from './constants.js';
import { ApiError, FormErrors } from './errors.js';
import {
  isEmptyMessage,
  isObject,
  validateAutoArchive,
  validateCommand,
  validateCommandList,
  validateMessageBody,
  validateRateLimitPerUser,
  validateThreadName,
  type Json,
} from './limits.js';
import { applyEdit, buildMessage, clean, previewEdit, type UploadedFile } from './messages.js';
import { snowflake } from './snowflake.js';
import type { FakeChannel, FakeGuild, FakeMessage, RegisteredCommand } from './state.js';
import type { FakeDiscord } from './server.js';

export interface RequestLogEntry {
  seq: number;
  at: number;
  method: string;
  /** Path after /api/v10, e.g. `/channels/123/threads`. */
  path: string;
  /** The route template, e.g. `POST /channels/:channelId/threads` (or `unknown`). */
  route: string;
  query: Record<string, string>;
  /** Whether an Authorization header was sent (its value is never logged). */
  authorized: boolean;
  contentType?: string;
  userAgent?: string;
  auditLogReason?: string;
  body: unknown;
  files: UploadedFile[];
  status: number;
  response: unknown;
  durationMs: number;
  interactionId?: string;
}

export interface InjectedFailure {
  method?: string;
  /** Matched against the path after /api/v10 (string: exact or prefix with trailing '*'). */
  path?: string | RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
}

interface Ctx {
  fake: FakeDiscord;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

interface Result {
  status: number;
  body?: unknown;
}

type Handler = (ctx: Ctx) => Result;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  auth: boolean;
  handler: Handler;
}

function route(method: string, pattern: string, handler: Handler, auth = true): Route {
  return { method, pattern, segments: pattern.split('/').filter(Boolean), auth, handler };
}

function ok(body: unknown, status = 200): Result {
  return { status, body };
}

const noContent: Result = { status: 204 };

// ---------------------------------------------------------------- helpers

function channelOr404(fake: FakeDiscord, id: string): FakeChannel {
  const c = fake.world.channels.get(id);
  if (!c) throw ApiError.unknownChannel();
  return c;
}

function botPerms(fake: FakeDiscord, c: FakeChannel): bigint {
  return fake.world.permissionsIn(c, fake.world.botUser.id);
}

/** The bot must see the channel (403 50001 otherwise). */
function viewable(fake: FakeDiscord, c: FakeChannel): bigint {
  if (c.type === ChannelKind.DM) return botPerms(fake, c);
  const perms = botPerms(fake, c);
  if ((perms & Perm.ViewChannel) === 0n) throw ApiError.missingAccess();
  if (
    c.type === ChannelKind.PrivateThread &&
    !c.memberIds?.has(fake.world.botUser.id) &&
    (perms & Perm.ManageThreads) === 0n
  ) {
    throw ApiError.missingAccess();
  }
  return perms;
}

function need(perms: bigint, bit: bigint): void {
  if ((perms & bit) !== bit) throw ApiError.missingPermissions();
}

function guildOr403(fake: FakeDiscord, id: string): FakeGuild {
  const g = fake.world.guilds.get(id);
  if (!g || !g.members.has(fake.world.botUser.id)) throw ApiError.missingAccess();
  return g;
}

function appCheck(fake: FakeDiscord, id: string): void {
  if (id !== fake.applicationId) throw ApiError.missingAccess();
}

function bodyObject(body: unknown): Json {
  if (body === undefined || body === null) return {};
  if (!isObject(body))
    throw ApiError.field([], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  return body;
}

function normaliseCommand(
  fake: FakeDiscord,
  c: Json,
  id: string,
  guildId: string | undefined,
): RegisteredCommand {
  const cleaned = clean(c);
  const cmd: RegisteredCommand = {
    id,
    application_id: fake.applicationId,
    version: snowflake(),
    default_member_permissions: cleaned.default_member_permissions ?? null,
    type: typeof cleaned.type === 'number' ? cleaned.type : 1,
    name: String(cleaned.name),
    description: typeof cleaned.description === 'string' ? cleaned.description : '',
    ...(guildId ? { guild_id: guildId } : {}),
    nsfw: cleaned.nsfw === true,
    contexts: Array.isArray(cleaned.contexts) ? cleaned.contexts : null,
    integration_types: Array.isArray(cleaned.integration_types) ? cleaned.integration_types : [0],
  };
  if (cleaned.dm_permission !== undefined) cmd.dm_permission = cleaned.dm_permission;
  if (cleaned.name_localizations) cmd.name_localizations = cleaned.name_localizations;
  if (cleaned.description_localizations) cmd.description_localizations = cleaned.description_localizations;
  if (Array.isArray(cleaned.options) && cleaned.options.length > 0) cmd.options = cleaned.options as Json[];
  return cmd;
}

function commandScope(
  fake: FakeDiscord,
  params: Record<string, string>,
): { map: Map<string, RegisteredCommand>; guildId?: string } {
  appCheck(fake, params.app!);
  if (!params.guild) return { map: fake.world.globalCommands };
  guildOr403(fake, params.guild);
  let map = fake.world.guildCommands.get(params.guild);
  if (!map) {
    map = new Map();
    fake.world.guildCommands.set(params.guild, map);
  }
  return { map, guildId: params.guild };
}

function putCommands(ctx: Ctx): Result {
  const { map, guildId } = commandScope(ctx.fake, ctx.params);
  const errors = new FormErrors();
  const valid = validateCommandList(errors, ctx.body);
  errors.throwIfAny();
  if (!valid) throw ApiError.invalidForm(errors);
  const list = ctx.body as Json[];
  const next: RegisteredCommand[] = list.map((c) => {
    const type = typeof c.type === 'number' ? c.type : 1;
    const existing = [...map.values()].find((x) => x.name === c.name && x.type === type);
    return normaliseCommand(ctx.fake, c, existing?.id ?? snowflake(), guildId);
  });
  map.clear();
  for (const c of next) map.set(c.id, c);
  ctx.fake.changed();
  return ok(next);
}

function postCommand(ctx: Ctx): Result {
  const { map, guildId } = commandScope(ctx.fake, ctx.params);
  const errors = new FormErrors();
  validateCommand(errors, [], ctx.body);
  errors.throwIfAny();
  const c = ctx.body as Json;
  const type = typeof c.type === 'number' ? c.type : 1;
  const existing = [...map.values()].find((x) => x.name === c.name && x.type === type);
  const cmd = normaliseCommand(ctx.fake, c, existing?.id ?? snowflake(), guildId);
  map.set(cmd.id, cmd);
  ctx.fake.changed();
  return ok(cmd, existing ? 200 : 201);
}

function oneCommand(ctx: Ctx): {
  map: Map<string, RegisteredCommand>;
  cmd: RegisteredCommand;
  guildId?: string;
} {
  const { map, guildId } = commandScope(ctx.fake, ctx.params);
  const cmd = map.get(ctx.params.command!);
  if (!cmd) throw ApiError.unknownCommand();
  return { map, cmd, ...(guildId ? { guildId } : {}) };
}

function patchCommand(ctx: Ctx): Result {
  const { map, cmd, guildId } = oneCommand(ctx);
  const { id: _id, application_id: _a, version: _v, guild_id: _g, ...current } = cmd;
  const merged: Json = { ...current, ...bodyObject(ctx.body) };
  const errors = new FormErrors();
  validateCommand(errors, [], merged);
  errors.throwIfAny();
  const next = normaliseCommand(ctx.fake, merged, cmd.id, guildId);
  map.set(cmd.id, next);
  ctx.fake.changed();
  return ok(next);
}

// ---------------------------------------------------------------- messages & threads

function postChannelMessage(ctx: Ctx): Result {
  const { fake } = ctx;
  const channel = channelOr404(fake, ctx.params.channel!);
  const perms = viewable(fake, channel);
  if (!MESSAGEABLE_TYPES.has(channel.type)) throw ApiError.nonTextChannel();
  const isThread = fake.world.isThread(channel);
  if (isThread && channel.threadMetadata?.archived) {
    if (channel.threadMetadata.locked && (perms & Perm.ManageThreads) === 0n) throw ApiError.threadArchived();
  }
  need(perms, isThread ? Perm.SendMessagesInThreads : Perm.SendMessages);
  const body = bodyObject(ctx.body);
  const errors = new FormErrors();
  validateMessageBody(errors, [], body);
  const ref = body.message_reference;
  if (isObject(ref)) {
    const target = typeof ref.message_id === 'string' ? fake.world.messages.get(ref.message_id) : undefined;
    if (
      (!target || target.channel_id !== channel.id || target.meta.deleted) &&
      ref.fail_if_not_exists !== false
    ) {
      errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    }
  }
  errors.throwIfAny();
  if (isEmptyMessage({ ...body, attachments: ctx.files.length > 0 ? ctx.files : body.attachments }))
    throw ApiError.emptyMessage();
  if (typeof body.flags === 'number' && (body.flags & MessageFlag.Ephemeral) !== 0) {
    fake.warnings.push(
      `POST /channels/${channel.id}/messages with flags 64: ignored, only interaction responses can be ephemeral`,
    );
  }
  if (isThread && channel.threadMetadata?.archived) {
    channel.threadMetadata.archived = false;
    channel.threadMetadata.archive_timestamp = new Date().toISOString();
    fake.dispatchThreadUpdate(channel);
  }
  const msg = buildMessage(fake.world, {
    channelId: channel.id,
    ...(channel.guildId ? { guildId: channel.guildId } : {}),
    body,
    author: fake.world.botUser,
    type: isObject(ref) ? 19 : 0,
    source: 'channel',
    ephemeral: false,
    files: ctx.files,
  });
  fake.storeMessage(msg);
  return ok(fake.world.apiMessage(msg));
}

function channelMessage(ctx: Ctx): { channel: FakeChannel; msg: FakeMessage; perms: bigint } {
  const channel = channelOr404(ctx.fake, ctx.params.channel!);
  const perms = viewable(ctx.fake, channel);
  const msg = ctx.fake.world.messages.get(ctx.params.message!);
  if (!msg || msg.channel_id !== channel.id || msg.meta.deleted || msg.meta.ephemeral)
    throw ApiError.unknownMessage();
  return { channel, msg, perms };
}

function createThread(ctx: Ctx, fromMessage: boolean): Result {
  const { fake } = ctx;
  const world = fake.world;
  const bot = world.botUser.id;
  const parent = channelOr404(fake, ctx.params.channel!);
  const perms = viewable(fake, parent);
  if (world.isThread(parent) || !THREAD_PARENT_TYPES.has(parent.type)) throw ApiError.wrongChannelType();
  const forum = parent.type === ChannelKind.GuildForum || parent.type === ChannelKind.GuildMedia;
  let start: FakeMessage | undefined;
  if (fromMessage) {
    if (forum) throw ApiError.wrongChannelType();
    start = world.messages.get(ctx.params.message!);
    if (!start || start.channel_id !== parent.id || start.meta.deleted || start.meta.ephemeral)
      throw ApiError.unknownMessage();
  }
  const body = bodyObject(ctx.body);
  const errors = new FormErrors();
  validateThreadName(errors, ['name'], body.name);
  validateAutoArchive(errors, ['auto_archive_duration'], body.auto_archive_duration);
  validateRateLimitPerUser(errors, ['rate_limit_per_user'], body.rate_limit_per_user);
  let type: number;
  let appliedTags: string[] = [];
  if (forum) {
    type = ChannelKind.PublicThread;
    if (!isObject(body.message)) errors.add(['message'], 'BASE_TYPE_REQUIRED', 'This field is required');
    else validateMessageBody(errors, ['message'], body.message);
    if (body.applied_tags !== undefined && body.applied_tags !== null) {
      if (!Array.isArray(body.applied_tags) || body.applied_tags.length > 5) {
        errors.add(['applied_tags'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
      } else {
        appliedTags = body.applied_tags.map(String);
        appliedTags.forEach((t, i) => {
          if (!parent.availableTags?.some((x) => x.id === t))
            errors.add(['applied_tags', i], 'FORUM_TAG_UNKNOWN', 'Unknown tag');
        });
      }
    }
  } else if (start) {
    type =
      parent.type === ChannelKind.GuildAnnouncement
        ? ChannelKind.AnnouncementThread
        : ChannelKind.PublicThread;
  } else {
    const allowed =
      parent.type === ChannelKind.GuildAnnouncement
        ? [ChannelKind.AnnouncementThread]
        : [ChannelKind.PublicThread, ChannelKind.PrivateThread];
    // The API still defaults to a private thread when `type` is omitted.
    type = typeof body.type === 'number' ? body.type : ChannelKind.PrivateThread;
    if (!(allowed as number[]).includes(type))
      errors.add(['type'], 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
  }
  errors.throwIfAny();
  const starterBody = forum ? (body.message as Json) : undefined;
  if (
    starterBody &&
    isEmptyMessage({
      ...starterBody,
      attachments: ctx.files.length > 0 ? ctx.files : starterBody.attachments,
    })
  ) {
    throw ApiError.emptyMessage();
  }
  if (forum) need(perms, Perm.SendMessages);
  else if (type === ChannelKind.PrivateThread) need(perms, Perm.CreatePrivateThreads);
  else need(perms, Perm.CreatePublicThreads);
  if (start) need(perms, Perm.ReadMessageHistory);
  if (forum && (parent.flags & (1 << 4)) !== 0 && appliedTags.length === 0) throw ApiError.tagRequired();
  if (world.activeThreads(parent.guildId!).length >= fake.options.maxActiveThreads)
    throw ApiError.maxActiveThreads();
  if (start && world.channels.has(start.id)) throw ApiError.threadAlreadyCreated();

  const thread = world.createThread({
    parent,
    name: String(body.name),
    ownerId: bot,
    type,
    ...(start ? { id: start.id } : {}),
    ...(typeof body.auto_archive_duration === 'number'
      ? { autoArchiveDuration: body.auto_archive_duration }
      : {}),
    ...(typeof body.rate_limit_per_user === 'number' ? { rateLimitPerUser: body.rate_limit_per_user } : {}),
    ...(typeof body.invitable === 'boolean' ? { invitable: body.invitable } : {}),
    appliedTags,
  });
  if (start) {
    start.flags |= 1 << 5; // HAS_THREAD
    fake.messageChanged(start);
  }
  fake.dispatchThreadCreate(thread);
  let starter: FakeMessage | undefined;
  if (starterBody) {
    starter = buildMessage(world, {
      id: thread.id,
      channelId: thread.id,
      guildId: thread.guildId!,
      body: starterBody,
      author: world.botUser,
      type: 0,
      source: 'forum-starter',
      ephemeral: false,
      files: ctx.files,
    });
    fake.storeMessage(starter, { countInThread: false });
  }
  return ok(
    {
      ...world.apiChannel(thread),
      member: world.apiThreadMember(thread, bot),
      ...(starter ? { message: world.apiMessage(starter) } : {}),
    },
    201,
  );
}

function archivedThreads(ctx: Ctx, kind: 'public' | 'private', joinedOnly = false): Result {
  const { fake } = ctx;
  const channel = channelOr404(fake, ctx.params.channel!);
  const perms = viewable(fake, channel);
  if (!THREAD_PARENT_TYPES.has(channel.type)) throw ApiError.wrongChannelType();
  need(perms, Perm.ReadMessageHistory);
  if (kind === 'private' && !joinedOnly) need(perms, Perm.ManageThreads);
  const bot = fake.world.botUser.id;
  const beforeRaw = ctx.query.get('before');
  const before = beforeRaw ? Date.parse(beforeRaw) : Number.POSITIVE_INFINITY;
  const limitRaw = Number(ctx.query.get('limit') ?? 50);
  const limit = Number.isFinite(limitRaw) ? Math.min(Math.max(Math.trunc(limitRaw), 1), 100) : 50;
  let list = fake.world
    .archivedThreads(channel.id, kind)
    .filter((t) => Date.parse(t.threadMetadata!.archive_timestamp) < before);
  if (joinedOnly) list = list.filter((t) => t.memberIds?.has(bot));
  const page = list.slice(0, limit);
  return ok({
    threads: page.map((t) => fake.world.apiChannel(t)),
    members: page.filter((t) => t.memberIds?.has(bot)).map((t) => fake.world.apiThreadMember(t, bot)),
    has_more: list.length > limit,
  });
}

function patchChannel(ctx: Ctx): Result {
  const { fake } = ctx;
  const channel = channelOr404(fake, ctx.params.channel!);
  const perms = viewable(fake, channel);
  const body = bodyObject(ctx.body);
  const world = fake.world;
  if (!world.isThread(channel)) {
    need(perms, Perm.ManageChannels);
    const errors = new FormErrors();
    if (body.name !== undefined) validateThreadName(errors, ['name'], body.name);
    errors.throwIfAny();
    if (typeof body.name === 'string') channel.name = body.name;
    if (typeof body.topic === 'string' || body.topic === null) channel.topic = body.topic;
    fake.dispatchChannelUpdate(channel);
    return ok(world.apiChannel(channel));
  }
  const meta = channel.threadMetadata!;
  const isOwner = channel.ownerId === world.botUser.id;
  const canManage = (perms & Perm.ManageThreads) !== 0n;
  if (meta.locked && !canManage) throw ApiError.threadArchived();
  const errors = new FormErrors();
  if (body.name !== undefined) validateThreadName(errors, ['name'], body.name);
  validateAutoArchive(errors, ['auto_archive_duration'], body.auto_archive_duration);
  errors.throwIfAny();
  if (
    (body.name !== undefined || body.archived !== undefined || body.auto_archive_duration !== undefined) &&
    !isOwner &&
    !canManage
  ) {
    throw ApiError.missingPermissions();
  }
  if (body.locked !== undefined && !canManage) throw ApiError.missingPermissions();
  if (typeof body.name === 'string') channel.name = body.name;
  if (typeof body.archived === 'boolean' && body.archived !== meta.archived) {
    meta.archived = body.archived;
    meta.archive_timestamp = new Date().toISOString();
  }
  if (typeof body.locked === 'boolean') meta.locked = body.locked;
  if (typeof body.auto_archive_duration === 'number') meta.auto_archive_duration = body.auto_archive_duration;
  if (Array.isArray(body.applied_tags)) channel.appliedTags = body.applied_tags.map(String);
  fake.dispatchThreadUpdate(channel);
  return ok(world.apiChannel(channel));
}

function deleteChannel(ctx: Ctx): Result {
  const { fake } = ctx;
  const channel = channelOr404(fake, ctx.params.channel!);
  const perms = viewable(fake, channel);
  need(perms, fake.world.isThread(channel) ? Perm.ManageThreads : Perm.ManageChannels);
  const api = fake.world.apiChannel(channel);
  fake.removeChannel(channel);
  return ok(api);
}

// ---------------------------------------------------------------- route table

export function buildRoutes(): Route[] {
  return [
    route('GET', '/gateway', ({ fake }) => ok({ url: fake.gatewayUrl() }), false),
    route('GET', '/gateway/bot', ({ fake }) =>
      ok({
        url: fake.gatewayUrl(),
        shards: fake.options.shards,
        session_start_limit: {
          total: 1000,
          remaining: Math.max(0, 1000 - fake.gateway.identifyCount),
          reset_after: 14_400_000,
          max_concurrency: 1,
        },
      }),
    ),
    route('GET', '/users/@me', ({ fake }) =>
      ok({
        ...fake.world.apiUser(fake.world.botUser),
        bot: true,
        verified: true,
        mfa_enabled: false,
        locale: 'en-US',
        email: null,
        premium_type: 0,
        bio: '',
        banner: null,
        accent_color: null,
      }),
    ),
    route('GET', '/users/@me/guilds', ({ fake }) =>
      ok(
        [...fake.world.guilds.values()]
          .filter((g) => g.members.has(fake.world.botUser.id))
          .map((g) => ({
            id: g.id,
            name: g.name,
            icon: null,
            banner: null,
            owner: false,
            permissions: fake.world.basePermissions(g, fake.world.botUser.id).toString(),
            features: [...g.features],
          })),
      ),
    ),
    route('POST', '/users/@me/channels', ({ fake, body }) => {
      const b = bodyObject(body);
      const user = typeof b.recipient_id === 'string' ? fake.world.users.get(b.recipient_id) : undefined;
      if (!user) throw ApiError.field(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      return ok(fake.world.apiChannel(fake.world.dmChannelFor(user.id)));
    }),
    route('GET', '/users/:user', ({ fake, params }) => {
      const u = fake.world.users.get(params.user!);
      if (!u) throw ApiError.unknownUser();
      return ok(fake.world.apiUser(u));
    }),
    route('GET', '/applications/@me', ({ fake }) => ok(fake.applicationObject())),
    route('GET', '/applications/:app/commands', (ctx) =>
      ok([...commandScope(ctx.fake, ctx.params).map.values()]),
    ),
    route('PUT', '/applications/:app/commands', putCommands),
    route('POST', '/applications/:app/commands', postCommand),
    route('GET', '/applications/:app/commands/:command', (ctx) => ok(oneCommand(ctx).cmd)),
    route('PATCH', '/applications/:app/commands/:command', patchCommand),
    route('DELETE', '/applications/:app/commands/:command', (ctx) => {
      const { map, cmd } = oneCommand(ctx);
      map.delete(cmd.id);
      ctx.fake.changed();
      return noContent;
    }),
    route('GET', '/applications/:app/guilds/:guild/commands', (ctx) =>
      ok([...commandScope(ctx.fake, ctx.params).map.values()]),
    ),
    route('PUT', '/applications/:app/guilds/:guild/commands', putCommands),
    route('POST', '/applications/:app/guilds/:guild/commands', postCommand),
    route('GET', '/applications/:app/guilds/:guild/commands/:command', (ctx) => ok(oneCommand(ctx).cmd)),
    route('PATCH', '/applications/:app/guilds/:guild/commands/:command', patchCommand),
    route('DELETE', '/applications/:app/guilds/:guild/commands/:command', (ctx) => {
      const { map, cmd } = oneCommand(ctx);
      map.delete(cmd.id);
      ctx.fake.changed();
      return noContent;
    }),

    // Interaction responses: no bot token (the interaction token is the credential).
    route(
      'POST',
      '/interactions/:interaction/:token/callback',
      ({ fake, params, body, query, files }) =>
        fake.interactions.callback(params.interaction!, params.token!, body, query, files),
      false,
    ),
    route(
      'POST',
      '/webhooks/:app/:token',
      ({ fake, params, body, query, files }) =>
        fake.interactions.followUp(params.app!, params.token!, body, query, files),
      false,
    ),
    route(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      ({ fake, params }) => fake.interactions.getMessage(params.app!, params.token!, params.message!),
      false,
    ),
    route(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      ({ fake, params, body, files }) =>
        fake.interactions.editMessage(params.app!, params.token!, params.message!, body, files),
      false,
    ),
    route(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      ({ fake, params }) => fake.interactions.deleteMessage(params.app!, params.token!, params.message!),
      false,
    ),

    route('GET', '/channels/:channel', ({ fake, params }) => {
      const c = channelOr404(fake, params.channel!);
      viewable(fake, c);
      const bot = fake.world.botUser.id;
      return ok({
        ...fake.world.apiChannel(c),
        ...(c.memberIds?.has(bot) ? { member: fake.world.apiThreadMember(c, bot) } : {}),
      });
    }),
    route('PATCH', '/channels/:channel', patchChannel),
    route('DELETE', '/channels/:channel', deleteChannel),
    route('GET', '/channels/:channel/messages', ({ fake, params, query }) => {
      const c = channelOr404(fake, params.channel!);
      const perms = viewable(fake, c);
      if ((perms & Perm.ReadMessageHistory) === 0n) return ok([]);
      let list = fake.world.messagesIn(c.id);
      const before = query.get('before');
      const after = query.get('after');
      if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
      if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
      const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 100);
      const page = after ? list.slice(0, limit) : list.slice(-limit);
      return ok(page.reverse().map((m) => fake.world.apiMessage(m)));
    }),
    route('POST', '/channels/:channel/messages', postChannelMessage),
    route('GET', '/channels/:channel/messages/:message', (ctx) => {
      const { msg, perms } = channelMessage(ctx);
      need(perms, Perm.ReadMessageHistory);
      return ok(ctx.fake.world.apiMessage(msg));
    }),
    route('PATCH', '/channels/:channel/messages/:message', (ctx) => {
      const { msg } = channelMessage(ctx);
      if ((msg.author as Json).id !== ctx.fake.world.botUser.id) {
        throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
      }
      const body = bodyObject(ctx.body);
      const errors = new FormErrors();
      validateMessageBody(errors, [], body);
      errors.throwIfAny();
      if (
        isEmptyMessage({
          ...previewEdit(msg, body),
          attachments: ctx.files.length > 0 ? ctx.files : previewEdit(msg, body).attachments,
        })
      ) {
        throw ApiError.emptyMessage();
      }
      applyEdit(msg, body, ctx.files);
      ctx.fake.messageChanged(msg);
      return ok(ctx.fake.world.apiMessage(msg));
    }),
    route('DELETE', '/channels/:channel/messages/:message', (ctx) => {
      const { msg, perms } = channelMessage(ctx);
      if ((msg.author as Json).id !== ctx.fake.world.botUser.id) need(perms, Perm.ManageMessages);
      ctx.fake.deleteMessage(msg);
      return noContent;
    }),
    route('POST', '/channels/:channel/threads', (ctx) => createThread(ctx, false)),
    route('POST', '/channels/:channel/messages/:message/threads', (ctx) => createThread(ctx, true)),
    route('GET', '/channels/:channel/threads/archived/public', (ctx) => archivedThreads(ctx, 'public')),
    route('GET', '/channels/:channel/threads/archived/private', (ctx) => archivedThreads(ctx, 'private')),
    route('GET', '/channels/:channel/users/@me/threads/archived/private', (ctx) =>
      archivedThreads(ctx, 'private', true),
    ),
    route('GET', '/channels/:channel/thread-members', ({ fake, params }) => {
      const c = channelOr404(fake, params.channel!);
      viewable(fake, c);
      if (!fake.world.isThread(c)) throw ApiError.wrongChannelType();
      return ok([...(c.memberIds ?? [])].map((id) => fake.world.apiThreadMember(c, id)));
    }),
    route('PUT', '/channels/:channel/thread-members/@me', ({ fake, params }) => {
      const c = channelOr404(fake, params.channel!);
      viewable(fake, c);
      if (!fake.world.isThread(c)) throw ApiError.wrongChannelType();
      if (c.threadMetadata?.archived) throw ApiError.threadArchived();
      (c.memberIds ??= new Set()).add(fake.world.botUser.id);
      fake.changed();
      return noContent;
    }),
    route('DELETE', '/channels/:channel/thread-members/@me', ({ fake, params }) => {
      const c = channelOr404(fake, params.channel!);
      if (!fake.world.isThread(c)) throw ApiError.wrongChannelType();
      c.memberIds?.delete(fake.world.botUser.id);
      fake.changed();
      return noContent;
    }),
    route('POST', '/channels/:channel/typing', ({ fake, params }) => {
      const c = channelOr404(fake, params.channel!);
      viewable(fake, c);
      return noContent;
    }),

    route('GET', '/guilds/:guild', ({ fake, params, query }) => {
      const g = guildOr403(fake, params.guild!);
      return ok({
        ...fake.world.apiGuild(g),
        ...(query.get('with_counts') === 'true'
          ? { approximate_member_count: g.members.size, approximate_presence_count: 0 }
          : {}),
      });
    }),
    route('GET', '/guilds/:guild/channels', ({ fake, params }) => {
      const g = guildOr403(fake, params.guild!);
      return ok(g.channelIds.map((id) => fake.world.apiChannel(fake.world.channels.get(id)!)));
    }),
    route('GET', '/guilds/:guild/roles', ({ fake, params }) => {
      const g = guildOr403(fake, params.guild!);
      return ok([...g.roles.values()].map((r) => fake.world.apiRole(r)));
    }),
    route('GET', '/guilds/:guild/members/:user', ({ fake, params }) => {
      const g = guildOr403(fake, params.guild!);
      const m = g.members.get(params.user!);
      if (!m) throw ApiError.unknownMember();
      return ok(fake.world.apiMember(g, m));
    }),
    route('GET', '/guilds/:guild/threads/active', ({ fake, params }) => {
      const g = guildOr403(fake, params.guild!);
      const bot = fake.world.botUser.id;
      const threads = fake.world.activeThreads(g.id).filter((t) => {
        const perms = botPerms(fake, t);
        if ((perms & Perm.ViewChannel) === 0n) return false;
        return (
          t.type !== ChannelKind.PrivateThread || t.memberIds?.has(bot) || (perms & Perm.ManageThreads) !== 0n
        );
      });
      return ok({
        threads: threads.map((t) => fake.world.apiChannel(t)),
        members: threads.filter((t) => t.memberIds?.has(bot)).map((t) => fake.world.apiThreadMember(t, bot)),
      });
    }),
  ];
}

// ---------------------------------------------------------------- HTTP plumbing

function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route?: Route; params: Record<string, string>; pathKnown: boolean } {
  const segs = path.split('/').filter(Boolean);
  let pathKnown = false;
  for (const r of routes) {
    if (r.segments.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let okMatch = true;
    for (let i = 0; i < segs.length; i++) {
      const p = r.segments[i]!;
      const s = decodeURIComponent(segs[i]!);
      if (p.startsWith(':')) params[p.slice(1)] = s;
      else if (p !== s) {
        okMatch = false;
        break;
      }
    }
    if (!okMatch) continue;
    pathKnown = true;
    if (r.method === method) return { route: r, params, pathKnown };
  }
  return { params: {}, pathKnown };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.local/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    let body: unknown = {};
    const files: UploadedFile[] = [];
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        if (key === 'payload_json') body = JSON.parse(value) as unknown;
        else if (isObject(body)) body[key] = value;
      } else {
        files.push({
          field: key,
          name: value.name,
          size: value.size,
          contentType: value.type || 'application/octet-stream',
        });
      }
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text).toString(),
    ...headers,
  });
  res.end(text);
}

function failureMatches(f: InjectedFailure, method: string, path: string): boolean {
  if (f.method && f.method.toUpperCase() !== method) return false;
  if (f.path === undefined) return true;
  if (f.path instanceof RegExp) return f.path.test(path);
  return f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path;
}

export async function handleHttp(
  fake: FakeDiscord,
  routes: Route[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const prefix = '/api/v10';
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
  const entry: RequestLogEntry = {
    seq: fake.requests.length + 1,
    at: started,
    method,
    path,
    route: 'unknown',
    query: Object.fromEntries(url.searchParams),
    authorized: typeof req.headers.authorization === 'string',
    ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
    ...(typeof req.headers['user-agent'] === 'string' ? { userAgent: req.headers['user-agent'] } : {}),
    ...(typeof req.headers['x-audit-log-reason'] === 'string'
      ? { auditLogReason: decodeURIComponent(req.headers['x-audit-log-reason']) }
      : {}),
    body: undefined,
    files: [],
    status: 0,
    response: undefined,
    durationMs: 0,
  };
  let status = 500;
  let responseBody: unknown;
  let headers: Record<string, string> = {};
  try {
    const raw = await readBody(req);
    if (!url.pathname.startsWith(`${prefix}/`)) throw ApiError.notFound();
    const { route: matched, params, pathKnown } = matchRoute(routes, method, path);
    if (!matched) throw pathKnown ? ApiError.methodNotAllowed() : ApiError.notFound();
    entry.route = `${matched.method} ${matched.pattern}`;
    let parsed: { body: unknown; files: UploadedFile[] };
    try {
      parsed = await parseBody(req, raw);
    } catch {
      throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
    }
    entry.body = parsed.body;
    entry.files = parsed.files;
    const token = params.token;
    const rec = token ? fake.interactions.byTokenValue(token) : undefined;
    if (rec) {
      entry.interactionId = rec.id;
      rec.requests.push(entry);
    }
    const failure = fake.failures.find((f) => failureMatches(f, method, path));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) fake.failures.splice(fake.failures.indexOf(failure), 1);
      status = failure.status;
      responseBody = failure.body ?? { message: `Injected failure ${failure.status}`, code: 0 };
      headers = failure.headers ?? {};
    } else {
      if (matched.auth && req.headers.authorization !== `Bot ${fake.token}`) throw ApiError.unauthorized();
      const result = matched.handler({
        fake,
        params,
        query: url.searchParams,
        body: parsed.body,
        files: parsed.files,
      });
      status = result.status;
      responseBody = result.body;
    }
  } catch (e) {
    if (e instanceof ApiError) {
      status = e.status;
      responseBody = e.body();
    } else {
      status = 500;
      responseBody = { message: '500: Internal Server Error (fake Discord bug)', code: 0 };
      fake.debug(`fake REST handler crashed on ${method} ${path}: ${(e as Error).stack ?? String(e)}`);
      fake.internalErrors.push(e as Error);
    }
  }
  entry.status = status;
  entry.response = responseBody;
  entry.durationMs = Date.now() - started;
  fake.requests.push(entry);
  fake.debug(`REST ${method} ${path} → ${status}${status >= 400 ? ` ${JSON.stringify(responseBody)}` : ''}`);
  send(res, status, responseBody, headers);
  fake.changed();
}
