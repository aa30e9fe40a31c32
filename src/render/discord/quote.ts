import { ButtonStyle, type APIEmbed } from 'discord.js';
import type { CorpusDocument, Paragraph, Sentence } from '../../corpus/types.js';
import type { Quote, QuoteResult } from '../../search/types.js';
import { encodeContext, encodeQuotePage } from '../../discord/custom-id.js';
import { escapeText, plainText, safeUrl } from './escape.js';
import {
  COLORS,
  READER_COMMENT,
  UNSIGNED,
  citedQuote,
  didYouMean,
  echoTopic,
  escaped,
  type DocLookup,
} from './format.js';
import { LIMITS } from './limits.js';
import { buttonRows, type ButtonSpec, type Reply } from './reply.js';
import { charLength, truncate, truncateStart } from './truncate.js';

/** Context buttons fill at most four rows; the fifth holds Previous / More. */
export const MAX_QUOTES_PER_PAGE = (LIMITS.actionRows - 1) * LIMITS.buttonsPerRow;
/** One quote never takes more than this, so a page shows several. */
const QUOTE_MAX = 700;
const MAX_SUGGESTIONS = LIMITS.buttonsPerRow;
const TOPIC_SHORTENED = 'topic shortened to fit the button: run /quote again for the whole topic';

export interface QuoteView {
  /** The topic as searched: echoed in the title and carried by the buttons. */
  topic: string;
  limit: number;
  comments: boolean;
  /** The document the search was restricted to. */
  doc: CorpusDocument | null;
  /** A button carried only the start of a long topic (the bot restarted since it was made). */
  topicShortened?: boolean;
}

/**
 * A page of quotes: one embed, each quote a `>` block with its citation under it, a footer "results x–y of N",
 * a Context button per quote, Previous / More buttons. Shows as many of `result.results` as fit (at most 20);
 * More continues after the last one shown.
 */
export function renderQuoteResult(result: QuoteResult, view: QuoteView, docs: DocLookup): Reply {
  if (result.results.length === 0) return renderNoQuotes(result, view);
  const title = view.doc
    ? `Quotes on ${echoTopic(view.topic)} in ${escaped(view.doc.title, 80)}`
    : `Quotes on ${echoTopic(view.topic)}`;

  const suggestionLine = result.suggestions.length > 0 ? `\n\n${didYouMean(result.suggestions, 3)}` : '';
  const room = LIMITS.embedDescription - charLength(suggestionLine);
  const blocks: string[] = [];
  let used = 0;
  for (const [i, quote] of result.results.slice(0, MAX_QUOTES_PER_PAGE).entries()) {
    const block = citedQuote(quote, docs, QUOTE_MAX, { number: result.offset + i + 1 });
    const added = charLength(block) + (blocks.length > 0 ? 2 : 0);
    if (used + added > room) break;
    blocks.push(block);
    used += added;
  }
  const shown = result.results.slice(0, blocks.length);
  const from = result.offset + 1;
  const to = result.offset + shown.length;

  const footer = [`results ${from}–${to} of ${result.total}`];
  if (view.comments) footer.push('reader comments included');
  if (view.topicShortened) footer.push(TOPIC_SHORTENED);
  const embed: APIEmbed = {
    title,
    description: blocks.join('\n\n') + suggestionLine,
    color: COLORS.quote,
    footer: { text: footer.join(' · ') },
  };

  const buttons: ButtonSpec[] = shown.map((quote, i) => ({
    label: `Context ${from + i}`,
    customId: contextId(quote, docs),
  }));
  const nav: ButtonSpec[] = [];
  const page = {
    topic: view.topic,
    limit: view.limit,
    comments: view.comments,
    doc: view.doc?.docId ?? null,
  };
  if (result.offset > 0) {
    nav.push({
      label: 'Previous',
      customId: encodeQuotePage({ ...page, offset: Math.max(0, result.offset - view.limit) }),
    });
  }
  if (to < result.total) {
    nav.push({
      label: 'More',
      customId: encodeQuotePage({ ...page, offset: to }),
      style: ButtonStyle.Primary,
    });
  }
  return { embeds: [embed], components: [...buttonRows(buttons), ...buttonRows(nav)] };
}

