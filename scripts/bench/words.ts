import { Rng } from './prng.js';

/**
 * Invented, pronounceable words built from syllables, to give the generated corpora the long tail of a
 * real vocabulary (names, jargon, rare words) that five essays alone cannot supply.
 */

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'cl',
  'dr',
  'fl',
  'gr',
  'pl',
  'st',
  'tr',
  'sh',
  'ch',
  'th',
  'sk',
  'sp',
  'kr',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou', 'io', 'ei'];
const CODAS = ['', '', '', '', 'n', 'r', 'l', 's', 'm', 'st', 'nd', 'k', 'rt', 'th'];

/** Onsets no invented lexicon word uses, so "unknown" query words are unknown at every corpus size. */
const FOREIGN_ONSETS = ['qu', 'x', 'zv', 'gv', 'kv', 'pf', 'tsch'];

function syllable(rng: Rng, onsets: readonly string[]): string {
  return rng.pick(onsets) + rng.pick(VOWELS) + rng.pick(CODAS);
}

/** Frequent words are short, as in real languages: 1–2 syllables at the top, up to 4 in the tail. */
function syllablesFor(rank: number, rng: Rng): number {
  if (rank < 200) return rng.range(1, 2);
  if (rank < 5_000) return rng.range(2, 3);
  return rng.range(2, 4);
}

/**
 * `size` distinct invented words, the most frequent first (index = Zipf rank). Words in `avoid` (the real
 * essays' vocabulary) are never produced, and no word is shorter than 4 letters.
 */
export function inventLexicon(size: number, seed: string, avoid: ReadonlySet<string>): string[] {
  const rng = new Rng(seed, 'lexicon');
  const seen = new Set<string>();
  const lexicon: string[] = [];
  while (lexicon.length < size) {
    const rank = lexicon.length;
    const count = syllablesFor(rank, rng);
    let word = '';
    for (let i = 0; i < count; i++) word += syllable(rng, ONSETS);
    if (word.length < 4 || seen.has(word) || avoid.has(word)) continue;
    seen.add(word);
    lexicon.push(word);
  }
  return lexicon;
}

/** A pronounceable word that cannot occur in a generated corpus (it starts with a foreign onset). */
export function inventUnknownWord(rng: Rng): string {
  let word = rng.pick(FOREIGN_ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
  const more = rng.range(1, 2);
  for (let i = 0; i < more; i++) word += syllable(rng, ONSETS);
  return word;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words as the project's analyzer sees them (letters/digits, inner apostrophes), lower-cased. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD_PATTERN) ?? [];
}

/** Common English function words: never picked as query words or replaced by invented words. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each even ever every few for from
  further had has have having he her here hers herself him himself his how however i if in into is it
  its itself just least less let like many may me might more most much must my myself no nor not now of
  off on once one only or other ought our ours ourselves out over own rather said same say says she
  should since so some still such than that the their theirs them themselves then there these they this
  those though through thus to too under until up upon us very was we were what when where whether which
  while who whom whose why will with within without would yet you your yours yourself yourselves
  it's that's there's they're we're i'm don't doesn't isn't won't can't cannot`.split(/\s+/),
);

/** Connective words for synthetic sentences, with their rough English frequency. */
export const GLUE = [
  'the',
  'the',
  'the',
  'of',
  'of',
  'and',
  'and',
  'to',
  'in',
  'a',
  'is',
  'that',
  'for',
  'on',
  'with',
  'as',
  'by',
  'this',
  'not',
  'but',
  'from',
  'which',
  'will',
  'can',
  'would',
  'its',
  'their',
  'more',
];
