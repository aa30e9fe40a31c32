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
  /** The maintainer's front-matter summary of the document, when it speaks to the topic: context for the
   * entry, never the author's words and never a replacement for the quotes. */
  framing?: string | null;
}

export interface PositionsResult {
  topic: string;
  positions: Position[];
  /** Documents that say nothing substantive on the topic. */
  silent: string[];
  suggestions: string[];
  /** How many documents are silent in all (`silent` lists at most the first 100). */
  silentTotal?: number;
  /** Documents that take a position but did not fit in `positions` (large corpora). */
  morePositions?: number;
}

export interface ContrastPair {
  a: Quote;
  b: Quote;
  /** One line: what the two authors disagree about. */
  axis: string;
  /** What they disagree on: whether it is good (`value`), whether it will work (`outlook`), both (`lean`),
   * or who is faring better (`fortune`). */
  dimension?: 'value' | 'outlook' | 'lean' | 'fortune';
  /** How clear the disagreement is, 0–1. */
  strength?: number;
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
  /** The sentences the overview is made of, cited. */
  overviewQuotes?: Quote[];
  /** The document the comparison question sets this one against, if any disagrees with it. */
  comparedWith?: string | null;
}
