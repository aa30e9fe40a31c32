/**
 * FakeDiscord: one HTTP server on 127.0.0.1 serving the REST API under /api/v10 and the gateway
 * (WebSocket upgrade on the same port), a seeded world, interaction injection and inspection.
 *
 *   const fake = await FakeDiscord.start();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login(fake.token);
 *   const i = fake.sendCommand({ name: 'quote', options: { topic: 'virtue' } });
 *   const rec = await i.response();
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackType, ChannelKind, Intent, MessageFlag, Perm } from './constants.js';
import { Gateway, type GatewayLogEntry, type GatewaySession } from './gateway.js';
import {
  Interactions,
  type AutocompleteInjection,
  type CommandInjection,
  type ComponentInjection,
  type InjectedInteraction,
  type InteractionRecord,
  type ModalSubmitInjection,
} from './interactions.js';
import type { Json } from './limits.js';
import { buildMessage } from './messages.js';
import { buildRoutes, handleHttp, type InjectedFailure, type RequestLogEntry } from './rest.js';
import { snowflake } from './snowflake.js';
import {
  makeUser,
  World,
  type FakeChannel,
  type FakeMessage,
  type FakeUser,
  type RegisteredCommand,
  type SeededGuild,
} from './state.js';

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (REST `Authorization: Bot <token>`, gateway IDENTIFY). */
  token?: string;
  applicationId?: string;
  botUsername?: string;
  /** Names of the guilds to seed (each gets the standard layout). Default: one, "Reading Group". */
  guilds?: string[];
  /** Recommended shard count returned by GET /gateway/bot. */
  shards?: number;
  heartbeatIntervalMs?: number;
  /** Time to the first response before the interaction dies (404 10062). Default 3000. */
  ackWindowMs?: number;
  /** Lifetime of the interaction token for edits and follow-ups. Default 15 minutes. */
  tokenLifetimeMs?: number;
  /** Close the gateway with 4013 when IDENTIFY lacks the Guilds intent (real Discord would not). Default true. */
  requireGuildsIntent?: boolean;
  /** Privileged intents "enabled in the developer portal"; others requested → close 4014. Default 0. */
  privilegedIntents?: number;
  maxActiveThreads?: number;
  /** Print a debug line for each request and gateway event (or pass a sink). */
  debug?: boolean | ((line: string) => void);
  port?: number;
}

export interface ResolvedOptions {
  token: string;
  applicationId: string;
  shards: number;
  heartbeatIntervalMs: number;
  ackWindowMs: number;
  tokenLifetimeMs: number;
  maxActiveThreads: number;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Shown in the timeout error. */
  description?: string;
}

export class FakeDiscord extends EventEmitter {
  readonly world: World;
  readonly gateway: Gateway;
  readonly interactions: Interactions;
  readonly options: ResolvedOptions;
  /** Every REST request, in order. */
  readonly requests: RequestLogEntry[] = [];
  /** Things real Discord silently ignores that a bot probably did not mean. */
  readonly warnings: string[] = [];
  /** Crashes inside the fake itself (answered as 500): should stay empty. */
  readonly internalErrors: Error[] = [];
  readonly failures: InjectedFailure[] = [];
  readonly guilds: SeededGuild[];
  private server?: Server;
  private portNumber = 0;
  private readonly debugSink?: (line: string) => void;
  private readonly routes = buildRoutes();

