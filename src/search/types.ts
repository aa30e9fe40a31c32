import type { SentenceKind } from '../corpus/types.js';

/** One cited, verbatim quote: the unit every command returns and every renderer shows. */
export interface Quote {
  docId: string;
  title: string;
  author: string | null;
  section: string | null;
  /** 1-based paragraph number within the document. */
  paragraph: number;
  /** Verbatim substring of the source file. */
  text: string;
  /** Relevance, higher is better; comparable only within one result. */
  score: number;
  kind: Exclude<SentenceKind, 'quotation'>;
  /** Index of the sentence in `Corpus.sentences` (lets renderers fetch the paragraph for "Context"). */
  sentenceId: number;
}

export interface QuoteOptions {
  topic: string;
  /** Number of quotes to return (1–25, default 5). */
  limit?: number;
  /** Skip this many results first (paging with the "More" button). */
  offset?: number;
  /** Restrict to one document: a docId or a title (fuzzy). */
  doc?: string;
  /** Include reader comments, labelled as comments. */
  comments?: boolean;
}

export interface QuoteResult {
  query: string;
  results: Quote[];
  /** "Did you mean" suggestions, filled when nothing (or little) matched. */
  suggestions: string[];
  /** How many quotes matched in all (results is one page of them). */
  total: number;
  offset: number;
  /** The document the search was restricted to, when `doc` was given and found. */
  docId: string | null;
}
