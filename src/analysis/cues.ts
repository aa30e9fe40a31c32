import { isStopword, normalise, words } from '../search/analyzer.js';
import {
  ACCEPTANCE_VERBS,
  ACTOR_SIDES,
  CONCESSIVE_OPENERS,
  CUES,
  DISCOURSE_WORDS,
  FORTUNE,
  NEGATED_MODALS,
  NEGATION_WINDOW,
  NEGATORS,
  OUTCOME_NOUNS,
  REFUSAL_WORDS,
  REPORTING_VERBS,
  STALEMATE_WORDS,
  THESIS_MARKERS,
  UNDOING_VERBS,
  DISTANCING_OWNERS,
  type Dimension,
} from './lexicon.js';

/**
 * Reads one sentence for the signals of a stance: evaluative words, denied or doubted outcomes,
 * refusals by a named actor, claims about how a side is faring, and whether the sentence is the
 * author's own conviction, a report of someone else's, or a question. Words come from the shared
 * analyzer (`words`); cue text is given back exactly as the sentence writes it.
 */

export interface Cue {
  /** The cue as written in the sentence (verbatim), or the normalised phrase if it could not be located. */
  text: string;
  dimension: Dimension;
  polarity: 1 | -1;
  weight: number;
  /** A refusal ("unacceptable", "does not want", "rejects"), by `refusalBy` when the actor is named. */
  refusal?: boolean;
  /** Set when the cue says an actor refuses: "Russia is unlikely to accept", "unacceptable to Russia". */
  refusalBy?: string;
  /** Index of the cue's first word in `words(text)` (the analyzer's word positions). */
  at: number;
  /** How many words the cue spans (its text is only located in the sentence when read). */
  length: number;
  /** A bare denial ("haven't altered"): weak unless it denies something the topic does. */
  bare?: boolean;
  /** Frames the whole sentence (scare quotes), so it counts whichever clause names the topic. */
  wide?: boolean;
}

export interface FortuneClaim {
  /** The side as ACTOR_SIDES names it, or the actor as written. */
  side: string;
  polarity: 1 | -1;
  text: string;
  at: number;
}

export interface SentenceReading {
  cues: Cue[];
  /** Clause number of each word of `words(text)`: cues weigh most in the clause that names the topic. */
  clauses: number[];
  fortunes: FortuneClaim[];
  /** "stalemate" and the like: nobody is winning. */
  stalemate: string | null;
  /** States the author's own conviction ("I am convinced", "the truth is"). */
  thesis: boolean;
  /** Built on a reporting verb without the author speaking in the first person: someone else's view. */
  reported: boolean;
  question: boolean;
  /** How much the sentence counts as a direct statement of the author's view (about 0.2–1.7). */
  directness: number;
  /** Content words, for length tests. */
  contentWords: number;
}

interface CompiledCue {
  words: string[];
  dimension: Dimension;
  polarity: 1 | -1;
  weight: number;
}

/** The phrase's words, and the same with the last word in its plural. */
function variants(phrase: string): string[][] {
  const list = words(phrase);
  const last = list[list.length - 1];
  if (last === undefined) return [];
  const forms = new Set([last, `${last}s`, `${last}es`]);
  if (/[^aeiou]y$/.test(last)) forms.add(`${last.slice(0, -1)}ies`);
  return [...forms].map((form) => [...list.slice(0, -1), form]);
}

