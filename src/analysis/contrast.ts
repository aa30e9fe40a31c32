import type { CorpusIndex } from '../search/corpus-index.js';
import { toQuote } from '../search/quote.js';
import { assessTopic, cueLabel, sideSign, type Assessment, type Evidence } from './assess.js';
import type { Cue } from './cues.js';
import { OPPOSED_SIDES } from './lexicon.js';
import type { ContrastPair, ContrastResult } from './types.js';

export interface ContrastOptions {
  topic: string;
  /** Pairs to return at most (default 3). */
  limit?: number;
}

/**
 * `/contrast`: the pairs of documents whose authors disagree most clearly on a topic.
 *
 * Disagreement is read from what each author asserts or denies about the topic (assess.ts), on four
 * axes: whether the thing is good (`value`: "a delusion", "a trap" vs "realistic", "necessary"), whether
 * it will happen or work (`outlook`: "unlikely", "cannot", "will not", "does not want" vs "ripe", "in
 * sight"), both together (`lean`), and who is faring better (`fortune`: "Ukraine leads" vs "bleeding
 * morale", "winning" vs "stalemate"). Two documents disagree on an axis when their scores have
 * opposite signs; the disagreement is as clear as the weaker of the two. Documents that merely use
 * different words, or lean the same way with different force, are not paired.
 */

export type Dimension = NonNullable<ContrastPair['dimension']>;

export interface Disagreement {
  dimension: Dimension;
  /** 0–1: the weaker side's conviction. */
  score: number;
  /** Sign of each side on the axis (+1/−1; for fortune, 0 is "stalemate"). */
  signA: number;
  signB: number;
}

const DEFAULT_PAIRS = 3;
const MAX_PAIRS = 10;
/** Pairs whose weaker side leans less than this are not a clear disagreement. */
export const MIN_DISAGREEMENT = 0.3;
/** Documents compared at most (the strongest on the topic): pairs grow with the square. */
const MAX_COMPARED = 30;
/** Each further pair of a document already paired counts this much less, so pairs spread. */
const REUSE_DECAY = 0.85;

function opposite(dimension: Dimension, a: number, b: number): Disagreement | null {
  if (a * b >= 0) return null;
  return { dimension, score: Math.min(Math.abs(a), Math.abs(b)), signA: Math.sign(a), signB: Math.sign(b) };
}

/**
 * A side of a disagreement must rest on a real statement: at least one sentence squarely on the topic
 * whose own cues carry the view with this much weight. Incidental or weak cues ("unpredictability" in a
 * passing mention) sum to a lean but do not make a disagreement.
 */
export const MIN_SIDE_SUPPORT = 0.5;
const SQUARELY = 0.5;

export function sideSupport(a: Assessment, dimension: Dimension, sign: number): number {
  let best = 0;
  for (const e of a.evidence) {
    if (e.topicality < SQUARELY) continue;
    best = Math.max(best, support(e, dimension, sign) * e.weight);
  }
  return best;
}

/** The clearest axis on which two documents disagree, if any. */
export function disagreement(a: Assessment, b: Assessment): Disagreement | null {
  const found: Disagreement[] = [];
  const add = (d: Disagreement | null): void => {
    if (d) found.push(d);
  };
  add(opposite('value', a.value, b.value));
  add(opposite('outlook', a.outlook, b.outlook));
  add(opposite('lean', a.lean, b.lean));
  add(opposite('fortune', a.balance, b.balance));
  // "Nobody is winning" against "one side is winning".
  const stalemateVersus = (x: Assessment, y: Assessment, xFirst: boolean): void => {
    if (x.stalemate < MIN_DISAGREEMENT || y.stalemate >= 0.2 || Math.abs(y.balance) < MIN_DISAGREEMENT)
      return;
    const score = 0.9 * Math.min(x.stalemate, Math.abs(y.balance));
    const ySign = Math.sign(y.balance);
    found.push({ dimension: 'fortune', score, signA: xFirst ? 0 : ySign, signB: xFirst ? ySign : 0 });
  };
  stalemateVersus(a, b, true);
  stalemateVersus(b, a, false);
  const supported = found.filter(
    (d) =>
      sideSupport(a, d.dimension, d.signA) >= MIN_SIDE_SUPPORT &&
      sideSupport(b, d.dimension, d.signB) >= MIN_SIDE_SUPPORT,
  );
  return supported.sort((x, y) => y.score - x.score)[0] ?? null;
}

/** How strongly one piece of evidence speaks for `sign` on `dimension` (before its own weight). */
function support(e: Evidence, dimension: Dimension, sign: number): number {
  if (dimension === 'fortune') {
    if (sign === 0) return e.reading.stalemate ? 1 : 0;
    return e.reading.fortunes.filter((claim) => sideSign(claim.side) * claim.polarity === sign).length;
  }
  let sum = 0;
  e.reading.cues.forEach((cue, k) => {
    if (dimension !== 'lean' && cue.dimension !== dimension) return;
    if (cue.polarity === sign) sum += cue.weight * e.cueScales[k]!;
  });
  return sum;
}

/** The side's strongest quote for its view on the axis: the strongest statement that carries the view. */
export function sideEvidence(a: Assessment, dimension: Dimension, sign: number): Evidence {
  let best = a.evidence[0]!;
  let bestValue = -1;
  for (const e of a.evidence) {
    if (e.topicality < 0.3 || e.reading.question) continue;
    const value = Math.min(2, support(e, dimension, sign)) * e.strength + 0.05 * e.strength;
    if (value > bestValue) [best, bestValue] = [e, value];
  }
  return best;
}

