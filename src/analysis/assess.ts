import type { CorpusDocument, Sentence } from '../corpus/types.js';
import { normalise } from '../search/analyzer.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { readSentence, type Cue, type FortuneClaim, type SentenceReading } from './cues.js';
import { OPPOSED_SIDES, type Dimension } from './lexicon.js';
import {
  analysedSentence,
  mayMention,
  probeOf,
  relatedQuery,
  conceptsOf,
  topicality,
  type Concept,
  type Topicality,
} from './topic.js';
import { sentenceMemo } from './sentence-memo.js';

/**
 * Where one document stands on one topic, read from its author's own topical sentences (never reader
 * comments, never the people it quotes). Shared by /positions, /contrast and the study guide.
 *
 * 1. Candidates: the documents of the top search hits for the topic (and for its related words), at
 *    most MAX_CANDIDATES of them, so the cost does not grow with the corpus.
 * 2. Evidence: each candidate's author sentences that state at least part of the topic, with their
 *    topicality (idf-weighted share of the topic's concepts) and their cues (cues.ts).
 * 3. Substance: a document takes a position only if at least one sentence is squarely on the topic
 *    (states all its concepts), reasonably short, and is neither a question nor a report of what
 *    someone else said.
 * 4. Lean: cue polarities summed over the evidence, each weighted by the sentence's topicality and
 *    directness, per dimension (value, outlook), plus fortune claims per side and stalemate claims.
 */

export interface Evidence {
  sentence: Sentence;
  topicality: number;
  anchor: boolean;
  /** An anchor naming the topic in its own words (see Topicality.direct). */
  direct: boolean;
  reading: SentenceReading;
  /** How much each of `reading.cues` counts here: cues in the clause naming the topic count fully. */
  cueScales: number[];
  /** How strong and direct a statement on the topic this is: orders quotes and entries. */
  strength: number;
  /** Weight of the sentence in the document's lean. */
  weight: number;
}

export interface Assessment {
  document: CorpusDocument;
  /** The document's topical sentences, strongest first. */
  evidence: Evidence[];
  substantive: boolean;
  /** Of the strongest statements: orders the documents. */
  strength: number;
  /** −1 (the thing is bad) … +1 (good). */
  value: number;
  /** −1 (it will not happen or work) … +1 (it will). */
  outlook: number;
  /** value and outlook together. */
  lean: number;
  /** How the author says the opposed sides are faring: + the first of OPPOSED_SIDES ahead, − the second. */
  balance: number;
  /** 0–1: the author says nobody is winning. */
  stalemate: number;
  refusal: { actor: string; weight: number } | null;
  stance: string;
}

export interface TopicAssessment {
  topic: string;
  /** The topic as labels show it: typos the index corrected are spelled as corrected. */
  label: string;
  concepts: Concept[];
  /** Documents that take a position, strongest first. */
  assessed: Assessment[];
  /** How many sentences matched the topic at all. */
  total: number;
}

/** Documents of the top hits considered for a topic: bounded, so a query costs the same at any size. */
const MAX_CANDIDATES = 16;
/**
 * Topical sentences read per document at most, the most topical first: a topic that every sentence
 * mentions ("Ukraine") would otherwise cost a reading of the whole document.
 */
const MAX_EVIDENCE = 40;
const HIT_POOL = 30;
/**
 * A squarely topical sentence must reach this topicality (long sentences that only mention it do not);
 * one alone makes a position only if it names the topic itself, not merely a related word.
 */
const MIN_ANCHOR_TOPICALITY = 0.55;
const SCALE = 1.5;

/** The cue reading of a sentence, remembered per index. */
export const reading: (index: CorpusIndex, sentence: Sentence) => SentenceReading = sentenceMemo((sentence) =>
  readSentence(sentence.text),
);

/** The topic as it should read inside a label: as typed, whitespace collapsed. */
export function topicLabel(topic: string): string {
  return topic.replace(/\s+/g, ' ').trim();
}

