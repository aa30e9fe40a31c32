/**
 * The word lists the analysis reads stance from. Everything /positions, /contrast and the study guide say
 * about how an author leans comes from these cues found in the author's own sentences: no model, no
 * download. Entries are written as people write them and matched on the shared analyzer's normalised
 * words, exactly: Porter stems join too much ("hopeful"/"hoped", "effective"/"effectively"). A phrase's
 * last word also matches its plural ("delusion"/"delusions", "fantasy"/"fantasies").
 *
 * Two dimensions are kept apart because authors disagree along either:
 * - `value`: is the thing good, sound, worth having? ("a delusion", "a trap" vs "realistic", "necessary")
 * - `outlook`: will it happen or work? ("unlikely", "out of reach", "cannot" vs "ripe", "in sight")
 */

export type Dimension = 'value' | 'outlook';

export interface CueEntry {
  phrase: string;
  dimension: Dimension;
  /** +1: the author thinks well of / expects the thing; -1: the opposite. */
  polarity: 1 | -1;
  /** 1.5 for words that carry a verdict on their own ("delusion", "ripe"), 1 usual, 0.5 weak. */
  weight: number;
}

const entries = (dimension: Dimension, polarity: 1 | -1, weight: number, phrases: string): CueEntry[] =>
  phrases
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((phrase) => ({ phrase, dimension, polarity, weight }));

/** Evaluative and expectation words. Multi-word phrases match as consecutive words. */
export const CUES: readonly CueEntry[] = [
  ...entries(
    'value',
    -1,
    1.5,
    `delusion, delusional, fiction, illusion, fantasy, trap, mirage, capitulation, nightmare, sham, charade, folly,
     appeasement`,
  ),
  ...entries(
    'value',
    -1,
    1,
    `brittle, dishonesty, dishonest, mania, naive, child-like, foolish, absurd, reckless, futile, pointless, worthless,
     fatal misunderstanding, misunderstanding, misreads, misperceptions, weakness, apathy, failure, fizzled, nothing-burger,
     disaster, catastrophic, catastrophe, maximalism, maximalist, warmonger, sordid, deceptions, despair, false hopes,
     false hope, wishful, hollow, cynical, pathological, preening, disdain, dangerous,
     surrender, imposition, doomed, detached from reality, so-called`,
  ),
  ...entries('value', -1, 0.5, `ugly, horrific, bitter, undermined, unpredictability, begging`),
  ...entries(
    'value',
    1,
    1,
    `realistic, pragmatic, sensible, wise, promising, worthwhile, valuable, necessary, essential, vital, crucial,
     credible, effective, legitimate, welcome, hopeful, worth entertaining, depends on, is right to, indispensable`,
  ),
  ...entries('value', 1, 0.5, `worth, key`),
  ...entries('outlook', 1, 1.5, `ripe, solution in sight, within reach, achievable, breakthrough`),
  ...entries(
    'outlook',
    1,
    1,
    `optimism, optimistic, feasible, viable, likely to succeed, favorable, favourable, progress, can be defeated,
     can be beaten`,
  ),
  ...entries('outlook', -1, 1.5, `out of reach, implausible, impossible, no chance`),
  ...entries(
    'outlook',
    -1,
    1,
    `unlikely, cannot, can't, never, improbable, stalled, deadlock, inconsistent with, rather than imminent, no reason,
     little reason, not going to, fell through, no longer`,
  ),
];

/** Modal phrases that deny an outcome: "will not", "won't", "would not". */
export const NEGATED_MODALS: readonly string[] = ['will not', "won't", 'would not', "wouldn't", 'will never'];

/** Words that flip the polarity of a cue within NEGATION_WINDOW words after them. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'none',
  'nobody',
  'neither',
  'nor',
  'without',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "haven't",
  "hasn't",
  "hadn't",
  "won't",
  "wouldn't",
  "can't",
  'cannot',
  "couldn't",
  "shouldn't",
]);
export const NEGATION_WINDOW = 4;

/**
 * Outcome nouns count only when denied: "does not have a diplomatic solution", "are not steps toward peace".
 * Affirmed, they are everywhere ("peace talks") and say nothing about the author's view.
 */
