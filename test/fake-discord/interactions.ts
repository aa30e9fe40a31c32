/**
 * Interactions: building realistic INTERACTION_CREATE payloads (what the Discord client would send),
 * tracking each interaction's lifecycle (3-second acknowledgement window, one acknowledgement,
 * 15-minute token), and answering the callback and webhook routes the bot uses to respond.
 */
import {
  CallbackType,
  ChannelKind,
  InteractionKind,
  MESSAGEABLE_TYPES,
  MessageFlag,
  Perm,
} from './constants.js';
import { ApiError, FormErrors } from './errors.js';
import {
  isEmptyMessage,
  isObject,
  validateAutocompleteResult,
  validateMessageBody,
  validateModal,
  type Json,
} from './limits.js';
import { applyEdit, buildMessage, previewEdit, type UploadedFile } from './messages.js';
import { interactionToken, snowflake } from './snowflake.js';
import type { FakeChannel, FakeGuild, FakeMessage, FakeUser, RegisteredCommand } from './state.js';
import type { FakeDiscord } from './server.js';
import type { RequestLogEntry } from './rest.js';

export type InteractionKindName = 'command' | 'autocomplete' | 'component' | 'modal';

export interface CallbackAttempt {
  at: number;
  type: unknown;
  status: number;
  body: unknown;
  error?: Record<string, unknown>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** Discord interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  kind: InteractionKindName;
  commandName?: string;
  customId?: string;
  userId: string;
  guildId?: string;
  channelId: string;
  /** The INTERACTION_CREATE payload as dispatched. */
  payload: Json;
  dispatchedAt: number;
  /** The first response must arrive before this (dispatch + ackWindowMs). */
  ackDeadline: number;
  /** Edits and follow-ups work until this (dispatch + tokenLifetimeMs). */
  tokenExpiresAt: number;
  state: 'pending' | 'acknowledged' | 'expired';
  ack?: { type: number; at: number; latencyMs: number; ephemeral: boolean };
  /** Every callback attempt, failed ones included. */
  callbacks: CallbackAttempt[];
  /** The message `@original` refers to (the reply, or for 6/7 the message the component was on). */
  original?: FakeMessage;
  /** For component interactions: the message that was clicked. */
  componentMessageId?: string;
  followUps: FakeMessage[];
  /** Every message this interaction created or changed, in order (original reply, updates, follow-ups). */
  produced: FakeMessage[];
  /** Autocomplete result (type 8). */
  choices?: Json[];
  /** Modal shown (type 9). */
  modal?: Json;
  /** REST requests made with this interaction's token. */
  requests: RequestLogEntry[];
  /** Things real Discord silently ignores that the bot probably did not mean (e.g. flags 64 on an edit). */
  warnings: string[];
}

export type OptionValue = string | number | boolean;

export interface InjectContext {
  /** Defaults to the text channel of `guildId`'s guild (or of the first guild). */
  channelId?: string;
  /** Picks that seeded guild's text channel when `channelId` is not given. */
  guildId?: string;
  /** Use the user's DM with the bot (no guild, `user` instead of `member`). */
  dm?: boolean;
  /** Who acts: a FakeUser or a user id; defaults to the first guild's "reader". */
  user?: FakeUser | string;
  /** Exact `member.permissions` to send (bitfield); default: computed from roles and overwrites. */
  memberPermissions?: bigint | string;
  /** Bits added to / removed from the computed member permissions. */
  memberAllow?: bigint;
  memberDeny?: bigint;
  /** Exact `app_permissions` to send; default: the bot's computed permissions in the channel. */
  appPermissions?: bigint | string;
  locale?: string;
  /**
   * false skips the checks the Discord client makes before sending (command registered and visible
   * here, option types, required options, choices, lengths, component exists and is enabled).
   */
  validate?: boolean;
}

export interface CommandInjection extends InjectContext {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** Option values by name; types come from the registered command. */
  options?: Record<string, OptionValue | undefined>;
  /** Exact `data.options` to send instead of `options`. */
  rawOptions?: Json[];
}

export interface AutocompleteInjection extends CommandInjection {
  /** The option being typed in. */
  focused: string;
  /** What has been typed so far (default: `options[focused]` or ''). */
  value?: string;
}

export interface ComponentInjection extends Omit<InjectContext, 'channelId' | 'dm' | 'guildId'> {
  /** The message (or its id) the component is on: normally one the bot posted. */
  message: FakeMessage | string;
  customId: string;
  /** Select menus: the chosen values. */
  values?: string[];
}

export interface ModalSubmitInjection extends Omit<InjectContext, 'channelId' | 'dm' | 'guildId'> {
  /** The interaction that was answered with the modal. */
  interaction: string | { id: string };
  /** Text input values by custom_id. */
  values: Record<string, string>;
}