/** How the side's quote states its view, in a few words: its own label and the cue as written. */
export function sideView(e: Evidence, dimension: Dimension, sign: number): string {
  if (dimension === 'fortune') {
    if (sign === 0) return `sees a stalemate${e.reading.stalemate ? ` (“${e.reading.stalemate}”)` : ''}`;
    const claim = e.reading.fortunes.find((c) => sideSign(c.side) * c.polarity === sign);
    if (!claim) {
      const [first, second] = OPPOSED_SIDES[0]!;
      return `sees ${sign > 0 ? first : second} ahead`;
    }
    const words = claim.text.split(/\s+/).length <= 6 ? ` (“${claim.text}”)` : '';
    return `sees ${claim.side} ${claim.polarity > 0 ? 'ahead' : 'struggling'}${words}`;
  }
  let best: { cue: Cue; value: number } | null = null;
  e.reading.cues.forEach((cue, k) => {
    if (dimension !== 'lean' && cue.dimension !== dimension) return;
    if (cue.polarity !== sign || cue.length > 5) return;
    const value = cue.weight * e.cueScales[k]! * (cue.bare ? 0.5 : 1);
    if (!best || value > best.value) best = { cue, value };
  });
  const label =
    dimension === 'value' ? (sign > 0 ? 'positive' : 'critical') : sign > 0 ? 'hopeful' : 'sceptical';
  const found = best as { cue: Cue } | null;
  return found ? `${label} (${cueLabel(found.cue)})` : label;
}

/** Topics longer than this are quoted whole instead of being fitted into a question. */
const AXIS_TOPIC_WORDS = 3;

function axisLine(t: string, d: Disagreement, viewA: string, viewB: string): string {
  if (t.split(' ').length > AXIS_TOPIC_WORDS) return `On “${t}”: A ${viewA}; B ${viewB}`;
  const question =
    d.dimension === 'value'
      ? `How to judge ${t}`
      : d.dimension === 'fortune'
        ? `Who has the upper hand (${t})`
        : d.dimension === 'outlook'
          ? `Whether ${t} can work out`
          : `Where they stand on ${t}`;
  return `${question}: A ${viewA}; B ${viewB}`;
}

export function contrast(index: CorpusIndex, options: ContrastOptions): ContrastResult {
  const topic = options.topic.replace(/\s+/g, ' ').trim();
  const limit = Math.min(MAX_PAIRS, Math.max(1, Math.trunc(options.limit ?? DEFAULT_PAIRS)));
  const assessment = assessTopic(index, topic);
  const assessed = assessment.assessed.slice(0, MAX_COMPARED);
  const t = assessment.label;
  if (assessed.length === 0) {
    const note =
      assessment.total === 0
        ? `Nothing in the corpus matches “${t}”.`
        : `No document takes a clear position on “${t}”, so there is no disagreement to show.`;
    return { topic, pairs: [], note, suggestions: assessment.total === 0 ? index.suggest(topic) : [] };
  }
  if (assessed.length === 1) {
    const only = assessed[0]!.document;
    return {
      topic,
      pairs: [],
      note: `Only one document takes a position on “${t}” (${only.title}), so there is no one to disagree with it.`,
      suggestions: [],
    };
  }

  const candidates: Array<{ a: Assessment; b: Assessment; d: Disagreement; rank: number }> = [];
  const top = Math.max(...assessed.map((x) => x.strength));
  for (let i = 0; i < assessed.length; i++) {
    for (let j = i + 1; j < assessed.length; j++) {
      const d = disagreement(assessed[i]!, assessed[j]!);
      if (!d || d.score < MIN_DISAGREEMENT) continue;
      const weight = Math.sqrt((assessed[i]!.strength / top) * (assessed[j]!.strength / top));
      candidates.push({ a: assessed[i]!, b: assessed[j]!, d, rank: d.score * (0.5 + 0.5 * weight) });
    }
  }
  const used = new Map<string, number>();
  const pairs: ContrastPair[] = [];
  while (pairs.length < limit && candidates.length > 0) {
    let bestIndex = 0;
    let bestValue = -1;
    candidates.forEach((c, k) => {
      const reuse = (used.get(c.a.document.docId) ?? 0) + (used.get(c.b.document.docId) ?? 0);
      const value = c.rank * REUSE_DECAY ** reuse;
      if (value > bestValue) [bestIndex, bestValue] = [k, value];
    });
    const { a, b, d } = candidates.splice(bestIndex, 1)[0]!;
    for (const docId of [a.document.docId, b.document.docId]) used.set(docId, (used.get(docId) ?? 0) + 1);
    const ea = sideEvidence(a, d.dimension, d.signA);
    const eb = sideEvidence(b, d.dimension, d.signB);
    pairs.push({
      a: toQuote(index, { sentence: ea.sentence, score: Math.round(ea.strength * 1000) / 1000 }),
      b: toQuote(index, { sentence: eb.sentence, score: Math.round(eb.strength * 1000) / 1000 }),
      axis: axisLine(t, d, sideView(ea, d.dimension, d.signA), sideView(eb, d.dimension, d.signB)),
      dimension: d.dimension,
      strength: Math.round(d.score * 100) / 100,
    });
  }
  if (pairs.length > 0) return { topic, pairs, note: null, suggestions: [] };
  const leanings = assessed
    .slice(0, 6)
    .map((x) => `${x.document.title}: ${x.stance}`)
    .join('; ');
  return {
    topic,
    pairs: [],
    note: `The ${assessed.length} documents that take a position on “${t}” do not clearly disagree (${leanings}).`,
    suggestions: [],
  };
}
