/** Option definitions and readers shared by several commands, so every command treats them alike. */
import type {
  ChatInputCommandInteraction,
  SlashCommandBooleanOption,
  SlashCommandStringOption,
} from 'discord.js';
import { notice, type Reply } from '../render/discord/reply.js';
import { charLength } from '../render/discord/truncate.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import type { Choice } from './command.js';

export const TOPIC_MIN = 2;
export const TOPIC_MAX = 200;

export const topicOption = (option: SlashCommandStringOption, example: string): SlashCommandStringOption =>
  option
    .setName('topic')
    .setDescription(`What to look for, e.g. ${example} (typos are fine)`)
    .setRequired(true)
    .setMinLength(TOPIC_MIN)
    .setMaxLength(TOPIC_MAX)
    .setAutocomplete(true);

export const documentOption = (
  option: SlashCommandStringOption,
  required: boolean,
): SlashCommandStringOption =>
  option
    .setName('document')
    .setDescription('A document from the reading list: start typing its title')
    .setRequired(required)
    .setMaxLength(100)
    .setAutocomplete(true);

export const privateOption = (option: SlashCommandBooleanOption): SlashCommandBooleanOption =>
  option.setName('private').setDescription('Show the answer only to you');

/** The topic, trimmed and with runs of whitespace collapsed ('' when absent). */
export function readTopic(interaction: ChatInputCommandInteraction): string {
  return (interaction.options.getString('topic') ?? '').replace(/\s+/gu, ' ').trim();
}

/**
 * Discord enforces the topic's length in its own client, but not every client (or a crafted request) does:
 * check again, before any deferral, so the answer can be ephemeral.
 */
export function validateTopic(interaction: ChatInputCommandInteraction): Reply | null {
  const topic = readTopic(interaction);
  if (topic === '') {
    return notice(
      `Give me a topic to look for, e.g. \`/${interaction.commandName} topic: security guarantees\`.`,
    );
  }
  const length = charLength(topic);
  if (length > TOPIC_MAX) {
    return notice(
      `That topic is ${length} characters long; keep it to ${TOPIC_MAX} or fewer (a few words work best).`,
    );
  }
  return null;
}

/**
 * Topic suggestions for autocomplete: with nothing typed, the corpus's most discussed topics; otherwise the
 * index's typo-tolerant completions (exact, then prefix, then fuzzy).
 */
export function topicChoices(index: CorpusIndex, typed: string): Choice[] {
  const text = typed.replace(/\s+/gu, ' ').trim();
  const topics = text === '' ? index.topics(25) : index.completeTopic(text, 25);
  return topics.map((topic) => ({ name: topic, value: topic }));
}

/** Document suggestions: title (and author) as the name, the docId as the value. */
export function documentChoices(index: CorpusIndex, typed: string): Choice[] {
  const text = typed.trim();
  const docs = text === '' ? index.corpus.documents.slice(0, 25) : index.completeDocument(text, 25);
  return docs.map((doc) => ({
    name: doc.author ? `${doc.title} — ${doc.author}` : doc.title,
    value: doc.docId.length <= 100 ? doc.docId : doc.title,
  }));
}
