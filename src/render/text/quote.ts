import type { QuoteResult } from '../../search/types.js';
import { citation } from '../citation.js';
import { suggestionLine } from './suggestions.js';

export function quoteBlock(text: string): string {
  return `  “${text}”`;
}

export function renderQuoteText(result: QuoteResult): string {
  if (result.results.length === 0) {
    return [`No quotes found on “${result.query}”.`, suggestionLine(result.suggestions)]
      .filter(Boolean)
      .join('\n');
  }
  const first = result.offset + 1;
  const last = result.offset + result.results.length;
  const lines = [`Quotes on “${result.query}” (${first}–${last} of ${result.total} matching sentences)`, ''];
  result.results.forEach((quote, i) => {
    lines.push(`${first + i}. ${citation(quote)}`, quoteBlock(quote.text), '');
  });
  if (last < result.total) lines.push(`More: add --offset ${last}`);
  return lines.join('\n').trimEnd();
}
