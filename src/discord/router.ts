/**
 * The one place every interaction goes through. For a slash command: look it up, validate its input, check
 * the user's cooldown, defer when the work may approach Discord's 3-second window, run it, and answer through
 * `respond`. Buttons are routed by their custom_id, autocomplete to the command's `autocomplete`.
 * Nothing escapes: a handler error is logged (command, options, guild, interaction id) and the user gets a
 * short apology quoting the interaction id; an autocomplete error answers `[]`. A UserError from the core
 * (a request it refuses, e.g. an unknown document) is shown to the user as is, with its suggestions.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  Interaction,
  RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import {
  apology,
  cooldownNotice,
  staleButton,
  unknownCommand,
  userErrorNotice,
} from '../render/discord/notices.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { commandLabel, isPrivate, type ButtonHandler, type Command, type CommandContext } from './command.js';
import { Cooldowns } from './cooldown.js';
import { parseCustomId, type ButtonKey } from './custom-id.js';
import { defer, respond, respondChoices } from './respond.js';

export interface RouterOptions {
  commands: readonly Command[];
  /** Where the current index comes from (a LiveIndex, or a fixed one in tests). */
  index: { readonly current: CorpusIndex };
  logger: Logger;
  cooldowns?: Cooldowns;
}

export type Router = (interaction: Interaction) => Promise<void>;

export function createRouter(options: RouterOptions): Router {
  const { commands, logger } = options;
  const cooldowns = options.cooldowns ?? new Cooldowns();
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const byButton = new Map<string, Command>();
  for (const command of commands) {
    for (const key of Object.keys(command.buttons ?? {})) byButton.set(key, command);
  }

  const context = (interaction: Interaction, fields: Record<string, unknown>): CommandContext => ({
    index: options.index.current,
    commands,
    log: logger.child({ interactionId: interaction.id, guildId: interaction.guildId, ...fields }),
  });

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const label = commandLabel(interaction);
    const ctx = context(interaction, { command: label });
    const command = byName.get(interaction.commandName);
    if (!command) {
      ctx.log.warn('unknown command (stale registration?)');
      await respond(interaction, unknownCommand(interaction.commandName), { log: ctx.log });
      return;
    }
    const started = Date.now();
    try {
      const invalid = await command.validate?.(interaction, ctx);
      if (invalid) {
        await respond(interaction, { ...invalid, ephemeral: true }, { log: ctx.log });
        ctx.log.info(
          { options: optionValues(interaction.options.data), refused: invalid.content },
          'command refused',
        );
        return;
      }
      const seconds =
        typeof command.cooldown === 'function' ? command.cooldown(interaction) : command.cooldown;
      const waitMs = cooldowns.take(interaction.user.id, label, seconds);
      if (waitMs > 0) {
        await respond(interaction, cooldownNotice(label, waitMs), { log: ctx.log });
        return;
      }
      const ephemeral = (command.ephemeral ?? isPrivate)(interaction);
      if (command.defer) await defer(interaction, ephemeral);
      const reply = await command.execute(interaction, ctx);
      await respond(interaction, { ...reply, ephemeral: reply.ephemeral ?? ephemeral }, { log: ctx.log });
      ctx.log.info(
        { options: optionValues(interaction.options.data), ms: Date.now() - started },
        'command answered',
      );
    } catch (err) {
      await apologise(interaction, err, ctx.log, {
        command: label,
        options: optionValues(interaction.options.data),
      });
    }
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    const ctx = context(interaction, { button: parsed?.key ?? 'unknown' });
    try {
      const command = parsed ? byButton.get(parsed.key) : undefined;
      const handler = command?.buttons?.[parsed?.key as ButtonKey] as ButtonHandler<ButtonKey> | undefined;
      if (!parsed || !handler) {
        ctx.log.info({ customId: interaction.customId }, 'stale or unknown button');
        await respond(interaction, staleButton(), { log: ctx.log });
        return;
      }
      const answer = await handler(interaction, parsed.state as never, ctx);
      await respond(interaction, answer.reply, { update: answer.update, log: ctx.log });
      ctx.log.info({ customId: interaction.customId }, 'button answered');
    } catch (err) {
      await apologise(interaction, err, ctx.log, { button: parsed?.key, customId: interaction.customId });
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const ctx = context(interaction, { command: interaction.commandName });
    let choices: Awaited<ReturnType<NonNullable<Command['autocomplete']>>> = [];
    try {
      const command = byName.get(interaction.commandName);
      choices = (await command?.autocomplete?.(interaction, ctx)) ?? [];
    } catch (err) {
      ctx.log.error(
        { err, focused: safeFocused(interaction), options: optionValues(interaction.options.data) },
        'autocomplete failed; answering with no choices',
      );
      choices = [];
    }
    try {
      await respondChoices(interaction, choices);
    } catch (err) {
      // Most often the user typed on and Discord already dropped this request (10062).
      ctx.log.debug({ err }, 'autocomplete answer not delivered');
    }
  }

  async function apologise(
    interaction: RepliableInteraction,
    err: unknown,
    log: Logger,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const expected = err instanceof UserError;
    if (expected) log.info({ ...fields, refused: err.message }, 'request refused by the core');
    else
      log.error(
        { err, ...fields, guild: interaction.guildId, interactionId: interaction.id },
        'interaction failed',
      );
    try {
      await respond(interaction, expected ? userErrorNotice(err) : apology(interaction.id), { log });
    } catch (replyErr) {
      log.warn({ err: replyErr }, 'could not deliver the apology (interaction expired?)');
    }
  }

  return async function route(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else logger.debug({ interactionId: interaction.id, type: interaction.type }, 'ignored interaction');
    } catch (err) {
      // Only reachable through a bug in the handlers above; still never let it escape.
      logger.error({ err, interactionId: interaction.id }, 'router failed');
    }
  };
}

/** Options as `{ name: value }`, subcommands nested, for logs. */
export function optionValues(options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const option of options) {
    out[option.name] = option.options ? optionValues(option.options) : option.value;
  }
  return out;
}

function safeFocused(interaction: AutocompleteInteraction): unknown {
  try {
    return interaction.options.getFocused(true);
  } catch {
    return null;
  }
}
