/** `/positions topic:<text> [private]`: where each author stands on a topic, with the quotes it rests on. */
import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { positions } from '../src/analysis/positions.js';
import type { Choice, CommandContext } from '../src/discord/command.js';
import { docLookup } from '../src/discord/documents.js';
import {
  privateOption,
  readTopic,
  topicChoices,
  topicOption,
  validateTopic,
} from '../src/discord/options.js';
import { renderPositions } from '../src/render/discord/positions.js';
import type { Reply } from '../src/render/discord/reply.js';

export const data = new SlashCommandBuilder()
  .setName('positions')
  .setDescription('Where each author stands on a topic, in their own words')
  .addStringOption((o) => topicOption(o, 'territory'))
  .addBooleanOption(privateOption);

/** Reads every document's position: may take a while on a large reading list. */
export const defer = true;
export const cooldown = 5;
export const validate = validateTopic;

export function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Reply {
  const result = positions(ctx.index, { topic: readTopic(interaction) });
  return renderPositions(result, docLookup(ctx.index));
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] {
  return topicChoices(ctx.index, interaction.options.getFocused());
}