/** The topic as typed, with the words the index corrected spelled as corrected ("securty" → "security"). */
export function correctedTopic(topic: string, concepts: readonly Concept[]): string {
  return topicLabel(topic)
    .split(' ')
    .map((word) => {
      const concept = concepts.find((c) => c.typed === normalise(word));
      if (!concept || concept.exact.has(concept.typed)) return word;
      return [...concept.exact.keys()][0] ?? word;
    })
    .join(' ');
}

/** Topics longer than this read badly inside a label ("critical of Russia will not accept …"). */
const LABEL_TOPIC_WORDS = 3;

/** A cue as a label shows it: scare quotes by the phrase they hold, other cues as written. */
export function cueLabel(cue: Cue): string {
  if (!cue.wide) return `“${cue.text}”`;
  const inner = /[“"]([^”"]+)[”"]/u.exec(cue.text)?.[1];
  return inner ? `“${inner}” in scare quotes` : `“${cue.text}”`;
}

function cueMass(e: Pick<Evidence, 'reading' | 'cueScales'>): number {
  let mass = 0;
  e.reading.cues.forEach((cue, k) => (mass += cue.weight * e.cueScales[k]!));
  return mass + e.reading.fortunes.length * 0.8 + (e.reading.stalemate ? 0.8 : 0);
}

/** Cues outside the clauses that name the topic count for less: they are often about something else. */
const OFF_TOPIC_CLAUSE = 0.35;
/** The cues of a sentence that the next one answers ("…optimism. Still, …") are conceded, not asserted. */
const CONCEDED = 0.3;
/** Topicality a sentence opening with "But"/"Still"/"Yet" takes from the sentence it answers… */
const CONTRAST_LEND = 0.8;
/** …and a sentence takes from a squarely topical neighbour in its paragraph. */
const NEIGHBOUR_LEND = 0.3;

/** Net polarity of a sentence's cues: +1, −1 or 0. */
function netPolarity(r: SentenceReading): number {
  let sum = 0;
  for (const cue of r.cues) sum += cue.polarity * cue.weight;
  return Math.sign(sum);
}

/**
 * @param concededPolarity cues of this polarity are conceded (the next sentence answers them with the
 *   opposite view: "There is new optimism … Still, Russia is unlikely to accept …"); 0 for none.
 */
function cueScales(
  r: SentenceReading,
  topicPositions: readonly number[],
  concededPolarity: number,
): number[] {
  const topicClauses = new Set(topicPositions.map((p) => r.clauses[p]));
  return r.cues.map((cue) => {
    const inTopicClause = cue.wide || topicPositions.length === 0 || topicClauses.has(r.clauses[cue.at]);
    let scale = inTopicClause ? 1 : OFF_TOPIC_CLAUSE;
    // A bare denial right after the topic denies what the topic does: "sanctions haven't altered …".
    if (cue.bare && topicPositions.some((p) => cue.at > p && cue.at - p <= 3)) scale /= 0.3;
    return concededPolarity !== 0 && cue.polarity === concededPolarity ? scale * CONCEDED : scale;
  });
}

/** +1 for the first of an OPPOSED_SIDES pair, −1 for the second, 0 for any other actor. */
export function sideSign(side: string): number {
  for (const [first, second] of OPPOSED_SIDES) {
    if (side === first) return 1;
    if (side === second) return -1;
  }
  return 0;
}

/** The strongest cue in `direction` along `dimension` among the evidence, as written (short ones only). */
export function keyCue(evidence: readonly Evidence[], dimension: Dimension, direction: number): Cue | null {
  let best: Cue | null = null;
  let bestValue = 0;
  for (const e of evidence) {
    e.reading.cues.forEach((cue, k) => {
      if (cue.dimension !== dimension || Math.sign(cue.polarity) !== Math.sign(direction)) return;
      if (cue.length > 5) return;
      const value = cue.weight * e.cueScales[k]! * e.weight * (cue.bare ? 0.5 : 1);
      if (value > bestValue) [best, bestValue] = [cue, value];
    });
  }
  return best;
}

