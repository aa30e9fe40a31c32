/** `/docs [private]`: the reading list, each document with its one-line thesis. */
import { SlashCommandBuilder } from 'discord.js';
import { listDocuments } from '../src/search/documents.js';
import type { ButtonHandler, CommandContext } from '../src/discord/command.js';
import { privateOption } from '../src/discord/options.js';
import { renderDocs } from '../src/render/discord/docs.js';
import type { Reply } from '../src/render/discord/reply.js';

export const data = new SlashCommandBuilder()
  .setName('docs')
  .setDescription('The reading list: every document with its one-line thesis')
  .addBooleanOption(privateOption);

export const defer = false;
export const cooldown = 5;

export function execute(_interaction: unknown, ctx: CommandContext): Reply {
  return renderDocs(listDocuments(ctx.index), 0);
}

const page: ButtonHandler<'docs:page'> = (_interaction, state, ctx) => ({
  reply: renderDocs(listDocuments(ctx.index), state.offset),
  update: true,
});

export const buttons = { 'docs:page': page };