function contextId(quote: Quote, docs: DocLookup): string {
  const sentence = docs(quote.docId)?.sentences.find((s) => s.id === quote.sentenceId);
  return encodeContext({
    sentenceId: quote.sentenceId,
    paragraph: quote.paragraph,
    position: sentence?.position ?? 0,
    doc: quote.docId,
  });
}

/** Nothing matched: say so, offer the "did you mean" suggestions as buttons that run the search. */
function renderNoQuotes(result: QuoteResult, view: QuoteView): Reply {
  const where = view.doc ? ` in ${escaped(view.doc.title, 80)}` : '';
  if (result.total > 0) {
    // Paged past the end (the corpus changed since the button was made).
    return {
      embeds: [
        {
          title: `No more quotes on ${echoTopic(view.topic)}${where}`,
          description: `All ${result.total} results have been shown. Run the command again to start over.`,
          color: COLORS.empty,
        },
      ],
      components: [],
    };
  }
  const suggestions = result.suggestions.slice(0, MAX_SUGGESTIONS);
  const lines = [`Nothing in the reading list${where} matches ${echoTopic(view.topic)}.`];
  if (suggestions.length > 0) {
    lines.push(didYouMean(suggestions));
  } else {
    lines.push('Try other words, or see `/docs` for what the reading list covers.');
  }
  const buttons: ButtonSpec[] = suggestions.map((suggestion) => ({
    label: `Search “${plainText(truncate(suggestion, 60))}”`,
    customId: encodeQuotePage({
      topic: suggestion,
      offset: 0,
      limit: view.limit,
      comments: view.comments,
      doc: view.doc?.docId ?? null,
    }),
  }));
  return {
    embeds: [
      { title: `No quotes on ${echoTopic(view.topic)}`, description: lines.join('\n'), color: COLORS.empty },
    ],
    components: buttonRows(buttons),
  };
}

/**
 * The whole paragraph around a quote, the quoted sentence in bold (shown to the person who clicked Context).
 * A paragraph too long for one embed is cut around the sentence.
 */
export function renderContext(
  doc: CorpusDocument,
  paragraph: Paragraph,
  sentence: Sentence | undefined,
): Reply {
  const [before, quoted, after] = splitAround(paragraph, sentence);
  const budget = LIMITS.embedDescription - 8;
  let description = '';
  let allowance = budget;
  for (let attempt = 0; attempt < 6; attempt++) {
    description = composeContext(before, quoted, after, allowance);
    if (charLength(description) <= budget) break;
    allowance = Math.floor(allowance * 0.8);
  }
  // Footers render no Markdown and no mentions: plain text.
  const who = paragraph.kind === 'comment' ? READER_COMMENT : (doc.author ?? UNSIGNED);
  const footer = [who, paragraph.section, `¶ ${paragraph.number}`].filter(Boolean).join(' · ');
  const embed: APIEmbed = {
    title: escaped(doc.title, 200),
    description,
    color: COLORS.quote,
    footer: { text: truncate(footer, LIMITS.footerText) },
  };
  const url = safeUrl(doc.sourceUrl);
  if (url) embed.url = url;
  return { embeds: [embed], ephemeral: true };
}

/** The paragraph as [before, sentence, after], from the sentence's offsets (or by search if they disagree). */
function splitAround(paragraph: Paragraph, sentence: Sentence | undefined): [string, string, string] {
  const text = paragraph.text;
  if (!sentence) return [text, '', ''];
  let start = sentence.start - paragraph.start;
  let end = sentence.end - paragraph.start;
  if (text.slice(start, end) !== sentence.text) {
    start = text.indexOf(sentence.text);
    if (start < 0) return [text, '', ''];
    end = start + sentence.text.length;
  }
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}

function composeContext(before: string, quoted: string, after: string, allowance: number): string {
  if (!quoted.trim()) return escaped(before, allowance);
  const core = quoted.trim();
  const coreText = truncate(core, Math.max(40, Math.floor(allowance * 0.8)));
  const side = Math.max(0, Math.floor((allowance - charLength(coreText)) / 2));
  // Whitespace stays outside the bold markers, or Discord would not render them.
  const lead = quoted.match(/^\s*/u)?.[0] ?? '';
  const trail = quoted.match(/\s*$/u)?.[0] ?? '';
  const head = truncateStart(before + lead, side);
  const tail = truncate(trail + after, side);
  return `${escapeText(head)}**${escapeText(coreText)}**${escapeText(tail)}`;
}
