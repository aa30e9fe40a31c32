import type { Quote } from '../search/types.js';

export interface Position {
  docId: string;
  title: string;
  author: string | null;
  /** A short label for how the author leans on the topic, derived from the text, e.g. "sceptical of talks". */
  stance: string;
  /** Two or three sentences at most, built from the author's own words (verbatim where it quotes). */
  summary: string;
  quotes: Quote[];
}

export interface PositionsResult {
  topic: string;
  positions: Position[];
  /** Documents that say nothing substantive on the topic. */
  silent: string[];
  suggestions: string[];
}

export interface ContrastPair {
  a: Quote;
  b: Quote;
  /** One line: what the two authors disagree about. */
  axis: string;
}

export interface ContrastResult {
  topic: string;
  pairs: ContrastPair[];
  /** Said plainly when there is no real disagreement (or nothing on the topic); null otherwise. */
  note: string | null;
  suggestions: string[];
}

export interface StudyGuide {
  docId: string;
  title: string;
  author: string | null;
  source: string | null;
  overview: string;
  quotes: Quote[];
  questions: string[];
}
