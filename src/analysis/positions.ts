import type { CorpusIndex } from '../search/corpus-index.js';
import type { PositionsResult } from './types.js';

export interface PositionsOptions {
  topic: string;
  /** Quotes per author (default 3). */
  limit?: number;
}

/** PLACEHOLDER: being written. */
export function positions(_index: CorpusIndex, options: PositionsOptions): PositionsResult {
  return { topic: options.topic, positions: [], silent: [], suggestions: [] };
}
