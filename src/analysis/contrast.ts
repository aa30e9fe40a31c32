import type { CorpusIndex } from '../search/corpus-index.js';
import type { ContrastResult } from './types.js';

export interface ContrastOptions {
  topic: string;
  /** Pairs to return at most (default 3). */
  limit?: number;
}

/** PLACEHOLDER: being written. */
export function contrast(_index: CorpusIndex, options: ContrastOptions): ContrastResult {
  return { topic: options.topic, pairs: [], note: null, suggestions: [] };
}