export interface InjectedInteraction {
  id: string;
  token: string;
  record: InteractionRecord;
  /** Resolves once the first callback succeeded; rejects if the window passes. */
  acknowledged(timeoutMs?: number): Promise<InteractionRecord>;
  /** Resolves once something visible exists (see FakeDiscord.waitForResponse). */
  response(timeoutMs?: number): Promise<InteractionRecord>;
}

const ALLOWED_CALLBACKS: Record<InteractionKindName, readonly number[]> = {
  command: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.Modal,
  ],
  component: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.DeferredUpdateMessage,
    CallbackType.UpdateMessage,
    CallbackType.Modal,
  ],
  autocomplete: [CallbackType.ApplicationCommandAutocompleteResult],
  modal: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.DeferredUpdateMessage,
    CallbackType.UpdateMessage,
  ],
};

/** Finds a component by custom_id anywhere in a message's component tree. */
export function findComponent(components: readonly unknown[], customId: string): Json | undefined {
  for (const c of components) {
    if (!isObject(c)) continue;
    if (c.custom_id === customId) return c;
    for (const key of ['components', 'items'] as const) {
      const kids = c[key];
      if (Array.isArray(kids)) {
        const found = findComponent(kids, customId);
        if (found) return found;
      }
    }
    if (isObject(c.accessory) && c.accessory.custom_id === customId) return c.accessory;
  }
  return undefined;
}

/** All interactive components of a message, flattened (buttons, selects) — handy in assertions. */
export function componentsOf(message: FakeMessage): Json[] {
  const out: Json[] = [];
  const walk = (nodes: readonly unknown[]) => {
    for (const c of nodes) {
      if (!isObject(c)) continue;
      if (c.type !== 1 && (typeof c.custom_id === 'string' || c.type === 2)) out.push(c);
      for (const key of ['components', 'items'] as const)
        if (Array.isArray(c[key])) walk(c[key] as unknown[]);
      if (isObject(c.accessory)) walk([c.accessory]);
    }
  };
  walk(message.components);
  return out;
}

interface OptionContext {
  channel: FakeChannel;
  guild: FakeGuild | undefined;
  user: FakeUser;
}

function toBits(v: bigint | string): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function fail(msg: string): never {
  throw new Error(`fake Discord: ${msg}`);
}

