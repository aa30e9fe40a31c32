/** `/help`: what Parley does and every command with its options (always private). */
import { SlashCommandBuilder } from 'discord.js';
import type { CommandContext } from '../src/discord/command.js';
import { renderHelp } from '../src/render/discord/help.js';
import type { Reply } from '../src/render/discord/reply.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('How to use Parley: every command and its options');

export const defer = false;
export const cooldown = 3;
export const ephemeral = (): boolean => true;

export function execute(_interaction: unknown, ctx: CommandContext): Reply {
  const { corpus } = ctx.index;
  return renderHelp(
    ctx.commands.map((c) => c.data.toJSON()),
    { documents: corpus.documents.length, passages: corpus.sentenceCount },
  );
}
