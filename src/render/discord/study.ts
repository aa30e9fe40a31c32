import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { StudyGuide } from '../../analysis/types.js';
import { escapeText, safeUrl } from './escape.js';
import { COLORS, UNSIGNED, addFieldGroups, citedQuote, count, escaped, type DocLookup } from './format.js';
import { LIMITS } from './limits.js';
import type { Reply } from './reply.js';
import { charLength, truncate } from './truncate.js';

const OVERVIEW_MAX = 1400;
const QUOTE_MAX = 450;
const QUESTION_MAX = 300;
/** All discussion questions together; the rest are counted. */
const QUESTIONS_MAX = 1600;
/** Lines per section of the /study all report (the rest are counted). */
const REPORT_LINES = 12;

/**
 * The study guide posted as a thread's first message: the title (linked to the source), the author or
 * "Unsigned", the overview, the key quotes each in its own field with its place, and the discussion
 * questions numbered. Budgeted so the questions always fit; key quotes that do not are left out.
 */
export function renderStudyGuide(guide: StudyGuide, docs: DocLookup): Reply {
  const byline = `*${guide.author ? escaped(guide.author, 100) : UNSIGNED}*`;
  const overview = guide.overview.trim() ? `**Overview**\n${escaped(guide.overview, OVERVIEW_MAX)}` : '';
  const embed: APIEmbed = {
    title: escaped(guide.title, 200),
    description: [byline, overview].filter(Boolean).join('\n\n'),
    color: COLORS.study,
    footer: { text: truncate(`Study guide · search this document with /quote document:${guide.docId}`, 200) },
  };
  const url = safeUrl(guide.source);
  if (url) embed.url = url;

  const questions = questionFields(guide.questions);
  const questionsSize = questions.reduce((sum, f) => sum + charLength(f.name) + charLength(f.value), 0);
  addFieldGroups(
    embed,
    guide.quotes.slice(0, 5).map((quote, i) => [
      {
        name: `Key quote ${i + 1}`,
        value: citedQuote(quote, docs, QUOTE_MAX, { withTitle: false, withVoice: false }),
      },
    ]),
    questionsSize,
  );
  embed.fields?.push(...questions);
  return { embeds: [embed] };
}

/** Numbered questions, over as many fields as 1,024 characters each need, within QUESTIONS_MAX in all. */
function questionFields(questions: readonly string[]): APIEmbedField[] {
  const values: string[] = [];
  let value = '';
  let total = 0;
  for (const [i, question] of questions.entries()) {
    const line = `${i + 1}. ${escaped(question, QUESTION_MAX)}`;
    if (total + charLength(line) + 1 > QUESTIONS_MAX) {
      const rest = `…and ${questions.length - i} more`;
      value = value ? `${value}\n${rest}` : rest;
      break;
    }
    if (value && charLength(value) + 1 + charLength(line) > LIMITS.fieldValue) {
      values.push(value);
      value = '';
    }
    value = value ? `${value}\n${line}` : line;
    total += charLength(line) + 1;
  }
  if (value) values.push(value);
  return values.map((v, i) => ({
    name: i === 0 ? 'Discussion questions' : 'Discussion questions (continued)',
    value: v,
  }));
}

export interface StudyOutcome {
  title: string;
  status: 'created' | 'existing' | 'failed';
  /** A thread in a text or announcement channel (default), or a post in a forum or media channel. */
  kind?: 'thread' | 'post';
  threadId?: string;
  /** Why it failed, in plain words. */
  reason?: string;
}

/** The answer to `/study doc`: a link to the new thread (or forum post) or to the one already open. */
export function renderStudyOutcome(outcome: StudyOutcome): Reply {
  const title = `**${escaped(outcome.title, 150)}**`;
  const link = outcome.threadId ? `<#${outcome.threadId}>` : '';
  const what = outcome.kind === 'post' ? 'study post' : 'study thread';
  switch (outcome.status) {
    case 'created':
      return { content: `Started a ${what} for ${title}: ${link}`, ephemeral: true };
    case 'existing':
      return { content: `A ${what} for ${title} is already open: ${link}`, ephemeral: true };
    case 'failed':
      return {
        content: `I could not open a ${what} for ${title}: ${outcome.reason ?? 'Discord refused.'}`,
        ephemeral: true,
      };
  }
}

/** The answer to `/study all`: which threads were created, which already existed, and any failures. */
export function renderStudyReport(
  outcomes: readonly StudyOutcome[],
  skipped: number,
  maxCreated: number,
): Reply {
  const created = outcomes.filter((o) => o.status === 'created');
  const existing = outcomes.filter((o) => o.status === 'existing');
  const failed = outcomes.filter((o) => o.status === 'failed');
  const line = (o: StudyOutcome): string =>
    o.threadId ? `<#${o.threadId}> ${escaped(o.title, 50)}` : escaped(o.title, 50);
  const section = (heading: string, items: StudyOutcome[], describe: (o: StudyOutcome) => string): string => {
    if (items.length === 0) return '';
    const listed = items.slice(0, REPORT_LINES).map(describe);
    if (items.length > REPORT_LINES) listed.push(`…and ${items.length - REPORT_LINES} more`);
    return `**${heading} (${items.length})**\n${listed.join('\n')}`;
  };
  const parts = [
    section('Created', created, line),
    section('Already open', existing, line),
    section(
      'Failed',
      failed,
      (o) => `${escaped(o.title, 50)}: ${escapeText(o.reason ?? 'Discord refused.')}`,
    ),
  ].filter(Boolean);
  if (skipped > 0) {
    parts.push(
      `${count(skipped, 'more document')} not opened yet: \`/study all\` opens at most ${maxCreated} threads per run; run it again to continue.`,
    );
  }
  const embed: APIEmbed = {
    title: 'Study threads',
    description: parts.join('\n\n') || 'The reading list is empty.',
    color: COLORS.study,
    footer: {
      text: `${created.length} created · ${existing.length} already open${failed.length ? ` · ${failed.length} failed` : ''}`,
    },
  };
  return { embeds: [embed], ephemeral: true };
}