function quoted(cue: Cue | null): string {
  return cue ? ` (${cueLabel(cue)})` : '';
}

interface Masses {
  valuePositive: number;
  valueNegative: number;
  outlookPositive: number;
  outlookNegative: number;
  positive: number;
  negative: number;
}

/** An assessment before its stance label, with the fortune claims per side the label is read from. */
type Unlabelled = Omit<Assessment, 'stance'> & { sides: Map<string, { sum: number; claim: FortuneClaim }> };

function stanceLabel(a: Unlabelled, topic: string, masses: Masses): string {
  const long = topic.split(' ').length > LABEL_TOPIC_WORDS;
  const of = (preposition: string): string => (long ? '' : ` ${preposition} ${topic}`);
  const cueTotal = masses.positive + masses.negative;
  let side: { name: string; sum: number; claim: FortuneClaim } | null = null;
  for (const [name, entry] of a.sides)
    if (!side || Math.abs(entry.sum) > Math.abs(side.sum)) side = { name, ...entry };
  const fortune = Math.max(Math.abs(side?.sum ?? 0), a.stalemate);
  if (fortune >= 0.3 && fortune >= Math.tanh(cueTotal / SCALE)) {
    if (!side || a.stalemate >= Math.abs(side.sum)) return 'sees a stalemate';
    const text = side.claim.text;
    const claim = text.split(/\s+/).length <= 5 ? ` (“${text}”)` : '';
    return `sees ${side.name} ${side.sum > 0 ? 'ahead' : 'struggling'}${claim}`;
  }
  if (a.refusal && a.lean < 0 && a.refusal.weight >= 0.25 * masses.negative) {
    return `expects ${a.refusal.actor} to refuse`;
  }
  if (a.lean <= -0.3) {
    return masses.valueNegative >= masses.outlookNegative
      ? `critical${of('of')}${quoted(keyCue(a.evidence, 'value', -1))}`
      : `sceptical${of('of')}${quoted(keyCue(a.evidence, 'outlook', -1))}`;
  }
  if (a.lean >= 0.3) {
    return masses.outlookPositive >= masses.valuePositive
      ? `hopeful${of('about')}${quoted(keyCue(a.evidence, 'outlook', 1))}`
      : `positive${of('about')}${quoted(keyCue(a.evidence, 'value', 1))}`;
  }
  if (masses.positive >= 0.5 && masses.negative >= 0.5) return `mixed${of('on')}`;
  return `neutral${of('on')}`;
}

const NOT_TOPICAL: Topicality = { score: 0, anchor: false, direct: false, positions: [] };

/**
 * How central each topical sentence is to what the author says on the topic: tf-idf cosine between the
 * sentence and the author's other topical sentences, scaled so the most central scores 1. The statement
 * the author keeps coming back to ranks above a passing aside.
 */
function topicalCentrality(index: CorpusIndex, evidence: readonly Evidence[]): number[] {
  if (evidence.length <= 2) return evidence.map(() => 1);
  const size = Math.max(1, index.sentenceCount);
  const vectors = evidence.map((e) => {
    const { stems, words } = analysedSentence(index, e.sentence);
    const vector = new Map<string, number>();
    stems.forEach((key, k) => {
      const idf = Math.log(1 + size / (index.vocabulary.count(words[k]!) + 1));
      vector.set(key, (vector.get(key) ?? 0) + idf * e.weight);
    });
    return vector;
  });
  const centroid = new Map<string, number>();
  for (const v of vectors) for (const [key, w] of v) centroid.set(key, (centroid.get(key) ?? 0) + w);
  let centroidNorm = 0;
  for (const w of centroid.values()) centroidNorm += w * w;
  const raw = vectors.map((v) => {
    let withCentroid = 0;
    let own = 0;
    for (const [key, w] of v) {
      withCentroid += w * centroid.get(key)!;
      own += w * w;
    }
    const rest = centroidNorm - 2 * withCentroid + own;
    return own > 0 && rest > 1e-9 ? Math.max(0, withCentroid - own) / Math.sqrt(own * rest) : 0;
  });
  const max = Math.max(1e-9, ...raw);
  return raw.map((x) => x / max);
}

