/** The fake Discord for end-to-end tests: see README.md in this folder. */
export { FakeDiscord, hasVisibleResponse, type FakeDiscordOptions, type WaitOptions } from './server.js';
export {
  componentsOf,
  findComponent,
  type AutocompleteInjection,
  type CommandInjection,
  type ComponentInjection,
  type InjectContext,
  type InjectedInteraction,
  type InteractionRecord,
  type ModalSubmitInjection,
} from './interactions.js';
export type { RequestLogEntry, InjectedFailure } from './rest.js';
export type { GatewayLogEntry, GatewaySession } from './gateway.js';
export type { FakeChannel, FakeMessage, FakeUser, RegisteredCommand, SeededGuild, Pings } from './state.js';
export { LIMITS, chars, embedTextSize } from './limits.js';
export {
  ALL_PERMISSIONS,
  CallbackType,
  ChannelKind,
  CloseCode,
  ErrorCode,
  Intent,
  MessageFlag,
  Perm,
} from './constants.js';
export { startBot, type BotProcess, type StartBotOptions } from './bot-process.js';