  constructor(opts: FakeDiscordOptions = {}) {
    super();
    this.setMaxListeners(0);
    const applicationId = opts.applicationId ?? snowflake();
    this.options = {
      token:
        opts.token ??
        `${Buffer.from(applicationId).toString('base64url')}.fake.${Math.random().toString(36).slice(2)}`,
      applicationId,
      shards: opts.shards ?? 1,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      ackWindowMs: opts.ackWindowMs ?? 3_000,
      tokenLifetimeMs: opts.tokenLifetimeMs ?? 15 * 60_000,
      maxActiveThreads: opts.maxActiveThreads ?? 1000,
    };
    if (opts.debug === true) this.debugSink = (line) => console.log(`[fake-discord] ${line}`);
    else if (typeof opts.debug === 'function') this.debugSink = opts.debug;
    const bot = makeUser(opts.botUsername ?? 'Parley', { id: applicationId, bot: true, global_name: null });
    this.world = new World(bot, applicationId);
    this.guilds = (opts.guilds ?? ['Reading Group']).map((name) => this.world.seedGuild(name));
    this.gateway = new Gateway(
      {
        world: this.world,
        applicationId,
        gatewayUrl: () => this.gatewayUrl(),
        changed: () => this.changed(),
        debug: (line) => this.debug(line),
      },
      {
        token: this.options.token,
        heartbeatIntervalMs: this.options.heartbeatIntervalMs,
        requireGuildsIntent: opts.requireGuildsIntent ?? true,
        privilegedIntents: opts.privilegedIntents ?? 0,
        replayBuffer: 1000,
      },
    );
    this.interactions = new Interactions(this);
    this.portNumber = opts.port ?? 0;
  }