export class Interactions {
  readonly records = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly fake: FakeDiscord) {}

  get(id: string): InteractionRecord | undefined {
    return this.records.get(id);
  }

  byTokenValue(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  // ------------------------------------------------------------------ injection

  command(opts: CommandInjection): InjectedInteraction {
    const { channel, guild, user } = this.where(opts);
    const validate = opts.validate !== false;
    const cmd = this.visibleCommand(opts.name, channel, guild, user, opts, validate);
    const { options, resolved } = this.buildOptions(cmd, opts, { channel, guild, user }, validate, undefined);
    const data: Json = {
      id: cmd?.id ?? snowflake(),
      name: opts.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
      ...(cmd?.guild_id ? { guild_id: cmd.guild_id } : {}),
    };
    return this.dispatch('command', InteractionKind.ApplicationCommand, channel, guild, user, opts, data, {
      commandName: opts.name,
    });
  }

  autocomplete(opts: AutocompleteInjection): InjectedInteraction {
    const { channel, guild, user } = this.where(opts);
    const validate = opts.validate !== false;
    const cmd = this.visibleCommand(opts.name, channel, guild, user, opts, validate);
    const { options } = this.buildOptions(cmd, opts, { channel, guild, user }, validate, opts.focused);
    const data: Json = {
      id: cmd?.id ?? snowflake(),
      name: opts.name,
      type: 1,
      options,
      ...(cmd?.guild_id ? { guild_id: cmd.guild_id } : {}),
    };
    return this.dispatch(
      'autocomplete',
      InteractionKind.ApplicationCommandAutocomplete,
      channel,
      guild,
      user,
      opts,
      data,
      {
        commandName: opts.name,
      },
    );
  }

  component(opts: ComponentInjection): InjectedInteraction {
    const world = this.fake.world;
    const message = typeof opts.message === 'string' ? world.messages.get(opts.message) : opts.message;
    if (!message) fail(`no message ${String(opts.message)}`);
    const stored = world.messages.get(message.id) ?? message;
    if (stored.meta.deleted) fail(`message ${stored.id} was deleted; nobody can click on it`);
    const user = this.resolveUser(opts.user);
    const validate = opts.validate !== false;
    const component = findComponent(stored.components, opts.customId);
    if (validate) {
      if (!component) fail(`message ${stored.id} has no component with custom_id "${opts.customId}"`);
      if (component.disabled === true) fail(`component "${opts.customId}" is disabled`);
      if (component.type === 2 && component.style === 5)
        fail(`"${opts.customId}" is a link button: it sends no interaction`);
      if (stored.meta.ephemeral) {
        const owner =
          isObject(stored.interaction_metadata) && isObject(stored.interaction_metadata.user)
            ? stored.interaction_metadata.user.id
            : undefined;
        if (owner !== undefined && owner !== user.id)
          fail(`message ${stored.id} is ephemeral: only user ${String(owner)} can see it`);
      }
      if (stored.meta.loading) fail(`message ${stored.id} is still a deferred "thinking" message`);
    }
    const channel = world.channels.get(stored.channel_id);
    if (!channel) fail(`message ${stored.id} is in an unknown channel`);
    const guild = world.guildOf(channel);
    const componentType = typeof component?.type === 'number' ? component.type : 2;
    const data: Json = {
      custom_id: opts.customId,
      component_type: componentType,
      ...(typeof component?.id === 'number' ? { id: component.id } : {}),
      ...(componentType !== 2 ? { values: opts.values ?? [] } : {}),
    };
    const handle = this.dispatch(
      'component',
      InteractionKind.MessageComponent,
      channel,
      guild,
      user,
      opts,
      data,
      {
        customId: opts.customId,
        extraPayload: { message: world.apiMessage(stored) },
      },
    );
    handle.record.componentMessageId = stored.id;
    return handle;
  }

  modalSubmit(opts: ModalSubmitInjection): InjectedInteraction {
    const id = typeof opts.interaction === 'string' ? opts.interaction : opts.interaction.id;
    const source = this.records.get(id);
    if (!source) fail(`no interaction ${id}`);
    if (opts.validate !== false && !source.modal) fail(`interaction ${id} was not answered with a modal`);
    const world = this.fake.world;
    const channel = world.channels.get(source.channelId)!;
    const guild = world.guildOf(channel);
    const user = this.resolveUser(opts.user ?? source.userId);
    const data: Json = {
      custom_id: source.modal?.custom_id ?? 'modal',
      components: Object.entries(opts.values).map(([customId, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: customId, value }],
      })),
    };
    const extra: Json = {};
    if (source.kind === 'component' && source.componentMessageId) {
      const m = world.messages.get(source.componentMessageId);
      if (m) extra.message = world.apiMessage(m);
    }
    const handle = this.dispatch('modal', InteractionKind.ModalSubmit, channel, guild, user, opts, data, {
      customId: typeof data.custom_id === 'string' ? data.custom_id : undefined,
      extraPayload: extra,
    });
    if (source.componentMessageId) handle.record.componentMessageId = source.componentMessageId;
    return handle;
  }

  private resolveUser(user: FakeUser | string | undefined): FakeUser {
    if (user === undefined) return this.fake.guild.users.reader;
    if (typeof user !== 'string') return this.fake.world.users.get(user.id) ?? user;
    return this.fake.world.users.get(user) ?? fail(`unknown user ${user}`);
  }

  private where(opts: InjectContext): { channel: FakeChannel; guild?: FakeGuild; user: FakeUser } {
    const world = this.fake.world;
    const user = this.resolveUser(opts.user);
    let channel: FakeChannel;
    if (opts.dm) {
      channel = world.dmChannelFor(user.id);
    } else {
      const seeded = opts.guildId ? this.fake.guilds.find((g) => g.id === opts.guildId) : this.fake.guild;
      if (!seeded) fail(`unknown guild ${String(opts.guildId)}`);
      const id = opts.channelId ?? seeded.channels.text;
      channel = world.channels.get(id) ?? fail(`unknown channel ${id}`);
      if (opts.guildId && channel.guildId !== opts.guildId)
        fail(`channel ${id} is not in guild ${opts.guildId}`);
    }
    if (channel.type === ChannelKind.DM && channel.recipientId !== user.id)
      fail(`channel ${channel.id} is another user's DM`);
    const guild = world.guildOf(channel);
    if (guild && !guild.members.has(user.id)) fail(`user ${user.id} is not a member of guild ${guild.id}`);
    return { channel, guild, user };
  }

  private visibleCommand(
    name: string,
    channel: FakeChannel,
    guild: FakeGuild | undefined,
    user: FakeUser,
    opts: InjectContext,
    validate: boolean,
  ): RegisteredCommand | undefined {
    const cmd = this.fake.world.findCommand(name, guild?.id);
    if (!validate) return cmd;
    if (!cmd) {
      const elsewhere = [...this.fake.world.guildCommands.values()].some((m) =>
        [...m.values()].some((c) => c.name === name),
      );
      fail(
        `/${name} is not registered ${guild ? `globally or in guild ${guild.id}` : 'globally'}` +
          (elsewhere && !guild ? ' (it is registered in a guild: guild commands do not exist in DMs)' : ''),
      );
    }
    if (!MESSAGEABLE_TYPES.has(channel.type)) {
      fail(`channel ${channel.id} (type ${channel.type}) has no message box: nobody can run a command there`);
    }
    const contexts = Array.isArray(cmd.contexts)
      ? (cmd.contexts as number[])
      : cmd.dm_permission === false
        ? [0]
        : [0, 1];
    const context = guild ? 0 : 1;
    if (!contexts.includes(context))
      fail(
        `/${name} is not available in ${guild ? 'servers' : 'DMs'} (contexts ${JSON.stringify(contexts)})`,
      );
    if (guild) {
      const perms = this.memberPermissions(channel, user, opts);
      if ((perms & Perm.UseApplicationCommands) === 0n)
        fail(`user ${user.id} lacks Use Application Commands in ${channel.id}`);
      const dmp = cmd.default_member_permissions;
      if (typeof dmp === 'string' && (perms & Perm.Administrator) === 0n) {
        const need = BigInt(dmp);
        if ((perms & need) !== need)
          fail(`/${name} is hidden from user ${user.id}: default_member_permissions ${dmp} not held`);
      }
    }
    return cmd;
  }

  private memberPermissions(channel: FakeChannel, user: FakeUser, opts: InjectContext): bigint {
    if (opts.memberPermissions !== undefined) return toBits(opts.memberPermissions);
    const computed = this.fake.world.permissionsIn(channel, user.id);
    return (computed | (opts.memberAllow ?? 0n)) & ~(opts.memberDeny ?? 0n);
  }

  private buildOptions(
    cmd: RegisteredCommand | undefined,
    opts: CommandInjection & { value?: string },
    ctx: OptionContext,
    validate: boolean,
    focused: string | undefined,
  ): { options: Json[]; resolved: Json } {
    const resolved: Record<string, Json> = {};
    if (opts.rawOptions) return { options: opts.rawOptions, resolved };
    let defs: Json[] = Array.isArray(cmd?.options) ? (cmd.options as Json[]) : [];
    const wrap: ((leaf: Json[]) => Json[])[] = [];
    const descend = (name: string | undefined, type: 1 | 2) => {
      if (name === undefined) {
        if (validate && defs.some((d) => d.type === type)) {
          fail(
            `/${opts.name} needs a ${type === 1 ? 'subcommand' : 'subcommand group'}; pass \`${type === 1 ? 'subcommand' : 'subcommandGroup'}\``,
          );
        }
        return;
      }
      const def = defs.find((d) => d.name === name && d.type === type);
      if (validate && !def) fail(`/${opts.name} has no ${type === 1 ? 'subcommand' : 'group'} "${name}"`);
      defs = Array.isArray(def?.options) ? (def.options as Json[]) : [];
      wrap.push((leaf) => [{ name, type, options: leaf }]);
    };
    descend(opts.subcommandGroup, 2);
    descend(opts.subcommand, 1);

    const given = Object.entries(opts.options ?? {}).filter(
      (e): e is [string, OptionValue] => e[1] !== undefined,
    );
    if (focused !== undefined && !given.some(([k]) => k === focused)) given.push([focused, opts.value ?? '']);
    const leaf: Json[] = [];
    for (const [name, rawValue] of given) {
      const def = defs.find((d) => d.name === name);
      if (validate && !def) fail(`/${opts.name} has no option "${name}"`);
      const type =
        typeof def?.type === 'number'
          ? def.type
          : typeof rawValue === 'number'
            ? Number.isInteger(rawValue)
              ? 4
              : 10
            : typeof rawValue === 'boolean'
              ? 5
              : 3;
      if (name === focused) {
        if (validate && def?.autocomplete !== true)
          fail(`option "${name}" of /${opts.name} does not have autocomplete`);
        const typed = opts.value ?? String(rawValue);
        leaf.push({ name, type, value: typed, focused: true });
        continue;
      }
      const value = validate
        ? this.checkValue(opts.name, name, type, def ?? {}, rawValue, ctx, resolved)
        : rawValue;
      if (!validate) this.resolve(type, String(rawValue), ctx, resolved);
      leaf.push({ name, type, value });
    }
    if (validate && focused === undefined) {
      for (const d of defs) {
        if (d.required === true && !given.some(([k]) => k === d.name))
          fail(`/${opts.name} requires option "${String(d.name)}"`);
      }
    }
    let options = leaf;
    for (const w of wrap.reverse()) options = w(options);
    return { options, resolved };
  }

  private checkValue(
    command: string,
    name: string,
    type: number,
    def: Json,
    value: OptionValue,
    ctx: OptionContext,
    resolved: Record<string, Json>,
  ): OptionValue {
    const where = `/${command} ${name}`;
    const choices = Array.isArray(def.choices) ? (def.choices as Json[]) : [];
    if (choices.length > 0 && !choices.some((c) => c.value === value)) {
      fail(
        `${where}: ${JSON.stringify(value)} is not one of the choices ${JSON.stringify(choices.map((c) => c.value))}`,
      );
    }
    switch (type) {
      case 3: {
        if (typeof value !== 'string') fail(`${where} expects a string`);
        const n = [...value].length;
        const max = typeof def.max_length === 'number' ? def.max_length : 6000;
        const min = typeof def.min_length === 'number' ? def.min_length : 0;
        if (n > max) fail(`${where}: the Discord client refuses more than ${max} characters (got ${n})`);
        if (n < min) fail(`${where}: the Discord client requires at least ${min} characters (got ${n})`);
        return value;
      }
      case 4:
      case 10: {
        if (
          typeof value !== 'number' ||
          !Number.isFinite(value) ||
          (type === 4 && !Number.isInteger(value))
        ) {
          fail(`${where} expects ${type === 4 ? 'an integer' : 'a number'}`);
        }
        if (typeof def.min_value === 'number' && value < def.min_value)
          fail(`${where}: below min_value ${def.min_value}`);
        if (typeof def.max_value === 'number' && value > def.max_value)
          fail(`${where}: above max_value ${def.max_value}`);
        return value;
      }
      case 5:
        if (typeof value !== 'boolean') fail(`${where} expects a boolean`);
        return value;
      case 6:
      case 7:
      case 8:
      case 9: {
        if (typeof value !== 'string') fail(`${where} expects an id`);
        if (!this.resolve(type, value, ctx, resolved)) fail(`${where}: unknown id ${value}`);
        if (type === 7 && Array.isArray(def.channel_types)) {
          const target = this.fake.world.channels.get(value);
          if (target && !(def.channel_types as number[]).includes(target.type))
            fail(`${where}: channel type ${target.type} not allowed`);
        }
        return value;
      }
      default:
        fail(`${where}: option type ${type} is not supported by the fake`);
    }
  }

  /** Fills `resolved` for user/channel/role/mentionable values; false when the id is unknown. */
  private resolve(type: number, id: string, ctx: OptionContext, resolved: Record<string, Json>): boolean {
    const world = this.fake.world;
    const { channel, guild, user } = ctx;
    const put = (kind: string, key: string, v: Json) => {
      const bucket = (resolved[kind] ??= {});
      bucket[key] = v;
    };
    if (type === 6 || type === 9) {
      const u = world.users.get(id);
      if (u) {
        put('users', id, world.apiUser(u));
        const m = guild?.members.get(id);
        if (guild && m) {
          const { user: _user, ...member } = world.apiMember(guild, m);
          put('members', id, { ...member, permissions: world.permissionsIn(channel, id).toString() });
        }
        return true;
      }
    }
    if (type === 7) {
      const c = world.channels.get(id);
      if (c && c.guildId === guild?.id) {
        const api = world.apiChannel(c);
        put('channels', id, {
          id,
          name: api.name,
          type: api.type,
          permissions: world.permissionsIn(c, user.id).toString(),
          ...(api.parent_id ? { parent_id: api.parent_id } : {}),
          ...(api.thread_metadata ? { thread_metadata: api.thread_metadata } : {}),
        });
        return true;
      }
    }
    if ((type === 8 || type === 9) && guild?.roles.has(id)) {
      put('roles', id, world.apiRole(guild.roles.get(id)!));
      return true;
    }
    return false;
  }

  private dispatch(
    kind: InteractionKindName,
    type: number,
    channel: FakeChannel,
    guild: FakeGuild | undefined,
    user: FakeUser,
    opts: InjectContext,
    data: Json,
    extra: { commandName?: string; customId?: string; extraPayload?: Json },
  ): InjectedInteraction {
    const world = this.fake.world;
    const id = snowflake();
    const token = interactionToken();
    const memberPerms = guild ? this.memberPermissions(channel, user, opts) : undefined;
    const appPerms =
      opts.appPermissions !== undefined
        ? toBits(opts.appPermissions)
        : world.permissionsIn(channel, world.botUser.id);
    const locale = opts.locale ?? 'en-US';
    const payload: Json = {
      app_permissions: appPerms.toString(),
      application_id: this.fake.applicationId,
      attachment_size_limit: 10_485_760,
      authorizing_integration_owners: { '0': guild ? guild.id : '0' },
      channel: {
        ...world.apiChannel(channel),
        ...(memberPerms !== undefined ? { permissions: memberPerms.toString() } : {}),
      },
      channel_id: channel.id,
      context: guild ? 0 : 1,
      data,
      entitlement_sku_ids: [],
      entitlements: [],
      id,
      locale,
      token,
      type,
      version: 1,
      ...(guild
        ? {
            guild: { id: guild.id, locale: guild.preferredLocale, features: [...guild.features] },
            guild_id: guild.id,
            guild_locale: guild.preferredLocale,
            member: {
              ...world.apiMember(guild, guild.members.get(user.id)!),
              permissions: memberPerms!.toString(),
            },
          }
        : { user: world.apiUser(user) }),
      ...extra.extraPayload,
    };
    const now = Date.now();
    const record: InteractionRecord = {
      id,
      token,
      type,
      kind,
      ...(extra.commandName ? { commandName: extra.commandName } : {}),
      ...(extra.customId ? { customId: extra.customId } : {}),
      userId: user.id,
      ...(guild ? { guildId: guild.id } : {}),
      channelId: channel.id,
      payload,
      dispatchedAt: now,
      ackDeadline: now + this.fake.options.ackWindowMs,
      tokenExpiresAt: now + this.fake.options.tokenLifetimeMs,
      state: 'pending',
      callbacks: [],
      followUps: [],
      produced: [],
      requests: [],
      warnings: [],
    };
    this.records.set(id, record);
    this.byToken.set(token, record);
    const session = this.fake.gateway.dispatchInteraction(guild?.id, payload);
    if (!session) {
      this.records.delete(id);
      this.byToken.delete(token);
      fail('no gateway session is connected to receive the interaction (is the bot logged in and ready?)');
    }
    setTimeout(() => {
      if (record.state === 'pending') {
        record.state = 'expired';
        this.fake.debug(
          `interaction ${id} (${kind} ${extra.commandName ?? extra.customId ?? ''}) expired unacknowledged`,
        );
        this.fake.changed();
      }
    }, this.fake.options.ackWindowMs + 1).unref();
    this.fake.changed();
    return {
      id,
      token,
      record,
      acknowledged: (timeoutMs?: number) => this.fake.waitForAck(id, timeoutMs),
      response: (timeoutMs?: number) => this.fake.waitForResponse(id, timeoutMs),
    };
  }

  // ------------------------------------------------------------------ responses

  private metadata(rec: InteractionRecord, extra: Json = {}): Json {
    const user = this.fake.world.users.get(rec.userId)!;
    return {
      id: rec.id,
      type: rec.type,
      user: this.fake.world.apiUser(user),
      authorizing_integration_owners: rec.payload.authorizing_integration_owners,
      ...(rec.commandName ? { name: rec.commandName, command_type: 1 } : {}),
      ...(rec.componentMessageId && rec.kind === 'component'
        ? { interacted_message_id: rec.componentMessageId }
        : {}),
      ...extra,
    };
  }

  private newMessage(
    rec: InteractionRecord,
    body: Json,
    opts: {
      ephemeral: boolean;
      loading?: boolean;
      source: FakeMessage['meta']['source'];
      files: readonly UploadedFile[];
      followUp?: boolean;
    },
  ): FakeMessage {
    const world = this.fake.world;
    const original = rec.original;
    const msg = buildMessage(world, {
      channelId: rec.channelId,
      ...(rec.guildId ? { guildId: rec.guildId } : {}),
      body,
      author: world.botUser,
      type: rec.kind === 'command' ? 20 : 0,
      source: opts.source,
      ephemeral: opts.ephemeral,
      loading: opts.loading ?? false,
      interactionId: rec.id,
      interactionMetadata: this.metadata(
        rec,
        opts.followUp && original ? { original_response_message_id: original.id } : {},
      ),
      applicationId: this.fake.applicationId,
      files: opts.files,
    });
    if (rec.commandName) {
      msg.interaction = {
        id: rec.id,
        type: rec.type,
        name: rec.commandName,
        user: msg.interaction_metadata!.user,
      };
    }
    this.fake.storeMessage(msg);
    return msg;
  }

  /** POST /interactions/{id}/{token}/callback */
  callback(
    id: string,
    token: string,
    body: unknown,
    query: URLSearchParams,
    files: readonly UploadedFile[],
  ): { status: number; body?: unknown } {
    const rec = this.records.get(id);
    if (!rec || rec.token !== token) throw ApiError.unknownInteraction();
    const now = Date.now();
    const attempt: CallbackAttempt = {
      at: now,
      type: isObject(body) ? body.type : undefined,
      status: 0,
      body,
    };
    rec.callbacks.push(attempt);
    try {
      const result = this.runCallback(rec, body, query, files, now);
      attempt.status = result.status;
      return result;
    } catch (e) {
      if (e instanceof ApiError) {
        attempt.status = e.status;
        attempt.error = e.body();
      }
      throw e;
    }
  }

  private runCallback(
    rec: InteractionRecord,
    body: unknown,
    query: URLSearchParams,
    files: readonly UploadedFile[],
    now: number,
  ): { status: number; body?: unknown } {
    if (!isObject(body)) throw ApiError.field(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
    const type = body.type;
    if (typeof type !== 'number' || ![1, 4, 5, 6, 7, 8, 9, 10, 12].includes(type)) {
      throw ApiError.field(
        ['type'],
        'BASE_TYPE_CHOICES',
        'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.',
      );
    }
    if (rec.state === 'acknowledged') throw ApiError.alreadyAcknowledged();
    if (rec.state === 'expired' || now > rec.ackDeadline) {
      if (rec.state !== 'expired') {
        rec.state = 'expired';
        this.fake.changed();
      }
      throw ApiError.unknownInteraction();
    }
    if (!ALLOWED_CALLBACKS[rec.kind].includes(type)) {
      throw ApiError.field(
        ['type'],
        'INTERACTION_CALLBACK_TYPE_INVALID',
        `Interaction callback type ${type} is not valid for this interaction type`,
      );
    }
    const data = body.data;
    let ephemeral = false;
    let message: FakeMessage | undefined;
    switch (type) {
      case CallbackType.ChannelMessageWithSource: {
        const errors = new FormErrors();
        if (!isObject(data)) errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else validateMessageBody(errors, ['data'], data);
        errors.throwIfAny();
        const d = data as Json;
        if (isEmptyMessage({ ...d, attachments: files.length > 0 ? files : d.attachments }))
          throw ApiError.emptyMessage();
        ephemeral = ((typeof d.flags === 'number' ? d.flags : 0) & MessageFlag.Ephemeral) !== 0;
        message = this.newMessage(rec, d, { ephemeral, source: 'reply', files });
        rec.original = message;
        rec.produced.push(message);
        break;
      }
      case CallbackType.DeferredChannelMessageWithSource: {
        const flags = isObject(data) && typeof data.flags === 'number' ? data.flags : 0;
        ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
        message = this.newMessage(rec, {}, { ephemeral, loading: true, source: 'deferred', files: [] });
        rec.original = message;
        break;
      }
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        const target = rec.componentMessageId
          ? this.fake.world.messages.get(rec.componentMessageId)
          : undefined;
        if (!target || target.meta.deleted) throw ApiError.unknownMessage();
        if (type === CallbackType.UpdateMessage) {
          const errors = new FormErrors();
          const d = isObject(data) ? data : {};
          validateMessageBody(errors, ['data'], d);
          errors.throwIfAny();
          if (
            isEmptyMessage({
              ...previewEdit(target, d),
              attachments: files.length > 0 ? files : previewEdit(target, d).attachments,
            })
          ) {
            throw ApiError.emptyMessage();
          }
          if (
            typeof d.flags === 'number' &&
            (d.flags & MessageFlag.Ephemeral) !== 0 &&
            !target.meta.ephemeral
          ) {
            rec.warnings.push(
              'UPDATE_MESSAGE with flags 64: ignored, an existing message cannot become ephemeral',
            );
          }
          applyEdit(target, d, files);
          this.fake.messageChanged(target);
          if (!rec.produced.includes(target)) rec.produced.push(target);
        }
        ephemeral = target.meta.ephemeral;
        message = target;
        rec.original = target;
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult: {
        const errors = new FormErrors();
        validateAutocompleteResult(errors, ['data'], data);
        errors.throwIfAny();
        rec.choices = ((data as Json).choices as Json[]).map((c) => ({ ...c }));
        break;
      }
      case CallbackType.Modal: {
        const errors = new FormErrors();
        validateModal(errors, ['data'], data);
        errors.throwIfAny();
        rec.modal = { ...(data as Json) };
        break;
      }
      default:
        throw ApiError.field(
          ['type'],
          'INTERACTION_CALLBACK_TYPE_INVALID',
          `Interaction callback type ${type} is not supported by the fake`,
        );
    }
    rec.state = 'acknowledged';
    rec.ack = { type, at: now, latencyMs: now - rec.dispatchedAt, ephemeral };
    this.fake.changed();
    if (query.get('with_response') !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: rec.id,
          type: rec.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: message.meta.loading,
                response_message_ephemeral: message.meta.ephemeral,
              }
            : {}),
        },
        resource: { type, ...(message ? { message: this.fake.world.apiMessage(message) } : {}) },
      },
    };
  }

  /** The interaction behind a webhook token, if the token may be used now. */
  private webhookRecord(applicationId: string, token: string): InteractionRecord {
    const rec = this.byToken.get(token);
    if (applicationId !== this.fake.applicationId) throw ApiError.unknownWebhook();
    if (!rec || Date.now() > rec.tokenExpiresAt) throw ApiError.invalidWebhookToken();
    if (rec.state !== 'acknowledged' || rec.kind === 'autocomplete') throw ApiError.unknownWebhook();
    return rec;
  }

  private webhookMessage(rec: InteractionRecord, messageId: string): FakeMessage {
    const msg =
      messageId === '@original'
        ? rec.original
        : [rec.original, ...rec.followUps].find((m) => m?.id === messageId);
    if (!msg || msg.meta.deleted) throw ApiError.unknownMessage();
    return msg;
  }

  /** POST /webhooks/{app}/{token} — a follow-up (the first one after a deferral fills the deferred message). */
  followUp(
    applicationId: string,
    token: string,
    body: unknown,
    query: URLSearchParams,
    files: readonly UploadedFile[],
  ): { status: number; body?: unknown } {
    const rec = this.webhookRecord(applicationId, token);
    const errors = new FormErrors();
    validateMessageBody(errors, [], body);
    errors.throwIfAny();
    const d = body as Json;
    if (isEmptyMessage({ ...d, attachments: files.length > 0 ? files : d.attachments }))
      throw ApiError.emptyMessage();
    const wantsEphemeral = ((typeof d.flags === 'number' ? d.flags : 0) & MessageFlag.Ephemeral) !== 0;
    let msg: FakeMessage;
    const original = rec.original;
    if (
      rec.ack?.type === CallbackType.DeferredChannelMessageWithSource &&
      original?.meta.loading &&
      !original.meta.deleted
    ) {
      if (wantsEphemeral !== original.meta.ephemeral) {
        rec.warnings.push(
          `first follow-up after a deferral asked for ephemeral=${wantsEphemeral}; it replaces the deferred message, which stays ephemeral=${original.meta.ephemeral}`,
        );
      }
      applyEdit(original, d, files);
      original.meta.source = 'follow-up';
      msg = original;
      this.fake.messageChanged(msg);
      if (!rec.produced.includes(msg)) rec.produced.push(msg);
    } else {
      msg = this.newMessage(rec, d, {
        ephemeral: wantsEphemeral,
        source: 'follow-up',
        files,
        followUp: true,
      });
      rec.followUps.push(msg);
      rec.produced.push(msg);
    }
    this.fake.changed();
    return query.get('wait') === 'true'
      ? { status: 200, body: this.fake.world.apiMessage(msg) }
      : { status: 204 };
  }

  /** GET /webhooks/{app}/{token}/messages/{id|@original} */
  getMessage(applicationId: string, token: string, messageId: string): { status: number; body?: unknown } {
    const rec = this.webhookRecord(applicationId, token);
    return { status: 200, body: this.fake.world.apiMessage(this.webhookMessage(rec, messageId)) };
  }

  /** PATCH /webhooks/{app}/{token}/messages/{id|@original} */
  editMessage(
    applicationId: string,
    token: string,
    messageId: string,
    body: unknown,
    files: readonly UploadedFile[],
  ): { status: number; body?: unknown } {
    const rec = this.webhookRecord(applicationId, token);
    const msg = this.webhookMessage(rec, messageId);
    const errors = new FormErrors();
    validateMessageBody(errors, [], body);
    errors.throwIfAny();
    const d = body as Json;
    const preview = previewEdit(msg, d);
    if (isEmptyMessage({ ...preview, attachments: files.length > 0 ? files : preview.attachments }))
      throw ApiError.emptyMessage();
    if (typeof d.flags === 'number' && (d.flags & MessageFlag.Ephemeral) !== 0 && !msg.meta.ephemeral) {
      rec.warnings.push(
        'edit with flags 64 ignored: ephemerality is decided by the first response or the deferral',
      );
    }
    applyEdit(msg, d, files);
    this.fake.messageChanged(msg);
    if (!rec.produced.includes(msg)) rec.produced.push(msg);
    this.fake.changed();
    return { status: 200, body: this.fake.world.apiMessage(msg) };
  }

  /** DELETE /webhooks/{app}/{token}/messages/{id|@original} */
  deleteMessage(applicationId: string, token: string, messageId: string): { status: number } {
    const rec = this.webhookRecord(applicationId, token);
    const msg = this.webhookMessage(rec, messageId);
    this.fake.deleteMessage(msg);
    return { status: 204 };
  }
}