/** Opens with "But", "Still", "Yet" or "However" (after any opening quotation mark). */
const CONTRASTIVE_OPENING = /^[\s“"‘'(]*(?:but|still|yet|however)(?![\p{L}\p{N}])/iu;

function startsContrastive(sentence: Sentence | undefined): boolean {
  return sentence !== undefined && CONTRASTIVE_OPENING.test(sentence.text);
}

export function assessDocument(
  index: CorpusIndex,
  document: CorpusDocument,
  concepts: readonly Concept[],
  topic: string,
): Assessment {
  const evidence: Evidence[] = [];
  const authored = document.sentences.filter((s) => s.kind === 'author');
  const probe = probeOf(concepts);
  const own = authored.map((sentence) =>
    mayMention(probe, sentence.text) ? topicality(index, concepts, sentence) : NOT_TOPICAL,
  );
  let readable: Set<number> | null = null;
  const topical = own.filter((t) => t.score > 0).length;
  if (topical > MAX_EVIDENCE) {
    const order = own
      .map((t, i) => ({ i, score: t.score + (t.anchor ? 1 : 0) }))
      .sort((x, y) => y.score - x.score || x.i - y.i);
    readable = new Set(order.slice(0, MAX_EVIDENCE).map((x) => x.i));
  }
  authored.forEach((sentence, i) => {
    const t = own[i]!;
    const next = authored[i + 1];
    const answered = next !== undefined && next.paragraph === sentence.paragraph && startsContrastive(next);
    // Context lends topicality: "There is new optimism about the talks. Still, Russia is unlikely to
    // accept …" answers on the topic of the sentence before; a neighbour of a squarely topical sentence in
    // the same paragraph is usually still about it ("So their plan is … But this is simply a list …").
    let lent = 0;
    for (const k of [i - 1, i + 1]) {
      const other = authored[k];
      if (!other || other.paragraph !== sentence.paragraph) continue;
      const theirs = own[k]!;
      if (k === i - 1 && startsContrastive(sentence)) lent = Math.max(lent, CONTRAST_LEND * theirs.score);
      if (theirs.direct) lent = Math.max(lent, NEIGHBOUR_LEND * theirs.score);
    }
    const score = Math.max(t.score, lent);
    if (score <= 0 || (readable !== null && !readable.has(i))) return;
    const r = reading(index, sentence);
    const answer = answered ? netPolarity(reading(index, next!)) : 0;
    const scales = cueScales(r, score > t.score ? [] : t.positions, -answer);
    const weight = score * r.directness * (t.anchor ? 1.2 : 1);
    const cues = Math.min(1, cueMass({ reading: r, cueScales: scales }) / SCALE);
    const strength = weight * (0.6 + 0.4 * cues);
    evidence.push({
      sentence,
      topicality: score,
      anchor: t.anchor,
      direct: t.direct,
      reading: r,
      cueScales: scales,
      strength,
      weight,
    });
  });
  const central = topicalCentrality(index, evidence);
  evidence.forEach((e, k) => (e.strength *= 0.7 + 0.5 * central[k]!));
  evidence.sort((x, y) => y.strength - x.strength || x.sentence.id - y.sentence.id);

  const masses: Masses = {
    valuePositive: 0,
    valueNegative: 0,
    outlookPositive: 0,
    outlookNegative: 0,
    positive: 0,
    negative: 0,
  };
  let balance = 0;
  let stalemate = 0;
  const refusals = new Map<string, number>();
  const sides = new Map<string, { sum: number; claim: FortuneClaim; best: number }>();
  for (const e of evidence) {
    e.reading.cues.forEach((cue, k) => {
      const amount = cue.weight * e.cueScales[k]! * e.weight;
      const key = `${cue.dimension}${cue.polarity > 0 ? 'Positive' : 'Negative'}` as keyof Masses;
      masses[key] += amount;
      if (cue.refusalBy) refusals.set(cue.refusalBy, (refusals.get(cue.refusalBy) ?? 0) + amount);
    });
    for (const claim of e.reading.fortunes) {
      balance += claim.polarity * sideSign(claim.side) * e.weight;
      const entry = sides.get(claim.side) ?? { sum: 0, claim, best: 0 };
      entry.sum += claim.polarity * e.weight;
      if (e.weight > entry.best) [entry.claim, entry.best] = [claim, e.weight];
      sides.set(claim.side, entry);
    }
    if (e.reading.stalemate) stalemate += e.weight;
  }
  masses.positive = masses.valuePositive + masses.outlookPositive;
  masses.negative = masses.valueNegative + masses.outlookNegative;
  let refusal: Assessment['refusal'] = null;
  for (const [actor, weight] of refusals)
    if (!refusal || weight > refusal.weight) refusal = { actor, weight };

  const statements = evidence.filter(
    (e) => e.anchor && e.topicality >= MIN_ANCHOR_TOPICALITY && !e.reading.reported && !e.reading.question,
  );
  const substantive = statements.some((e) => e.direct) || statements.length >= 2;
  const top = evidence.slice(0, 2);
  const strength = top.reduce((sum, e) => sum + e.strength, 0) / Math.max(1, top.length);
  const partial: Unlabelled = {
    document,
    evidence,
    substantive,
    strength,
    value: Math.tanh((masses.valuePositive - masses.valueNegative) / SCALE),
    outlook: Math.tanh((masses.outlookPositive - masses.outlookNegative) / SCALE),
    lean: Math.tanh((masses.positive - masses.negative) / SCALE),
    balance: Math.tanh(balance / SCALE),
    stalemate: Math.tanh(stalemate / SCALE),
    refusal,
    sides: new Map([...sides].map(([name, e]) => [name, { sum: Math.tanh(e.sum / SCALE), claim: e.claim }])),
  };
  const { sides: _sides, ...assessment } = partial;
  return { ...assessment, stance: stanceLabel(partial, topic, masses) };
}

export function assessTopic(index: CorpusIndex, topic: string): TopicAssessment {
  const outcome = index.search(topic, { limit: HIT_POOL, kinds: ['author'] });
  const concepts = conceptsOf(index, outcome.understood);
  const best = new Map<string, number>();
  const take = (hits: typeof outcome.hits): void => {
    for (const hit of hits) {
      const docId = hit.sentence.docId;
      best.set(docId, Math.max(best.get(docId) ?? 0, hit.score));
    }
  };
  take(outcome.hits);
  let total = outcome.total;
  // Documents that use only related words ("talks" for "negotiations") are searched for when the topic's
  // own words leave room among the candidates (always in a small corpus, rarely in a large one).
  const related = best.size < MAX_CANDIDATES ? relatedQuery(index, concepts) : '';
  if (related) {
    const more = index.search(related, { limit: HIT_POOL, kinds: ['author'] });
    take(more.hits);
    total = Math.max(total, more.total);
  }
  const candidates = [...best]
    .sort((x, y) => y[1] - x[1])
    .slice(0, MAX_CANDIDATES)
    .map(([docId]) => index.document(docId))
    .filter((d): d is CorpusDocument => d !== undefined);
  const label = correctedTopic(topic, concepts);
  const assessed = candidates
    .map((document) => assessDocument(index, document, concepts, label))
    .filter((a) => a.substantive)
    .sort((x, y) => y.strength - x.strength || x.document.docId.localeCompare(y.document.docId));
  return { topic, label, concepts, assessed, total };
}
