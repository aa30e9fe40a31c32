import type { CorpusIndex } from './corpus-index.js';
import type { QuoteOptions, QuoteResult } from './types.js';

/** PLACEHOLDER: being written. */
export function quote(_index: CorpusIndex, options: QuoteOptions): QuoteResult {
  return { query: options.topic, results: [], suggestions: [], total: 0, offset: 0, docId: null };
}
