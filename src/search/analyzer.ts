import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.js';

/**
 * The one analyzer shared by indexing and querying, so both see the same words:
 * normalise (NFKC, case, diacritics, curly quotes) → tokenise → drop stop words → stem.
 */

export interface Token {
  /** The normalised surface form, e.g. `guarantees`. */
  word: string;
  /** The stem used for matching, e.g. `guarante`. */
  stem: string;
  /** Position among the text's words (stop words included), for phrase proximity. */
  position: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/** Characters that Unicode normalisation leaves alone for matching: ASCII and common typography. */
const PLAIN_TEXT = /^[\u0020-\u007f\t\n\r\u2010-\u2027\u00a0]*$/;

export function normalise(text: string): string {
  // Most text needs no decomposition: skipping NFKD/NFKC there is a third of the index build.
  const folded = PLAIN_TEXT.test(text)
    ? text
    : text.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFKC');
  return folded.toLowerCase().replace(/’/g, "'");
}

const stemCache = new Map<string, string>();

/** Porter stem, memoised: a corpus repeats its words far more often than it has distinct ones. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{N}/u.test(word) ? word : stemmer(word.replace(/'s$/, ''));
    if (stemCache.size < 500_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** All words of `text`, normalised, stop words included (positions count them). */
export function words(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

/** Content tokens of `text`: normalised, stop words removed, stemmed. */
/** Whether a normalised word carries content: not a stop word, and not a lone letter. */
export function isContentWord(word: string): boolean {
  return !isStopword(word) && (word.length >= 2 || /\p{N}/u.test(word));
}

export function analyse(text: string): Token[] {
  const tokens: Token[] = [];
  const all = words(text);
  for (let position = 0; position < all.length; position++) {
    const word = all[position]!;
    if (!isContentWord(word)) continue;
    tokens.push({ word, stem: stem(word), position });
  }
  return tokens;
}
