/**
 * Just enough of discord.js's interaction classes for unit tests of the router, respond and the commands:
 * the state flags (deferred, replied, ephemeral), the response methods (recorded, with discord.js's own
 * "already replied" rules), and the options accessors.
 */
import { PermissionsBitField, type Interaction } from 'discord.js';
import { vi } from 'vitest';

export interface Call {
  method: 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'update' | 'respond' | 'deleteReply';
  options: unknown;
}

export type OptionValue = string | number | boolean;

export interface FakeOptions {
  id?: string;
  userId?: string;
  guildId?: string | null;
  commandName?: string;
  subcommand?: string | null;
  options?: Record<string, OptionValue>;
  focused?: { name: string; value: string };
  customId?: string;
  kind?: 'command' | 'autocomplete' | 'button';
  appPermissions?: bigint;
  memberPermissions?: bigint | null;
  channel?: unknown;
  /** Make this response method fail (e.g. an expired token). */
  failOn?: Call['method'];
}

export class FakeInteraction {
  readonly calls: Call[] = [];
  deferred = false;
  replied = false;
  ephemeral: boolean | null = null;
  readonly id: string;
  readonly type: number;
  readonly guildId: string | null;
  readonly channelId: string | null = '223456789012345678';
  readonly user: { id: string };
  readonly commandName: string;
  readonly customId: string;
  readonly appPermissions: Readonly<PermissionsBitField>;
  readonly memberPermissions: Readonly<PermissionsBitField> | null;
  readonly channel: unknown;
  readonly client = { channels: { fetch: vi.fn(async () => null) } };
  readonly options: {
    data: { name: string; type: number; value?: OptionValue; options?: unknown[] }[];
    getString(name: string, required?: boolean): string | null;
    getInteger(name: string): number | null;
    getBoolean(name: string): boolean | null;
    getSubcommand(required?: boolean): string | null;
    getFocused(full?: boolean): unknown;
  };

  constructor(private readonly spec: FakeOptions = {}) {
    this.id = spec.id ?? '1100000000000000001';
    const kind = spec.kind ?? 'command';
    this.type = kind === 'button' ? 3 : kind === 'autocomplete' ? 4 : 2;
    this.guildId = spec.guildId === undefined ? '323456789012345678' : spec.guildId;
    this.user = { id: spec.userId ?? '423456789012345678' };
    this.commandName = spec.commandName ?? 'quote';
    this.customId = spec.customId ?? '';
    this.appPermissions = new PermissionsBitField(spec.appPermissions ?? PermissionsBitField.All).freeze();
    this.memberPermissions =
      spec.memberPermissions === null ? null : new PermissionsBitField(spec.memberPermissions ?? 0n).freeze();
    this.channel = spec.channel ?? null;
    const values = spec.options ?? {};
    const leaf = Object.entries(values).map(([name, value]) => ({ name, type: 3, value }));
    this.options = {
      data: spec.subcommand ? [{ name: spec.subcommand, type: 1, options: leaf }] : leaf,
      getString: (name, required) => {
        const value = values[name];
        if (value === undefined && required) throw new Error(`option ${name} is required`);
        return typeof value === 'string' ? value : null;
      },
      getInteger: (name) => (typeof values[name] === 'number' ? (values[name] as number) : null),
      getBoolean: (name) => (typeof values[name] === 'boolean' ? (values[name] as boolean) : null),
      getSubcommand: () => spec.subcommand ?? null,
      getFocused: (full) => (full ? spec.focused : spec.focused?.value) ?? '',
    };
  }

  isChatInputCommand(): boolean {
    return this.type === 2;
  }
  isAutocomplete(): boolean {
    return this.type === 4;
  }
  isButton(): boolean {
    return this.type === 3;
  }
  isMessageComponent(): boolean {
    return this.type === 3;
  }
  isRepliable(): boolean {
    return this.type !== 4;
  }
  inGuild(): boolean {
    return this.guildId !== null;
  }

  private record(method: Call['method'], options: unknown): void {
    this.calls.push({ method, options });
    if (this.spec.failOn === method) throw Object.assign(new Error('Unknown interaction'), { code: 10062 });
  }

  async reply(options: { flags?: number }): Promise<void> {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.record('reply', options);
    this.replied = true;
    this.ephemeral = Boolean((options.flags ?? 0) & 64);
  }
  async deferReply(options: { flags?: number } = {}): Promise<void> {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.record('deferReply', options);
    this.deferred = true;
    this.ephemeral = Boolean((options.flags ?? 0) & 64);
  }
  async editReply(options: unknown): Promise<void> {
    if (!this.deferred && !this.replied) throw new Error('InteractionNotReplied');
    this.record('editReply', options);
    this.replied = true;
  }
  async followUp(options: unknown): Promise<void> {
    if (!this.deferred && !this.replied) throw new Error('InteractionNotReplied');
    this.record('followUp', options);
    this.replied = true;
  }
  async update(options: unknown): Promise<void> {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.record('update', options);
    this.replied = true;
  }
  async respond(choices: unknown): Promise<void> {
    this.record('respond', choices);
  }

  /** The last call, typed loosely for assertions. */
  last(): Call & { options: Record<string, unknown> } {
    return this.calls.at(-1) as Call & { options: Record<string, unknown> };
  }

  /** Seen by the router as a discord.js Interaction. */
  get asInteraction(): Interaction {
    return this as unknown as Interaction;
  }
}