export const OUTCOME_NOUNS: ReadonlySet<string> = new Set([
  'solution',
  'settlement',
  'peace',
  'deal',
  'agreement',
  'progress',
  'resolution',
  'steps',
  'path',
  'end',
  'stop',
  'work',
]);

/**
 * A denied undoing affirms: "cannot be underestimated" intensifies, "cannot be revoked" reassures.
 * "cannot be" / "can't be" / "will not be" followed by one of these is no cue at all.
 */
export const UNDOING_VERBS: ReadonlySet<string> = new Set([
  'underestimated',
  'overstated',
  'exaggerated',
  'denied',
  'ignored',
  'revoked',
  'undone',
  'reversed',
  'broken',
  'stopped',
  'beaten',
  'defeated',
]);

/**
 * Scare quotes: a short phrase put in quotation marks after "their", "his", "her" or "its" holds the
 * words at a distance ("their “durable solution”"): the author does not endorse them.
 */
export const DISTANCING_OWNERS: readonly string[] = ['their', 'his', 'her', 'its'];

/**
 * Refusal: an actor who will not accept. Verbs that, denied or judged unlikely, mean refusal; and words
 * that mean it on their own ("unacceptable to Russia", "rejects").
 */
export const ACCEPTANCE_VERBS: ReadonlySet<string> = new Set([
  'want',
  'wants',
  'accept',
  'accepts',
  'agree',
  'agrees',
  'relinquish',
  'relinquishes',
  'concede',
  'concedes',
  'cede',
  'cedes',
  'compromise',
  'budge',
  'yield',
]);
export const REFUSAL_WORDS: ReadonlySet<string> = new Set([
  'refuse',
  'refuses',
  'refused',
  'reject',
  'rejects',
  'rejected',
  'rebuffed',
  'unacceptable',
]);

/** Phrases by which an author states a conviction of their own: the thesis-like sentences. */
export const THESIS_MARKERS: readonly string[] = [
  'i am convinced',
  "i'm convinced",
  'i believe',
  'i continue to believe',
  'i think',
  "i'd argue",
  'i would argue',
  'i argue',
  "i've been arguing",
  'i reject',
  'i have never believed',
  'to my mind',
  'in my view',
  'the truth',
  'the simple truth',
  'the question is',
  'the question remains',
  'the most probable',
];

/** Verbs of reporting: a sentence built on them states someone else's view, not the author's. */
export const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'said',
  'says',
  'claimed',
  'claiming',
  'claims',
  'described',
  'frames',
  'termed',
  'according',
  'reported',
  'told',
  'posted',
  'emphasized',
  'emphasised',
  'expressed',
  'indicated',
  'mentioned',
  'mention',
  'stated',
  'announced',
  'insisted',
]);

/** First words of a concessive clause: its cues are conceded, not asserted. */
export const CONCESSIVE_OPENERS: ReadonlySet<string> = new Set([
  'despite',
  'although',
  'though',
  'while',
  'even',
]);

/** Words that open a sentence but are never an actor's name. */
export const DISCOURSE_WORDS: ReadonlySet<string> = new Set([
  'still',
  'but',
  'and',
  'yet',
  'so',
  'hence',
  'thus',
  'meanwhile',
  'however',
  'although',
  'though',
  'conversely',
  'instead',
  'despite',
  'while',
  'in',
  'the',
  'for',
  'when',
  'if',
  'as',
  'such',
  'this',
  'that',
  'these',
  'those',
  'there',
  'it',
  'what',
  'who',
  'how',
  'why',
  'we',
  'i',
  'they',
  'he',
  'she',
  'you',
  'anything',
  'everything',
  'nothing',
  'any',
  'after',
  'before',
  'today',
  'tomorrow',
  'finally',
  'president',
  'mr',
]);

/**
 * How an actor is faring: "Ukraine leads", "Putin is winning" (+) vs "bleeding morale", "exhausted" (−).
 * Read against the actor named nearest before the word, so opposite claims about one side, or the same
 * claim about two opposed sides, show as disagreement.
 */
