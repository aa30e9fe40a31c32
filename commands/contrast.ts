/** `/contrast topic:<text> [private]`: the pairs of authors who disagree most clearly on a topic. */
import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { contrast } from '../src/analysis/contrast.js';
import type { Choice, CommandContext } from '../src/discord/command.js';
import { docLookup } from '../src/discord/documents.js';
import {
  privateOption,
  readTopic,
  topicChoices,
  topicOption,
  validateTopic,
} from '../src/discord/options.js';
import { renderContrast } from '../src/render/discord/contrast.js';
import type { Reply } from '../src/render/discord/reply.js';

export const data = new SlashCommandBuilder()
  .setName('contrast')
  .setDescription('Who disagrees with whom on a topic: each side in its own words')
  .addStringOption((o) => topicOption(o, 'cease fire'))
  .addBooleanOption(privateOption);

/** Compares every pair of positions: may take a while on a large reading list. */
export const defer = true;
export const cooldown = 5;
export const validate = validateTopic;

export function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Reply {
  const result = contrast(ctx.index, { topic: readTopic(interaction) });
  return renderContrast(result, docLookup(ctx.index));
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] {
  return topicChoices(ctx.index, interaction.options.getFocused());
}
