/** Pieces every Discord renderer shares: colours, the quote block, the citation line, the echoed topic. */
import type { CorpusDocument } from '../../corpus/types.js';
import type { Quote } from '../../search/types.js';
import { authorLabel } from '../citation.js';
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { escapeText, safeUrl } from './escape.js';
import { LIMITS } from './limits.js';
import { charLength, embedTextLength, truncate } from './truncate.js';

export const COLORS = {
  quote: 0x4f7cac,
  positions: 0x7a5ea8,
  contrast: 0xc0663b,
  study: 0x3f8f5f,
  docs: 0x5a6570,
  help: 0x5a6570,
  empty: 0x9aa0a6,
} as const;

/** Shown wherever a document has no author: the essays are unsigned and a name is never invented. */
export const UNSIGNED = authorLabel(null);
export const READER_COMMENT = 'Reader comment';

export type DocLookup = (docId: string) => CorpusDocument | undefined;

/**
 * User or corpus text for one line: whitespace collapsed, shortened to `max`, escaped (Markdown and
 * mentions), and shortened again if escaping made it longer.
 */
export function escaped(text: string, max: number): string {
  const out = escapeText(truncate(text.replace(/\s+/gu, ' ').trim(), max));
  return charLength(out) > max ? truncate(out, max) : out;
}

/**
 * Adds groups of fields (one author, one pair…) to `embed` in order while it stays within 25 fields and the
 * 6,000-character total less `reserve`; returns how many groups were added. Whole groups only, so an answer
 * shows fewer items rather than broken ones.
 */
export function addFieldGroups(embed: APIEmbed, groups: readonly APIEmbedField[][], reserve = 0): number {
  const fields = embed.fields ?? (embed.fields = []);
  let added = 0;
  let total = embedTextLength(embed);
  for (const group of groups) {
    const size = group.reduce((sum, f) => sum + charLength(f.name) + charLength(f.value), 0);
    if (fields.length + group.length > LIMITS.embedFields || total + size > LIMITS.embedTotal - reserve)
      break;
    fields.push(...group);
    total += size;
    added++;
  }
  return added;
}

/**
 * The topic as the user typed it, escaped, shortened to `max`, quoted, and wrapped in Unicode isolates so a
 * right-to-left topic does not reorder the text around it.
 */
export function echoTopic(topic: string, max = 80): string {
  const shown = truncate(topic.replace(/\s+/gu, ' ').trim(), max);
  return `“\u2068${escapeText(shown)}\u2069”`;
}

/** `> ` on every line of the escaped text, the whole within `max` characters. */
export function quoteBlock(text: string, max: number): string {
  const body = text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
  // Cut the raw text first (escaping long text is slow), then escape; escapes and `> ` markers lengthen it,
  // so shrink and retry until the block fits.
  let budget = max;
  let block = '';
  for (let attempt = 0; attempt < 8; attempt++) {
    const escapedBody = escapeText(truncate(body, Math.max(1, budget)));
    block = escapedBody
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    if (charLength(block) <= max) return block;
    budget = Math.floor(budget * 0.8);
  }
  return truncate(block, max);
}

/** The title as a masked link to the source when the document has a valid URL, escaped either way. */
export function linkedTitle(title: string, source: string | null | undefined, max = 120): string {
  const text = escaped(title, max).replace(/(?<!\\)[[\]]/gu, '\\$&');
  const url = safeUrl(source);
  return url ? `[${text}](${url})` : `*${text}*`;
}

/** `Section · ¶ 4`, the place of a quote within its document. */
export function place(quote: Pick<Quote, 'section' | 'paragraph'>): string {
  const section = quote.section ? `${escaped(quote.section, 80)} · ` : '';
  return `${section}¶ ${quote.paragraph}`;
}

/** Who wrote a quote: the author, "Unsigned", or "Reader comment" for a comment. */
export function voice(quote: Pick<Quote, 'author' | 'kind'>): string {
  if (quote.kind === 'comment') return READER_COMMENT;
  return quote.author ? escaped(quote.author, 80) : UNSIGNED;
}

export interface CiteOptions {
  /** The quote's number on the page, in bold first. */
  number?: number;
  /** Leave out the title (false) when the surrounding field already names the document. */
  withTitle?: boolean;
  /** Leave out the author (false) likewise; a reader comment is always labelled. */
  withVoice?: boolean;
}

/**
 * The citation under a quote: `**1** · [Title](url) · Author · Section · ¶ 4`; for a reader comment
 * `**1** · Reader comment · [Title](url) · Comments · ¶ 12`.
 */
export function citation(quote: Quote, docs: DocLookup, options: CiteOptions = {}): string {
  const parts: string[] = [];
  if (options.number !== undefined) parts.push(`**${options.number}**`);
  const title = options.withTitle === false ? null : linkedTitle(quote.title, docs(quote.docId)?.sourceUrl);
  if (quote.kind === 'comment') {
    parts.push(READER_COMMENT);
    if (title) parts.push(title);
  } else {
    if (title) parts.push(title);
    if (options.withVoice !== false) parts.push(voice(quote));
  }
  parts.push(place(quote));
  return parts.join(' · ');
}

/** A quote and its citation under it: the unit of every answer. */
export function citedQuote(quote: Quote, docs: DocLookup, max: number, options: CiteOptions = {}): string {
  const cite = citation(quote, docs, options);
  const room = Math.max(40, max - charLength(cite) - 1);
  return `${quoteBlock(quote.text, room)}\n${cite}`;
}

/** `a, b and c` for short lists in prose. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Did you mean **a**, **b**?" for suggestions (escaped). */
export function didYouMean(suggestions: readonly string[], max = 5): string {
  return `Did you mean ${suggestions
    .slice(0, max)
    .map((s) => `**${escaped(s, 60)}**`)
    .join(', ')}?`;
}

/** `1 document`, `3 documents`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Titles joined with ` · `, escaped, within `max` characters, ending "and N more" when cut. */
export function titleList(titles: readonly string[], max: number): string {
  let text = '';
  for (const [i, title] of titles.entries()) {
    const item = (i > 0 ? ' · ' : '') + escaped(title, 80);
    const rest = titles.length - i;
    const more = `${text ? ' · ' : ''}and ${rest} more`;
    if (charLength(text) + charLength(item) + (rest > 1 ? charLength(more) : 0) > max) return text + more;
    text += item;
  }
  return text;
}
