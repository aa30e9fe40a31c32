import { UserError } from '../errors.js';
import type { CorpusIndex, SearchHit } from './corpus-index.js';
import type { Quote, QuoteOptions, QuoteResult } from './types.js';

export const DEFAULT_LIMIT = 5;
export const MAX_LIMIT = 25;

export function clampLimit(limit: number | undefined, fallback = DEFAULT_LIMIT): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** The cited quote for a search hit (reader comments keep their kind so they are labelled as such). */
export function toQuote(index: CorpusIndex, hit: SearchHit): Quote {
  const { sentence } = hit;
  const document = index.document(sentence.docId)!;
  return {
    docId: sentence.docId,
    title: document.title,
    author: document.author,
    section: sentence.section,
    paragraph: sentence.paragraph,
    text: sentence.text,
    score: hit.score,
    kind: sentence.kind === 'comment' ? 'comment' : 'author',
    sentenceId: sentence.id,
  };
}

/** Resolves a document reference (id or title, typos allowed) or explains which documents exist. */
export function requireDocument(index: CorpusIndex, ref: string): string {
  const document = index.findDocument(ref);
  if (!document) {
    const titles = index.completeDocument(ref, 5).map((d) => d.title);
    throw new UserError(
      `No document matches "${ref.trim()}".`,
      titles.length > 0 ? titles : index.corpus.documents.slice(0, 5).map((d) => d.title),
    );
  }
  return document.docId;
}

/** `/quote`: verbatim, cited sentences on a topic, best first, spread across documents. */
export function quote(index: CorpusIndex, options: QuoteOptions): QuoteResult {
  const query = options.topic.trim();
  const limit = clampLimit(options.limit);
  const offset = Math.max(0, Math.trunc(options.offset ?? 0));
  const docId = options.doc?.trim() ? requireDocument(index, options.doc) : null;
  const outcome = index.search(query, {
    limit,
    offset,
    ...(docId ? { docId } : {}),
    kinds: options.comments ? ['author', 'comment'] : ['author'],
  });
  const results = outcome.hits.map((hit) => toQuote(index, hit));
  const suggestions = outcome.total === 0 ? index.suggest(query) : [];
  return { query, results, suggestions, total: outcome.total, offset, docId };
}