export const FORTUNE: ReadonlyArray<{ phrase: string; polarity: 1 | -1 }> = [
  ...'winning, wins, win, victory, leads, advantage, succeeded, prevails, prevailing, favor, favour, gains, stronger, momentum'
    .split(',')
    .map((p) => ({ phrase: p.trim(), polarity: 1 as const })),
  ...'losing, loses, defeated, exhausted, exhaustion, fatigued, bleeding, weakened, damaged, damage, collapse, limping, losses, weak'
    .split(',')
    .map((p) => ({ phrase: p.trim(), polarity: -1 as const })),
];
/** A stalemate is a claim that nobody is winning: it disagrees with any claim that one side is. */
export const STALEMATE_WORDS: ReadonlySet<string> = new Set(['stalemate', 'deadlock', 'standoff']);

/**
 * The parties of the conflict the bundled corpus discusses, under the names the essays use. Fortune
 * claims are read per side: "Putin is winning" and "in Ukraine's favor" are opposite claims.
 * Names not listed here are their own actor.
 */
export const ACTOR_SIDES: Readonly<Record<string, string>> = {
  russia: 'Russia',
  russian: 'Russia',
  russians: 'Russia',
  moscow: 'Russia',
  kremlin: 'Russia',
  putin: 'Russia',
  ukraine: 'Ukraine',
  ukrainian: 'Ukraine',
  ukrainians: 'Ukraine',
  kyiv: 'Ukraine',
  kiev: 'Ukraine',
  zelenskyy: 'Ukraine',
  zelenskiy: 'Ukraine',
  zelensky: 'Ukraine',
};
export const OPPOSED_SIDES: ReadonlyArray<[string, string]> = [['Russia', 'Ukraine']];

/**
 * Related words for query expansion, matched with RELATED_WEIGHT: "negotiations" also finds "talks" and
 * "diplomacy". Plain thesaurus relations of the vocabulary of war and diplomacy; both directions are listed.
 */
export const RELATED: Readonly<Record<string, readonly string[]>> = {
  negotiation: ['talks', 'diplomacy', 'diplomatic', 'deal', 'negotiating', 'negotiated'],
  negotiations: ['talks', 'diplomacy', 'diplomatic', 'deal', 'negotiating', 'negotiated'],
  negotiate: ['talks', 'diplomacy', 'deal'],
  talks: ['negotiations', 'diplomacy', 'negotiating'],
  diplomacy: ['negotiations', 'talks', 'diplomatic'],
  deal: ['agreement', 'settlement', 'negotiations'],
  settlement: ['deal', 'agreement', 'settle'],
  agreement: ['deal', 'settlement'],
  ceasefire: ['truce', 'armistice'],
  truce: ['ceasefire', 'armistice'],
  guarantee: ['assurances', 'assurance'],
  guarantees: ['assurances', 'assurance'],
  assurances: ['guarantees'],
  morale: ['motivation', 'demoralised', 'demoralized'],
  motivation: ['morale'],
  nato: ['alliance'],
  alliance: ['nato'],
  territory: ['territorial', 'land'],
  territorial: ['territory', 'land'],
  land: ['territory', 'territorial'],
  sanctions: ['embargo'],
  battlefield: ['militarily', 'battle', 'battles'],
  europe: ['european', 'europeans', 'eu'],
  european: ['europe', 'europeans', 'eu'],
  us: ['washington', 'america', 'american'],
  america: ['washington', 'american'],
  washington: ['america'],
};
export const RELATED_WEIGHT = 0.6;

/**
 * Porter stems that join unrelated words: "morale" and "moral" both stem to `moral`. A corpus word whose
 * stem matches a typed word is still refused when the pair is listed here.
 */
export const STEM_FALSE_FRIENDS: Readonly<Record<string, readonly string[]>> = {
  morale: ['moral', 'morals', 'morally'],
  moral: ['morale'],
  policy: ['police', 'policed'],
  police: ['policy', 'policies'],
  university: ['universe', 'universal'],
  general: ['generous', 'generate', 'generation'],
};