function compileByFirstWord<T extends { words: string[] }>(items: T[]): Map<string, T[]> {
  const byFirst = new Map<string, T[]>();
  for (const item of items) {
    const first = item.words[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push(item);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

const CUE_INDEX = compileByFirstWord<CompiledCue>([
  ...CUES.flatMap((c) =>
    variants(c.phrase).map((w) => ({
      words: w,
      dimension: c.dimension,
      polarity: c.polarity,
      weight: c.weight,
    })),
  ),
  ...NEGATED_MODALS.map((phrase) => ({
    words: words(phrase),
    dimension: 'outlook' as const,
    polarity: -1 as const,
    weight: 1,
  })),
]);
const FORTUNE_INDEX = compileByFirstWord(
  FORTUNE.flatMap((f) => variants(f.phrase).map((w) => ({ words: w, polarity: f.polarity }))),
);
const THESIS = THESIS_MARKERS.map((m) => words(m));
const LIMITERS = new Set(['only', 'just', 'merely', 'simply']);
const FIRST_PERSON = new Set(['i', 'we', 'my', 'our', "i'm", "i've", "i'd", 'me', 'us']);
const PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they', 'you', 'it']);
const CONTRASTIVE_OPENERS = new Set(['but', 'still', 'yet', 'however']);
/** How far (in words) a fortune word looks for the actor it is said of. */
const ACTOR_REACH = 6;
const SCARE_QUOTES = new RegExp(
  `(?<![\\p{L}])(${DISTANCING_OWNERS.join('|')})\\s+[“"]([^”"]{2,40})[”"]`,
  'giu',
);
/** A passage in quotation marks inside a sentence (at least two words: one quoted word is a scare quote). */
const QUOTED = /[“"][^”"]*\s[^”"]*[”"]/gu;
const MENTIONED = 0.5;
/** Commas, semicolons, dashes and brackets end a clause; a colon does not (it elaborates what came before). */
const CLAUSE_BREAK = /[,;()\u2014\u2013\u2026]|\s-\s|\.\.\./u;

function startsAt(list: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > list.length) return false;
  for (let k = 0; k < phrase.length; k++) if (list[at + k] !== phrase[k]) return false;
  return true;
}

function containsPhrase(list: readonly string[], phrase: readonly string[]): number {
  for (let i = 0; i + phrase.length <= list.length; i++) if (startsAt(list, i, phrase)) return i;
  return -1;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && LETTER_OR_DIGIT.test(ch);

/**
 * The verbatim span of `text` that normalises to these words (case, curly apostrophes and the
 * punctuation between words aside), found by scanning rather than by a second tokenizer. Null when the
 * words are not there as written (e.g. accented letters the analyzer folded).
 */
export function locate(text: string, phraseWords: readonly string[]): string | null {
  const first = phraseWords[0];
  if (first === undefined) return null;
  const lower = text.toLowerCase().replace(/’/g, "'");
  if (lower.length !== text.length) return null;
  const matchAt = (start: number): number => {
    let p = start;
    for (let k = 0; k < phraseWords.length; k++) {
      if (k > 0) {
        const from = p;
        while (p < lower.length && !isWordChar(lower[p])) p++;
        if (p === from) return -1;
      }
      if (!lower.startsWith(phraseWords[k]!, p)) return -1;
      p += phraseWords[k]!.length;
    }
    return isWordChar(lower[p]) ? -1 : p;
  };
  for (let i = lower.indexOf(first); i >= 0; i = lower.indexOf(first, i + 1)) {
    if (isWordChar(lower[i - 1])) continue;
    const end = matchAt(i);
    if (end >= 0) return text.slice(i, end);
  }
  return null;
}

/** Words as the analyzer finds them in normalised text (its WORD pattern): used to count, never to analyse. */
const WORD_IN_NORMALISED = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Clause number of each word of the sentence (see CLAUSE_BREAK). The text is normalised once and each
 * clause's words counted; if the count disagrees with `words(text)`, every word is put in one clause.
 */
function clausesOf(text: string, count: number): number[] {
  const clauses: number[] = [];
  normalise(text)
    .split(CLAUSE_BREAK)
    .forEach((piece, n) => {
      for (let k = piece.match(WORD_IN_NORMALISED)?.length ?? 0; k > 0; k--) clauses.push(n);
    });
  return clauses.length === count ? clauses : new Array<number>(count).fill(0);
}

/**
 * Names written with a capital inside the sentence (not merely as its first word), plus known parties:
 * normalised name → the name as written (possessive dropped).
 */
function properNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of text.matchAll(CAPITALISED)) {
    const word = bare(normalise(match[0]));
    if (isStopword(word) || DISCOURSE_WORDS.has(word)) continue;
    const atStart =
      text
        .slice(0, match.index)
        .trim()
        .replace(/^[“"‘'(]+/, '') === '';
    if (atStart && !(word in ACTOR_SIDES)) continue;
    if (!names.has(word)) names.set(word, match[0].replace(/['’]s$/u, ''));
  }
  return names;
}
const CAPITALISED = /(?<![\p{L}\p{N}])\p{Lu}[\p{L}]*(?:['’]\p{L}+)?/gu;

function bare(word: string): string {
  return word.replace(/'s$/, '');
}

/** How an actor is shown: as written, except that demonyms ("Russian") give their side ("Russia"). */
function displayName(names: Map<string, string>, word: string): string {
  const name = bare(word);
  const side = ACTOR_SIDES[name];
  if (side && name !== side.toLowerCase() && /ians?$/.test(name)) return side;
  return names.get(name) ?? name;
}

class LazyCue implements Cue {
  dimension: Dimension;
  polarity: 1 | -1;
  weight: number;
  at: number;
  length: number;
  refusal?: boolean;
  refusalBy?: string;
  bare?: boolean;
  wide?: boolean;
  private found: string | undefined;

  constructor(
    fields: Omit<Cue, 'text' | 'length'>,
    length: number,
    private readonly find: () => string,
  ) {
    this.dimension = fields.dimension;
    this.polarity = fields.polarity;
    this.weight = fields.weight;
    this.at = fields.at;
    this.length = length;
    if (fields.refusal) this.refusal = true;
    if (fields.refusalBy !== undefined) this.refusalBy = fields.refusalBy;
    if (fields.bare) this.bare = true;
    if (fields.wide) this.wide = true;
  }

  get text(): string {
    return (this.found ??= this.find());
  }
}

export function readSentence(text: string): SentenceReading {
  const list = words(text);
  const clause = clausesOf(text, list.length);
  const names = properNames(text);
  const cues: Cue[] = [];
  const fortunes: FortuneClaim[] = [];
  let stalemate: string | null = null;

  // Cues inside an opening concessive clause ("Despite the predictable failure …, I …") are conceded.
  let concededUntil = -1;
  const first = list[0];
  if (
    first &&
    CONCESSIVE_OPENERS.has(first) &&
    (first !== 'even' || ['if', 'though'].includes(list[1] ?? ''))
  ) {
    const comma = text.indexOf(',');
    if (comma > 0) concededUntil = words(text.slice(0, comma)).length;
  }
  // "cannot be revoked", "will not be undone": a denied undoing affirms, so neither word is a cue.
  const intensified = new Set<number>();
  for (let k = 0; k + 2 < list.length; k++) {
    const modal = ['cannot', "can't", "won't", 'not'].includes(list[k]!);
    if (modal && list[k + 1] === 'be' && UNDOING_VERBS.has(list[k + 2]!)) {
      for (let j = k; j <= k + 2; j++) intensified.add(j);
      if (list[k] === 'not' && k > 0 && list[k - 1] === 'will') intensified.add(k - 1);
    }
  }
  const isNegator = (k: number): boolean =>
    NEGATORS.has(list[k]!) && !intensified.has(k) && !LIMITERS.has(list[k + 1] ?? '');
  /** The negator governing word `i`: within NEGATION_WINDOW words before it, in the same clause. */
  const negatedAt = (i: number): number => {
    for (let k = i - 1; k >= Math.max(0, i - NEGATION_WINDOW) && clause[k] === clause[i]; k--)
      if (isNegator(k)) return k;
    return -1;
  };
  /** The actor a word is said of: the nearest name before it in its clause, or "to/of <name>" after it. */
  const actorOf = (i: number, lookAfter: boolean): number => {
    if (lookAfter && (list[i + 1] === 'to' || list[i + 1] === 'of')) {
      const k = i + 2;
      if (k < list.length && names.has(bare(list[k]!))) return k;
    }
    for (let k = i - 1; k >= Math.max(0, i - ACTOR_REACH) && clause[k] === clause[i]; k--) {
      if (names.has(bare(list[k]!))) return k;
      if (PRONOUNS.has(list[k]!)) return -1;
    }
    return -1;
  };
  const span = (from: number, to: number): string =>
    locate(text, list.slice(from, to)) ?? list.slice(from, to).join(' ');
  /** A cue whose text is found in the sentence only when someone reads it (labels need a handful). */
  const cue = (fields: Omit<Cue, 'text' | 'length'>, from: number, to: number): Cue =>
    new LazyCue(fields, to - from, () => span(from, to));
  const concession = (i: number): number => (i < concededUntil ? 0.3 : 1);
  const byAuthor = (i: number): boolean => i > 0 && FIRST_PERSON.has(list[i - 1]!);

  const consumedNegators = new Set<number>();
  const covered = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    if (covered.has(i) || intensified.has(i)) continue;
    const word = list[i]!;

    // Refusal: "rejects", "unacceptable to Russia". "I reject" is the author's own verdict instead.
    if (REFUSAL_WORDS.has(word)) {
      if (byAuthor(i)) {
        cues.push(cue({ dimension: 'value', polarity: -1, weight: concession(i), at: i }, i - 1, i + 1));
        continue;
      }
      const actor = actorOf(i, word === 'unacceptable');
      const fields = {
        dimension: 'outlook',
        polarity: -1,
        weight: 1.2 * concession(i),
        at: i,
        refusal: true,
      } as const;
      const by = actor >= 0 ? { refusalBy: displayName(names, list[actor]!) } : {};
      cues.push(cue({ ...fields, ...by }, i, i + 1));
      continue;
    }
    // Refusal: "does not want", "unlikely to accept", "no plans to".
    if (ACCEPTANCE_VERBS.has(word)) {
      let trigger = negatedAt(i);
      if (trigger < 0 && list[i - 1] === 'to' && (list[i - 2] === 'unlikely' || list[i - 2] === 'plans'))
        trigger = i - 2;
      if (trigger >= 0) {
        const actor = actorOf(trigger, false);
        consumedNegators.add(trigger);
        const fields = {
          dimension: 'outlook',
          polarity: -1,
          weight: 1.2 * concession(i),
          at: trigger,
          refusal: true,
        } as const;
        const by = actor >= 0 ? { refusalBy: displayName(names, list[actor]!) } : {};
        cues.push(cue({ ...fields, ...by }, trigger, i + 1));
        for (let k = trigger; k <= i; k++) covered.add(k);
        continue;
      }
    }

    const match = CUE_INDEX.get(word)?.find((c) => startsAt(list, i, c.words));
    if (match) {
      const end = i + match.words.length;
      const negator = NEGATORS.has(word) ? -1 : negatedAt(i);
      const flipped = negator >= 0;
      if (flipped) consumedNegators.add(negator);
      if (NEGATORS.has(word)) consumedNegators.add(i);
      const from = flipped ? negator : i;
      const polarity = (flipped ? -match.polarity : match.polarity) as 1 | -1;
      const weight = match.weight * (flipped ? 0.8 : 1) * concession(i);
      cues.push(cue({ dimension: match.dimension, polarity, weight, at: from }, from, end));
      for (let k = i; k < end; k++) covered.add(k);
      i = end - 1;
      continue;
    }

    const fortune = FORTUNE_INDEX.get(word)?.find((f) => startsAt(list, i, f.words));
    if (fortune && !(word.startsWith('lead') && list[i + 1] === 'to')) {
      const actor = actorOf(i, true);
      const negator = negatedAt(i);
      // "without a Russian victory" describes an absence, it does not deny a claim: left out.
      if (actor >= 0 && (negator < 0 || list[negator] !== 'without')) {
        const name = bare(list[actor]!);
        const from = Math.min(actor, i);
        const to = Math.max(actor + 1, i + fortune.words.length);
        let cached: string | undefined;
        fortunes.push(
          Object.defineProperty(
            {
              side: ACTOR_SIDES[name] ?? displayName(names, name),
              polarity: (negator >= 0 ? -fortune.polarity : fortune.polarity) as 1 | -1,
              at: i,
            },
            'text',
            { get: () => (cached ??= span(from, to)), enumerable: true },
          ) as FortuneClaim,
        );
      }
    }
    if (STALEMATE_WORDS.has(word) && negatedAt(i) < 0) stalemate = span(i, i + 1);
  }

  // A denied outcome: "does not have a diplomatic solution", "are not steps toward peace".
  for (let k = 0; k < list.length; k++) {
    if (!isNegator(k) || consumedNegators.has(k) || covered.has(k)) continue;
    let noun = -1;
    for (let j = k + 1; j <= Math.min(list.length - 1, k + NEGATION_WINDOW) && clause[j] === clause[k]; j++) {
      if (OUTCOME_NOUNS.has(list[j]!)) {
        noun = j;
        break;
      }
    }
    if (noun >= 0) {
      cues.push(cue({ dimension: 'outlook', polarity: -1, weight: concession(k), at: k }, k, noun + 1));
    } else {
      // A bare denial ("does not stop a dictator") leans sceptical, weakly.
      let to = k + 1;
      while (to < list.length - 1 && isStopword(list[to]!) && to - k < 3) to++;
      to = Math.min(list.length, to + 1);
      cues.push(
        cue({ dimension: 'outlook', polarity: -1, weight: 0.3 * concession(k), at: k, bare: true }, k, to),
      );
    }
  }

  // Scare quotes: "their “durable solution”" keeps the words at a distance.
  for (const match of text.matchAll(SCARE_QUOTES)) {
    const quotedWords = words(match[2]!);
    if (quotedWords.length === 0 || quotedWords.length > 3) continue;
    const at = words(text.slice(0, match.index)).length;
    const length = quotedWords.length + 1;
    cues.push({ text: match[0], dimension: 'value', polarity: -1, weight: 1, at, length, wide: true });
  }

  // Words in quotation marks inside the sentence are mentioned, not asserted ("to say “there is no
  // diplomatic path” sounds like …"): their cues count for half. Scare quotes (above) are the exception.
  for (const match of text.matchAll(QUOTED)) {
    const from = words(text.slice(0, match.index)).length;
    const to = from + words(match[0]).length;
    for (const c of cues) if (!c.wide && c.at >= from && c.at < to) c.weight *= MENTIONED;
  }

  const thesis = THESIS.some((marker) => containsPhrase(list, marker) >= 0);
  const firstPerson = list.some((w) => FIRST_PERSON.has(w));
  const reported = !firstPerson && list.some((w) => REPORTING_VERBS.has(w));
  const question = /\?["”’)]*\s*$/.test(text);
  let directness = 1;
  if (thesis) directness *= 1.5;
  if (reported) directness *= 0.35;
  if (question) directness *= 0.6;
  if (first && CONTRASTIVE_OPENERS.has(first)) directness *= 1.15;
  const contentWords = list.filter((w) => !isStopword(w)).length;
  return { cues, clauses: clause, fortunes, stalemate, thesis, reported, question, directness, contentWords };
}