  /** Creates a fake and starts listening on 127.0.0.1 (random free port unless `port` is given). */
  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await fake.listen();
    return fake;
  }

  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      void handleHttp(this, this.routes, req, res);
    });
    server.on('upgrade', (req, socket, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.portNumber, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.portNumber = (server.address() as AddressInfo).port;
    this.debug(`listening on ${this.apiUrl}`);
  }

  /** Closes every gateway connection (1001) and the HTTP server. */
  async stop(): Promise<void> {
    await this.gateway.closeAll();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ addresses & identity

  get port(): number {
    return this.portNumber;
  }
  /** What to pass as discord.js `rest.api` / the bot's DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.portNumber}/api`;
  }
  gatewayUrl(): string {
    return `ws://127.0.0.1:${this.portNumber}`;
  }
  get token(): string {
    return this.options.token;
  }
  get applicationId(): string {
    return this.options.applicationId;
  }
  get botUser(): FakeUser {
    return this.world.botUser;
  }
  /** The first seeded guild: ids of its channels (text, forum, voice, announcement, thread...), roles and users. */
  get guild(): SeededGuild {
    return this.guilds[0]!;
  }

  /** Environment for the real bot process (see bot-process.ts). */
  botEnv(opts: { guildScopedCommands?: boolean } = {}): Record<string, string> {
    return {
      DISCORD_TOKEN: this.token,
      DISCORD_CLIENT_ID: this.applicationId,
      DISCORD_API_URL: this.apiUrl,
      ...(opts.guildScopedCommands === false ? {} : { DISCORD_GUILD_ID: this.guild.id }),
    };
  }

  applicationObject(): Json {
    return {
      id: this.applicationId,
      name: this.world.botUser.username,
      icon: null,
      description: 'A reading-group bot (fake Discord)',
      summary: '',
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: this.world.apiUser(this.guild.users.owner),
      team: null,
      bot: { ...this.world.apiUser(this.world.botUser), bot: true },
      approximate_guild_count: this.world.guilds.size,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
      integration_types_config: { '0': {} },
      redirect_uris: [],
      interactions_endpoint_url: null,
      tags: [],
    };
  }

  // ------------------------------------------------------------------ events & logging

  debug(line: string): void {
    this.debugSink?.(line);
  }

  /** Signals a state change: wakes up every waitFor. */
  changed(): void {
    this.emit('change');
  }

  get gatewayLog(): GatewayLogEntry[] {
    return this.gateway.log;
  }

  /** REST requests answered with status >= 400. */
  errors(): RequestLogEntry[] {
    return this.requests.filter((r) => r.status >= 400);
  }

  /** Forgets the request log, warnings and interaction records (the world stays as it is). */
  clearLogs(): void {
    this.requests.length = 0;
    this.warnings.length = 0;
    this.gateway.log.length = 0;
    this.interactions.records.clear();
  }

  /** Makes the next matching request(s) fail with the given status/body (e.g. 500, or 429 with Retry-After). */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ times: 1, ...failure });
  }

  // ------------------------------------------------------------------ injecting interactions

  /** A slash command (INTERACTION_CREATE type 2). Throws if the Discord client could not send it. */
  sendCommand(opts: CommandInjection): InjectedInteraction {
    return this.interactions.command(opts);
  }

  /** Typing in an autocomplete option (type 4, the focused option marked `focused: true`). */
  sendAutocomplete(opts: AutocompleteInjection): InjectedInteraction {
    return this.interactions.autocomplete(opts);
  }

  /** Clicking a button (type 3, component_type 2) on a message, normally one the bot posted. */
  clickButton(opts: ComponentInjection): InjectedInteraction {
    return this.interactions.component(opts);
  }

  /** Choosing values in a select menu (type 3) on a message. */
  selectMenu(opts: ComponentInjection & { values: string[] }): InjectedInteraction {
    return this.interactions.component(opts);
  }

  /** Submitting a modal (type 5) that the bot showed in answer to `interaction`. */
  submitModal(opts: ModalSubmitInjection): InjectedInteraction {
    return this.interactions.modalSubmit(opts);
  }

  interaction(id: string): InteractionRecord | undefined {
    return this.interactions.get(id);
  }

  // ------------------------------------------------------------------ waiting

  /**
   * Resolves with the first truthy value of `check`, re-evaluated after every change (REST request,
   * gateway message, expiry). Rejects after `timeoutMs` (default 5000) with the description.
   */
  waitFor<T>(check: () => T | undefined | null | false, opts: WaitOptions | number = {}): Promise<T> {
    const { timeoutMs = 5000, description = 'condition' } =
      typeof opts === 'number' ? { timeoutMs: opts } : opts;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `fake Discord: timed out after ${timeoutMs} ms waiting for ${description}\n${this.recentActivity()}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        this.off('change', onChange);
        clearTimeout(timer);
      };
      const onChange = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (e) {
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (value) {
          done();
          resolve(value);
        }
      };
      this.on('change', onChange);
      onChange();
    });
  }

  /** Resolves once the interaction's first callback succeeded. */
  waitForAck(id: string, timeoutMs = this.options.ackWindowMs + 1000): Promise<InteractionRecord> {
    return this.waitFor(
      () => {
        const rec = this.interactions.get(id);
        if (!rec) throw new Error(`fake Discord: unknown interaction ${id}`);
        if (rec.state === 'expired') throw new Error(this.expiredMessage(rec));
        return rec.state === 'acknowledged' ? rec : undefined;
      },
      { timeoutMs, description: `acknowledgement of interaction ${id}` },
    );
  }

  /**
   * Resolves once the user can see an answer: a reply (4), an update (7), autocomplete choices (8),
   * a modal (9), or — after a deferral (5/6) — the first edit of the original or a follow-up.
   * Rejects at once if the interaction expired unacknowledged.
   */
  waitForResponse(id: string, timeoutMs = 10_000): Promise<InteractionRecord> {
    return this.waitFor(
      () => {
        const rec = this.interactions.get(id);
        if (!rec) throw new Error(`fake Discord: unknown interaction ${id}`);
        if (rec.state === 'expired') throw new Error(this.expiredMessage(rec));
        return hasVisibleResponse(rec) ? rec : undefined;
      },
      { timeoutMs, description: `a response to interaction ${id}` },
    );
  }

  /** Resolves with the first request matching the predicate (already logged ones included). */
  waitForRequest(match: (r: RequestLogEntry) => boolean, timeoutMs = 5000): Promise<RequestLogEntry> {
    return this.waitFor(() => this.requests.find(match), {
      timeoutMs,
      description: 'a matching REST request',
    });
  }

  /** Resolves once a gateway session is identified and has received its guilds. */
  waitForSession(timeoutMs = 10_000): Promise<GatewaySession> {
    return this.waitFor(() => [...this.gateway.sessions.values()].find((s) => s.connection), {
      timeoutMs,
      description: 'a gateway session (IDENTIFY → READY)',
    });
  }

  /** Resolves once commands with all these names are registered (guild or global). */
  waitForCommands(names: string[], timeoutMs = 10_000): Promise<RegisteredCommand[]> {
    return this.waitFor(
      () => {
        const all = this.commands();
        const found = names.map((n) => all.find((c) => c.name === n));
        return found.every(Boolean) ? (found as RegisteredCommand[]) : undefined;
      },
      { timeoutMs, description: `commands ${names.join(', ')}` },
    );
  }

  private expiredMessage(rec: InteractionRecord): string {
    const failed = rec.callbacks
      .filter((c) => c.status >= 400)
      .map((c) => `  callback type ${String(c.type)} → ${c.status} ${JSON.stringify(c.error)}`);
    return (
      `fake Discord: interaction ${rec.id} (${rec.kind} ${rec.commandName ?? rec.customId ?? ''}) was not acknowledged within ` +
      `${this.options.ackWindowMs} ms ("The application did not respond")` +
      (failed.length ? `\n${failed.join('\n')}` : '')
    );
  }

  private recentActivity(): string {
    const lines = this.requests
      .slice(-8)
      .map(
        (r) =>
          `  ${r.method} ${r.path} → ${r.status}${r.status >= 400 ? ` ${JSON.stringify(r.response)}` : ''}`,
      );
    return lines.length ? `last requests:\n${lines.join('\n')}` : 'no REST requests so far';
  }

  // ------------------------------------------------------------------ inspection

  /** Every stored message (ephemeral ones included), oldest first. */
  allMessages(): FakeMessage[] {
    return [...this.world.messages.values()];
  }

  /** Non-deleted, non-ephemeral messages in a channel, oldest first. */
  channelMessages(channelId: string): FakeMessage[] {
    return this.world.messagesIn(channelId);
  }

  /**
   * Bot messages that pinged someone, or whose last `allowed_mentions` was missing or allowed anything
   * (conservative: a deferred reply filled by an edit without allowed_mentions is listed too).
   */
  messagesThatMayPing(): FakeMessage[] {
    return this.allMessages().filter((m) => {
      if (m.author.id !== this.world.botUser.id) return false;
      const am = m.meta.allowedMentions;
      const p = m.meta.pings;
      if (p.everyone || p.users.length > 0 || p.roles.length > 0) return true;
      if (m.meta.loading) return false;
      if (!am) return true;
      const parse = Array.isArray(am.parse) ? am.parse : [];
      const listed = (k: string) => (Array.isArray(am[k]) ? (am[k] as unknown[]).length : 0);
      return parse.length > 0 || listed('users') > 0 || listed('roles') > 0;
    });
  }

  /** Registered commands: a guild's (default: all guilds') plus global ones. */
  commands(guildId?: string): RegisteredCommand[] {
    const guildCmds = guildId
      ? [...(this.world.guildCommands.get(guildId)?.values() ?? [])]
      : [...this.world.guildCommands.values()].flatMap((m) => [...m.values()]);
    return [...guildCmds, ...this.world.globalCommands.values()];
  }

  channel(id: string): FakeChannel | undefined {
    return this.world.channels.get(id);
  }

  /** Threads of a guild (default: first), active and archived, as API objects. */
  threads(guildId = this.guild.id): Json[] {
    return this.world.threadsOf(guildId).map((t) => this.world.apiChannel(t));
  }

  activeThreads(guildId = this.guild.id): Json[] {
    return this.world.activeThreads(guildId).map((t) => this.world.apiChannel(t));
  }

  archivedThreads(parentId: string): Json[] {
    return this.world.archivedThreads(parentId, 'public').map((t) => this.world.apiChannel(t));
  }

  // ------------------------------------------------------------------ permissions

  /** Denies bits to the bot in a channel (a member overwrite; threads use their parent's). Dispatches CHANNEL_UPDATE. */
  withholdFromBot(channelId: string, bits: bigint): void {
    const target = this.world.setMemberOverwrite(channelId, this.world.botUser.id, { deny: bits });
    this.dispatchChannelUpdate(target);
  }

  /** Grants bits to the bot in a channel (member overwrite allow). */
  grantToBot(channelId: string, bits: bigint): void {
    const target = this.world.setMemberOverwrite(channelId, this.world.botUser.id, { allow: bits });
    this.dispatchChannelUpdate(target);
  }

  /** Removes the bot's member overwrite in a channel. */
  resetBotOverwrite(channelId: string): void {
    const c = this.world.channels.get(channelId);
    if (!c) throw new Error(`no channel ${channelId}`);
    const target = this.world.isThread(c) && c.parentId ? this.world.channels.get(c.parentId)! : c;
    target.overwrites = target.overwrites.filter((o) => !(o.type === 1 && o.id === this.world.botUser.id));
    this.dispatchChannelUpdate(target);
  }

  /** Sets a member overwrite for a user in a channel (threads: their parent), e.g. deny Manage Threads. */
  setMemberPermissions(channelId: string, userId: string, change: { allow?: bigint; deny?: bigint }): void {
    const target = this.world.setMemberOverwrite(channelId, userId, change);
    this.dispatchChannelUpdate(target);
  }

  /** A user's effective permissions in a channel (what `member.permissions` will say by default). */
  memberPermissions(channelId: string, userId: string): bigint {
    const c = this.world.channels.get(channelId);
    if (!c) throw new Error(`no channel ${channelId}`);
    return this.world.permissionsIn(c, userId);
  }

  /** Adds a user as a member of a guild (default: the first), with extra role ids. */
  addMember(username: string, opts: { guildId?: string; roles?: string[] } = {}): FakeUser {
    const guild = this.world.guilds.get(opts.guildId ?? this.guild.id);
    if (!guild) throw new Error(`no guild ${String(opts.guildId)}`);
    const user = this.world.addUser(makeUser(username));
    guild.members.set(user.id, {
      userId: user.id,
      roles: [...(opts.roles ?? [])],
      nick: null,
      joinedAt: new Date().toISOString(),
    });
    this.gateway.dispatchGuildEvent(
      guild.id,
      'GUILD_MEMBER_ADD',
      { ...this.world.apiMember(guild, guild.members.get(user.id)!), guild_id: guild.id },
      Intent.GuildMembers,
    );
    return user;
  }

  /** The bot's effective permissions in a channel (what app_permissions will say). */
  botPermissions(channelId: string): bigint {
    const c = this.world.channels.get(channelId);
    if (!c) throw new Error(`no channel ${channelId}`);
    return this.world.permissionsIn(c, this.world.botUser.id);
  }

  /** Sets a role's guild-wide permissions (e.g. the bot's managed role) and dispatches GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, bits: bigint): void {
    const g = this.world.guilds.get(guildId);
    const role = g?.roles.get(roleId);
    if (!g || !role) throw new Error(`no role ${roleId} in guild ${guildId}`);
    role.permissions = bits;
    this.gateway.dispatchGuildEvent(
      guildId,
      'GUILD_ROLE_UPDATE',
      { guild_id: guildId, role: this.world.apiRole(role) },
      Intent.Guilds,
    );
  }

  // ------------------------------------------------------------------ world changes (as users/Discord would make them)

  /** Creates a thread as a user would (no permission checks) and dispatches THREAD_CREATE. */
  createThread(opts: {
    parentId: string;
    name: string;
    owner?: FakeUser;
    type?: number;
    archived?: boolean;
    firstMessage?: string;
  }): FakeChannel {
    const parent = this.world.channels.get(opts.parentId);
    if (!parent) throw new Error(`no channel ${opts.parentId}`);
    const owner = opts.owner ?? this.guild.users.reader;
    const thread = this.world.createThread({
      parent,
      name: opts.name,
      ownerId: owner.id,
      type: opts.type ?? ChannelKind.PublicThread,
    });
    if (opts.archived) thread.threadMetadata!.archived = true;
    this.dispatchThreadCreate(thread);
    if (opts.firstMessage !== undefined) {
      const msg = buildMessage(this.world, {
        ...(parent.type === ChannelKind.GuildForum || parent.type === ChannelKind.GuildMedia
          ? { id: thread.id }
          : {}),
        channelId: thread.id,
        guildId: thread.guildId!,
        body: { content: opts.firstMessage },
        author: owner,
        type: 0,
        source: 'seed',
        ephemeral: false,
      });
      this.storeMessage(msg);
    }
    return thread;
  }

  /** Archives (and optionally locks) a thread, dispatching THREAD_UPDATE. */
  archiveThread(threadId: string, opts: { locked?: boolean } = {}): void {
    const t = this.world.channels.get(threadId);
    if (!t?.threadMetadata) throw new Error(`no thread ${threadId}`);
    t.threadMetadata.archived = true;
    t.threadMetadata.locked = opts.locked ?? t.threadMetadata.locked;
    t.threadMetadata.archive_timestamp = new Date().toISOString();
    this.dispatchThreadUpdate(t);
  }

  /** Deletes a channel or thread and dispatches CHANNEL_DELETE / THREAD_DELETE. */
  removeChannel(channel: FakeChannel): void {
    const guild = this.world.guildOf(channel);
    this.world.channels.delete(channel.id);
    if (guild) guild.channelIds = guild.channelIds.filter((id) => id !== channel.id);
    if (this.world.isThread(channel)) {
      this.gateway.dispatchGuildEvent(
        channel.guildId,
        'THREAD_DELETE',
        { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type },
        Intent.Guilds,
      );
    } else {
      this.gateway.dispatchGuildEvent(
        channel.guildId,
        'CHANNEL_DELETE',
        this.world.apiChannel(channel),
        Intent.Guilds,
      );
    }
    this.changed();
  }

  /** Posts a message as a user (e.g. to click a button on a message not sent by the bot). */
  postAsUser(channelId: string, body: Json, user: FakeUser = this.guild.users.reader): FakeMessage {
    const c = this.world.channels.get(channelId);
    if (!c) throw new Error(`no channel ${channelId}`);
    const msg = buildMessage(this.world, {
      channelId,
      ...(c.guildId ? { guildId: c.guildId } : {}),
      body,
      author: user,
      type: 0,
      source: 'seed',
      ephemeral: false,
    });
    this.storeMessage(msg);
    return msg;
  }

  // ------------------------------------------------------------------ gateway control

  /** Closes the bot's gateway connection(s) with a code (default 4000: the client resumes). */
  disconnect(code = 4000, reason = 'fake Discord: forced disconnect'): void {
    for (const conn of [...this.gateway.connections]) this.gateway.close(conn, code, reason);
  }

  /** Sends op 7 RECONNECT to every session (the client reconnects and resumes). */
  requestReconnect(): void {
    for (const s of this.gateway.sessions.values()) this.gateway.requestReconnect(s);
  }

  /** Dispatches an arbitrary event to the sessions of a guild's shard. */
  dispatch(
    t: string,
    d: unknown,
    guildId: string | undefined = this.guild.id,
    intent: number = Intent.Guilds,
  ): number {
    return this.gateway.dispatchGuildEvent(guildId, t, d, intent);
  }

  // ------------------------------------------------------------------ internal hooks (used by REST and interactions)

  storeMessage(msg: FakeMessage, opts: { countInThread?: boolean } = {}): void {
    this.world.messages.set(msg.id, msg);
    if (!msg.meta.ephemeral) {
      const list = this.world.channelMessages.get(msg.channel_id) ?? [];
      list.push(msg.id);
      this.world.channelMessages.set(msg.channel_id, list);
      const channel = this.world.channels.get(msg.channel_id);
      if (channel) {
        channel.lastMessageId = msg.id;
        if (this.world.isThread(channel) && opts.countInThread !== false) {
          channel.messageCount = (channel.messageCount ?? 0) + 1;
          channel.totalMessageSent = (channel.totalMessageSent ?? 0) + 1;
        }
      }
      this.dispatchMessageEvent('MESSAGE_CREATE', msg);
    }
    this.changed();
  }

  messageChanged(msg: FakeMessage): void {
    if (!msg.meta.ephemeral) this.dispatchMessageEvent('MESSAGE_UPDATE', msg);
    this.changed();
  }

  deleteMessage(msg: FakeMessage): void {
    msg.meta.deleted = true;
    const list = this.world.channelMessages.get(msg.channel_id);
    if (list)
      this.world.channelMessages.set(
        msg.channel_id,
        list.filter((id) => id !== msg.id),
      );
    if (!msg.meta.ephemeral) {
      const channel = this.world.channels.get(msg.channel_id);
      const d = {
        id: msg.id,
        channel_id: msg.channel_id,
        ...(msg.guild_id ? { guild_id: msg.guild_id } : {}),
      };
      if (channel?.guildId)
        this.gateway.dispatchGuildEvent(channel.guildId, 'MESSAGE_DELETE', d, Intent.GuildMessages);
      else this.gateway.dispatchGuildEvent(undefined, 'MESSAGE_DELETE', d, Intent.DirectMessages);
    }
    this.changed();
  }

  private dispatchMessageEvent(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', msg: FakeMessage): void {
    const channel = this.world.channels.get(msg.channel_id);
    const d = this.world.apiMessage(msg);
    if (channel?.guildId) {
      const guild = this.world.guilds.get(channel.guildId)!;
      const member = guild.members.get(String((msg.author as Json).id));
      if (member) {
        const { user: _user, ...m } = this.world.apiMember(guild, member);
        d.member = m;
      }
      this.gateway.dispatchGuildEvent(channel.guildId, t, d, Intent.GuildMessages);
    } else {
      this.gateway.dispatchGuildEvent(undefined, t, d, Intent.DirectMessages);
    }
  }

  dispatchThreadCreate(thread: FakeChannel): void {
    const bot = this.world.botUser.id;
    this.gateway.dispatchGuildEvent(
      thread.guildId,
      'THREAD_CREATE',
      {
        ...this.world.apiChannel(thread),
        newly_created: true,
        ...(thread.memberIds?.has(bot) ? { member: this.world.apiThreadMember(thread, bot) } : {}),
      },
      Intent.Guilds,
    );
    this.changed();
  }

  dispatchThreadUpdate(thread: FakeChannel): void {
    this.gateway.dispatchGuildEvent(
      thread.guildId,
      'THREAD_UPDATE',
      this.world.apiChannel(thread),
      Intent.Guilds,
    );
    this.changed();
  }

  dispatchChannelUpdate(channel: FakeChannel): void {
    if (channel.guildId)
      this.gateway.dispatchGuildEvent(
        channel.guildId,
        'CHANNEL_UPDATE',
        this.world.apiChannel(channel),
        Intent.Guilds,
      );
    this.changed();
  }
}

/** Whether the invoking user can see an answer yet. */
export function hasVisibleResponse(rec: InteractionRecord): boolean {
  if (rec.state !== 'acknowledged' || !rec.ack) return false;
  switch (rec.ack.type) {
    case CallbackType.ChannelMessageWithSource:
    case CallbackType.UpdateMessage:
    case CallbackType.ApplicationCommandAutocompleteResult:
    case CallbackType.Modal:
      return true;
    case CallbackType.DeferredChannelMessageWithSource:
      return (
        rec.original?.meta.loading === false ||
        rec.followUps.length > 0 ||
        rec.original?.meta.deleted === true
      );
    case CallbackType.DeferredUpdateMessage:
      return rec.produced.length > 0 || rec.followUps.length > 0;
    default:
      return false;
  }
}

export { MessageFlag, Perm };
