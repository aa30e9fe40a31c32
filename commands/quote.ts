/** `/quote topic:<text> [document] [limit] [comments] [private]`: verbatim, cited quotes on a topic. */
import {
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { CorpusDocument } from '../src/corpus/types.js';
import { DEFAULT_LIMIT, MAX_LIMIT, clampLimit, quote } from '../src/search/quote.js';
import type { CorpusIndex } from '../src/search/corpus-index.js';
import type { ButtonHandler, Choice, CommandContext } from '../src/discord/command.js';
import { docLookup, resolveDocId, unknownDocument } from '../src/discord/documents.js';
import {
  documentChoices,
  documentOption,
  privateOption,
  readTopic,
  topicChoices,
  topicOption,
  validateTopic,
} from '../src/discord/options.js';
import { renderContext, renderQuoteResult, type QuoteView } from '../src/render/discord/quote.js';
import { notice, type Reply } from '../src/render/discord/reply.js';

export const data = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Find verbatim, cited quotes on a topic in the reading list')
  .addStringOption((o) => topicOption(o, 'security guarantees'))
  .addStringOption((o) => documentOption(o, false).setDescription('Search only this document'))
  .addIntegerOption((o) =>
    o
      .setName('limit')
      .setDescription(`How many quotes (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT})`)
      .setMinValue(1)
      .setMaxValue(MAX_LIMIT),
  )
  .addBooleanOption((o) => o.setName('comments').setDescription('Include reader comments, labelled as such'))
  .addBooleanOption(privateOption);

/** Indexed search answers in milliseconds: no deferral needed. */
export const defer = false;
export const cooldown = 3;
export const validate = validateTopic;

export function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Reply {
  const docRef = interaction.options.getString('document')?.trim();
  let doc: CorpusDocument | null = null;
  if (docRef) {
    doc = ctx.index.findDocument(docRef);
    if (!doc) return unknownDocument(ctx.index, docRef);
  }
  const limit = clampLimit(interaction.options.getInteger('limit') ?? undefined);
  return search(ctx.index, {
    topic: readTopic(interaction),
    limit,
    comments: interaction.options.getBoolean('comments') ?? false,
    doc,
  });
}

export function autocomplete(interaction: AutocompleteInteraction, ctx: CommandContext): Choice[] {
  const focused = interaction.options.getFocused(true);
  if (focused.name === 'document') return documentChoices(ctx.index, focused.value);
  return topicChoices(ctx.index, focused.value);
}

/** More, Previous and "did you mean": run the search the button describes and replace the message. */
const page: ButtonHandler<'quote:page'> = (_interaction, state, ctx) => {
  const doc = state.doc ? (resolveDocId(ctx.index, state.doc, state.docIsPrefix) ?? null) : null;
  if (state.doc && !doc) {
    return {
      reply: notice('That document is no longer in the reading list. Run `/quote` again.'),
      update: false,
    };
  }
  const view: QuoteView = {
    topic: state.topic,
    limit: state.limit,
    comments: state.comments,
    doc,
    topicShortened: state.topicTruncated,
  };
  return { reply: search(ctx.index, view, state.offset), update: true };
};

/** Context: the whole paragraph around a quote, to the person who clicked only. */
const context: ButtonHandler<'quote:ctx'> = (_interaction, state, ctx) => {
  // The sentence id is checked against the doc and paragraph: a reload may have renumbered sentences.
  const sameDoc = (docId: string): boolean =>
    state.docIsPrefix ? docId.startsWith(state.doc) : docId === state.doc;
  const candidate = ctx.index.sentence(state.sentenceId);
  const byId =
    candidate && sameDoc(candidate.docId) && candidate.paragraph === state.paragraph ? candidate : undefined;
  const doc = byId ? ctx.index.document(byId.docId) : resolveDocId(ctx.index, state.doc, state.docIsPrefix);
  const paragraph = doc ? ctx.index.paragraph(doc.docId, state.paragraph) : undefined;
  if (!doc || !paragraph) {
    return {
      reply: notice(
        'That passage is no longer in the reading list (the corpus changed). Run `/quote` again.',
      ),
      update: false,
    };
  }
  const sentence =
    byId ?? doc.sentences.find((s) => s.paragraph === state.paragraph && s.position === state.position);
  return { reply: renderContext(doc, paragraph, sentence), update: false };
};

export const buttons = { 'quote:page': page, 'quote:ctx': context };

function search(index: CorpusIndex, view: QuoteView, offset = 0): Reply {
  const result = quote(index, {
    topic: view.topic,
    limit: view.limit,
    offset,
    comments: view.comments,
    ...(view.doc ? { doc: view.doc.docId } : {}),
  });
  return renderQuoteResult(result, view, docLookup(index));
}
