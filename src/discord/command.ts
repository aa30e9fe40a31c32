import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Reply } from '../render/discord/reply.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import type { ButtonKey, ButtonState } from './custom-id.js';

/** What every handler gets besides its interaction. */
export interface CommandContext {
  /** The index as it was when the interaction arrived (a hot reload mid-command does not change it). */
  index: CorpusIndex;
  /** Every registered command (for /help). */
  commands: readonly Command[];
  /** A child logger carrying the interaction id. */
  log: Logger;
}

export type Choice = ApplicationCommandOptionChoiceData<string>;

export interface ButtonAnswer {
  reply: Reply;
  /** Edit the message the button is on (true) or answer with a new message (false). */
  update: boolean;
}

export type ButtonHandler<K extends ButtonKey> = (
  interaction: ButtonInteraction,
  state: ButtonState<K>,
  ctx: CommandContext,
) => Promise<ButtonAnswer> | ButtonAnswer;

/**
 * One slash command, one file in `commands/` (the discord.js guide layout): the module itself implements this
 * interface with named exports. The router does the rest: validation, cooldown, deferral, errors.
 */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Seconds one user waits between two uses (per user, per command; a function for per-subcommand rules). */
  cooldown: number | ((interaction: ChatInputCommandInteraction) => number);
  /**
   * Acknowledge with a deferral before `execute` runs: for work that may approach Discord's 3-second window
   * (analysis over the whole corpus, REST calls such as creating threads).
   */
  defer: boolean;
  /** Whether the answer is ephemeral; by default the `private` option decides. */
  ephemeral?: (interaction: ChatInputCommandInteraction) => boolean;
  /**
   * Input and context checks, run before the cooldown starts and before any deferral, so a refusal costs the
   * user no cooldown and is always ephemeral. Must be quick (well under Discord's 3 seconds).
   */
  validate?: (
    interaction: ChatInputCommandInteraction,
    ctx: CommandContext,
  ) => Reply | null | Promise<Reply | null>;
  execute: (interaction: ChatInputCommandInteraction, ctx: CommandContext) => Promise<Reply> | Reply;
  /** Choices for the focused option; the router answers `[]` if this throws. */
  autocomplete?: (interaction: AutocompleteInteraction, ctx: CommandContext) => Promise<Choice[]> | Choice[];
  /** Handlers for this command's buttons, by custom_id key. */
  buttons?: { [K in ButtonKey]?: ButtonHandler<K> };
}

/** The `private` option, the default ephemeral rule. */
export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getBoolean('private') ?? false;
}

/** `/study all`, `/quote`: the command line as a user would type it, for logs and cooldown keys. */
export function commandLabel(interaction: ChatInputCommandInteraction): string {
  const sub = interaction.options.getSubcommand(false);
  return sub ? `${interaction.commandName} ${sub}` : interaction.commandName;
}
