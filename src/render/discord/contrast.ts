import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { ContrastPair, ContrastResult } from '../../analysis/types.js';
import type { Quote } from '../../search/types.js';
import {
  COLORS,
  addFieldGroups,
  citedQuote,
  count,
  didYouMean,
  echoTopic,
  escaped,
  linkedTitle,
  voice,
  type DocLookup,
} from './format.js';
import { LIMITS } from './limits.js';
import type { Reply } from './reply.js';

/** Three fields per pair (the axis, then A and B side by side): eight pairs fill the 25 fields. */
const MAX_PAIRS = Math.floor(LIMITS.embedFields / 3);
/** Room kept for the description's count line, written once we know how many pairs fit. */
const RESERVE = 120;

/**
 * Where the authors disagree: per pair, a full-width field naming what they disagree about and the two
 * documents, then side A and side B as two inline fields (side by side on desktop, stacked on a phone), each
 * its strongest quote with its place in the document. When there is no real disagreement the analysis's
 * note says so plainly. Pairs that do not fit in one message are counted, not cut.
 */
export function renderContrast(result: ContrastResult, docs: DocLookup): Reply {
  const topic = echoTopic(result.topic);
  if (result.pairs.length === 0) {
    const lines = [
      result.note ? escaped(result.note, 1000) : `The reading list shows no clear disagreement on ${topic}.`,
    ];
    if (result.suggestions.length > 0) lines.push(didYouMean(result.suggestions));
    return {
      embeds: [
        { title: `No disagreement on ${topic}`, description: lines.join('\n\n'), color: COLORS.empty },
      ],
    };
  }

  const candidates = result.pairs.slice(0, MAX_PAIRS);
  // Sides share what the 6,000 total leaves; a single pair may use a field's full 1,024.
  const perSide = Math.max(200, Math.min(LIMITS.fieldValue, Math.floor(4200 / (candidates.length * 2))));
  const note = result.note ? escaped(result.note, 600) : null;
  const embed: APIEmbed = {
    title: `Where the authors disagree on ${topic}`,
    description: note ?? '',
    color: COLORS.contrast,
    footer: { text: 'Each side is quoted verbatim; the axis line is derived from the text.' },
  };
  const shown = addFieldGroups(
    embed,
    candidates.map((pair, i) => pairFields(pair, i + 1, docs, perSide)),
    RESERVE,
  );
  const counted =
    result.pairs.length > shown
      ? `${count(result.pairs.length, 'pair')} of authors disagree; the ${shown} clearest are shown.`
      : `${count(result.pairs.length, 'pair')} of authors ${result.pairs.length === 1 ? 'disagrees' : 'disagree'} most clearly.`;
  embed.description = [note, counted].filter(Boolean).join('\n\n');
  return { embeds: [embed] };
}

function pairFields(pair: ContrastPair, number: number, docs: DocLookup, perSide: number): APIEmbedField[] {
  return [
    {
      name: `${number}. ${escaped(pair.axis, 200)}`,
      value: `**A** ${source(pair.a, docs)}\n**B** ${source(pair.b, docs)}`,
    },
    {
      name: 'A',
      value: citedQuote(pair.a, docs, perSide, { withTitle: false, withVoice: false }),
      inline: true,
    },
    {
      name: 'B',
      value: citedQuote(pair.b, docs, perSide, { withTitle: false, withVoice: false }),
      inline: true,
    },
  ];
}

/** `[Title](url) · Author` (or Unsigned): which document a side comes from. */
function source(quote: Quote, docs: DocLookup): string {
  return `${linkedTitle(quote.title, docs(quote.docId)?.sourceUrl, 90)} · ${voice(quote)}`;
}
