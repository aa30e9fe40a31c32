import type { ContrastResult, PositionsResult, StudyGuide } from '../../analysis/types.js';
import { authorLabel, citation } from '../citation.js';
import { quoteBlock } from './quote.js';
import { suggestionLine } from './suggestions.js';

export function renderPositionsText(result: PositionsResult): string {
  if (result.positions.length === 0) {
    return [`No document takes a position on “${result.topic}”.`, suggestionLine(result.suggestions)]
      .filter(Boolean)
      .join('\n');
  }
  const lines = [`Positions on “${result.topic}”`, ''];
  for (const p of result.positions) {
    lines.push(`■ ${p.title} — ${authorLabel(p.author)}  [${p.stance}]`);
    if (p.framing) lines.push(`  Maintainer's summary: ${p.framing}`);
    lines.push(`  ${p.summary}`);
    for (const q of p.quotes) lines.push(quoteBlock(q.text), `    — ${citation(q)}`);
    lines.push('');
  }
  if (result.morePositions) lines.push(`…and ${result.morePositions} more documents take a position.`);
  if (result.silent.length > 0) {
    const unlisted = (result.silentTotal ?? result.silent.length) - result.silent.length;
    lines.push(`Not addressed by: ${result.silent.join(', ')}${unlisted > 0 ? ` and ${unlisted} more` : ''}`);
  }
  return lines.join('\n').trimEnd();
}

export function renderContrastText(result: ContrastResult): string {
  const lines = [`Where the authors disagree on “${result.topic}”`, ''];
  if (result.pairs.length === 0) {
    lines.push(result.note ?? 'No clear disagreement found.');
    const more = suggestionLine(result.suggestions);
    if (more) lines.push(more);
    return lines.join('\n');
  }
  result.pairs.forEach((pair, i) => {
    lines.push(`${i + 1}. ${pair.axis}`);
    lines.push(`  A: ${citation(pair.a)}`, `  ${quoteBlock(pair.a.text)}`);
    lines.push(`  B: ${citation(pair.b)}`, `  ${quoteBlock(pair.b.text)}`, '');
  });
  if (result.note) lines.push(result.note);
  return lines.join('\n').trimEnd();
}

export function renderStudyText(guide: StudyGuide): string {
  const lines = [
    `Study guide: ${guide.title} — ${authorLabel(guide.author)}`,
    '',
    'What it argues',
    `  ${guide.overview}`,
    '',
    'Key quotes',
  ];
  for (const q of guide.quotes) lines.push(quoteBlock(q.text), `    — ${citation(q)}`);
  lines.push('', 'Discussion questions');
  guide.questions.forEach((question, i) => lines.push(`  ${i + 1}. ${question}`));
  return lines.join('\n');
}
