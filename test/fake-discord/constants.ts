/**
 * Constants of the fake Discord: permission bits, channel and interaction types, JSON error codes.
 * Numeric values come from discord-api-types (re-exported by discord.js), so they match the real API.
 */
import { GatewayIntentBits, PermissionFlagsBits } from 'discord.js';

/** Permission bits as bigints (e.g. `Perm.CreatePublicThreads === 1n << 35n`). */
export const Perm = PermissionFlagsBits;

/** Every permission bit Discord currently defines. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** What a new server's @everyone role can do (close to Discord's default). */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  Perm.CreateInstantInvite |
  Perm.ChangeNickname |
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.SendMessagesInThreads |
  Perm.CreatePublicThreads |
  Perm.CreatePrivateThreads |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.UseExternalStickers |
  Perm.MentionEveryone |
  Perm.ReadMessageHistory |
  Perm.UseApplicationCommands |
  Perm.Connect |
  Perm.Speak |
  Perm.Stream |
  Perm.UseVAD;

/** The bot's managed role, as if invited with the permissions a study bot asks for. */
export const DEFAULT_BOT_ROLE_PERMISSIONS: bigint =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.SendMessagesInThreads |
  Perm.CreatePublicThreads |
  Perm.EmbedLinks |
  Perm.ReadMessageHistory |
  Perm.UseApplicationCommands;

/** A "Moderator" role: can manage threads and messages. */
export const DEFAULT_MODERATOR_PERMISSIONS: bigint = Perm.ManageThreads | Perm.ManageMessages;

/** The bot's effective permissions in a DM with a user (what Discord reports as app_permissions there). */
export const DM_PERMISSIONS: bigint =
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.AddReactions |
  Perm.UseExternalEmojis |
  Perm.UseExternalStickers |
  Perm.UseApplicationCommands;

export const ChannelKind = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GroupDM: 3,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildStageVoice: 13,
  GuildForum: 15,
  GuildMedia: 16,
} as const;

export const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);
/** Channel types that can hold threads (POST /channels/{id}/threads). */
export const THREAD_PARENT_TYPES: ReadonlySet<number> = new Set([0, 5, 15, 16]);
/** Channel types with a message box. */
export const MESSAGEABLE_TYPES: ReadonlySet<number> = new Set([0, 1, 2, 3, 5, 10, 11, 12, 13]);

export const InteractionKind = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
/** Intents that must be switched on in the developer portal; the fake leaves them off by default. */
export const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;
/** All intent bits Discord defines. */
export const KNOWN_INTENTS: number = Object.values(GatewayIntentBits)
  .filter((v): v is number => typeof v === 'number')
  .reduce((a, b) => a | b, 0);

/** Gateway opcodes. */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Gateway close codes. */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidAPIVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** JSON error codes Discord answers with (RESTJSONErrorCodes). */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  CannotSendEmptyMessage: 50006,
  CannotSendMessagesInNonTextChannel: 50008,
  InvalidFormBody: 50035,
  MissingPermissions: 50013,
  InvalidWebhookToken: 50027,
  CannotExecuteActionOnChannelType: 50024,
  ThreadArchived: 50083,
  InteractionAlreadyAcknowledged: 40060,
  TagRequired: 40067,
  ThreadAlreadyCreatedForMessage: 160004,
  MaximumActiveThreads: 160006,
} as const;
