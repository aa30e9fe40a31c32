import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Position, PositionsResult } from '../../analysis/types.js';
import {
  COLORS,
  UNSIGNED,
  addFieldGroups,
  citedQuote,
  count,
  didYouMean,
  echoTopic,
  escaped,
  titleList,
  type DocLookup,
} from './format.js';
import { LIMITS } from './limits.js';
import type { Reply } from './reply.js';
import { charLength, truncate } from './truncate.js';

/** Authors shown in one answer; more would not read well on a phone (the rest are counted). */
const MAX_POSITIONS = 8;
/** Room kept for the "not addressing it" field and the description, written once we know what fits. */
const RESERVE = 900;

/**
 * Where each author stands: one field per document that takes a position (stance label in bold, the
 * summary, then the quotes it rests on with their places), then the documents that do not address it.
 * Positions that do not fit in one message are counted, not cut.
 */
export function renderPositions(result: PositionsResult, docs: DocLookup): Reply {
  const topic = echoTopic(result.topic);
  if (result.positions.length === 0) {
    const lines = [`No document in the reading list takes a position on ${topic}.`];
    if (result.suggestions.length > 0) lines.push(didYouMean(result.suggestions));
    return {
      embeds: [{ title: `No positions on ${topic}`, description: lines.join('\n'), color: COLORS.empty }],
    };
  }

  const candidates = result.positions.slice(0, MAX_POSITIONS);
  const perField = Math.max(300, Math.min(LIMITS.fieldValue, Math.floor(4400 / candidates.length) - 100));
  const embed: APIEmbed = {
    title: `Where the authors stand on ${topic}`,
    color: COLORS.positions,
    footer: { text: 'Stances are labels derived from the text; the quotes are verbatim.' },
  };
  const shown = addFieldGroups(
    embed,
    candidates.map((position, i) => [positionField(position, i + 1, docs, perField)]),
    RESERVE,
  );

  const silentTitles = result.silent.map((docId) => docs(docId)?.title ?? docId);
  if (silentTitles.length > 0)
    embed.fields?.push({ name: 'Not addressing it', value: titleList(silentTitles, 600) });

  const n = result.positions.length + (result.morePositions ?? 0);
  const summary = [`${count(n, 'document')} ${n === 1 ? 'takes' : 'take'} a position`];
  if (n > shown) summary.push(`the ${shown} most direct are shown`);
  const silent = result.silentTotal ?? result.silent.length;
  if (silent > 0) summary.push(`${count(silent, 'document')} ${silent === 1 ? 'does' : 'do'} not address it`);
  embed.description = `${summary.join('; ')}.`;
  return { embeds: [embed] };
}

function positionField(position: Position, number: number, docs: DocLookup, budget: number): APIEmbedField {
  const author = position.author ? escaped(position.author, 60) : UNSIGNED;
  const head = `**${escaped(position.stance, 80)}** — ${escaped(position.summary, Math.max(80, Math.floor(budget * 0.4)))}`;
  let value = truncate(head, budget);
  for (const quote of position.quotes) {
    const room = budget - charLength(value) - 1;
    if (room < 120) break;
    value += `\n${citedQuote(quote, docs, Math.min(room, 420), { withTitle: false, withVoice: false })}`;
  }
  return { name: `${number}. ${escaped(position.title, 120)} — ${author}`, value };
}
