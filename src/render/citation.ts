import type { Quote } from '../search/types.js';

/** Who wrote it, never invented: the essays in a corpus may be unsigned. */
export function authorLabel(author: string | null): string {
  return author ?? 'Unsigned';
}

/** "Title — Unsigned · Section · ¶3", the same citation in every face. */
export function citation(quote: Pick<Quote, 'title' | 'author' | 'section' | 'paragraph' | 'kind'>): string {
  const parts = [quote.kind === 'comment' ? 'Reader comment' : authorLabel(quote.author)];
  if (quote.section && quote.kind !== 'comment') parts.push(quote.section);
  parts.push(`¶${quote.paragraph}`);
  return `${quote.title} — ${parts.join(' · ')}`;
}
