import type { CorpusDocument, Sentence } from '../corpus/types.js';
import { analyse } from '../search/analyzer.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { toQuote } from '../search/quote.js';
import type { Quote } from '../search/types.js';
import { assessTopic, reading, type Assessment } from './assess.js';
import { centrality } from './centrality.js';
import { disagreement, sideEvidence, type Disagreement } from './contrast.js';
import { claimOf, comparisonQuestion, OPEN_QUESTIONS, questionFor, type Claim } from './questions.js';
import { ELLIPSIS } from './summary.js';
import { analysedSentence } from './topic.js';
import type { StudyGuide } from './types.js';

/**
 * The study guide for one document (used by the `/study` threads):
 * - overview: the document's most central claims, verbatim and cited. Each author sentence is scored by
 *   its centrality (tf-idf cosine to the rest of the document, centrality.ts), raised for thesis-like
 *   statements (first-person conviction, evaluative or predictive cues) and for the opening and closing
 *   paragraphs, lowered for questions, reported speech, fragments and very long sentences; three are
 *   picked with a redundancy penalty (maximal marginal relevance) and shown in document order.
 * - key quotes: the next best sentences, from other paragraphs.
 * - questions: templates filled with the document's own claims (questions.ts), one per kind of claim,
 *   plus one setting the document against another that disagrees with it on one of its main topics,
 *   found with the /contrast machinery.
 */

const OVERVIEW_SENTENCES = 3;
const MIN_KEY_QUOTES = 3;
const MAX_KEY_QUOTES = 5;
const MAX_QUESTIONS = 5;
/** Redundancy penalty of the greedy pick: a sentence much like one already chosen loses this share. */
const REDUNDANCY = 0.6;
/** Topics of the document tried when looking for another document that disagrees with it… */
const COMPARISON_TOPICS = 8;
/** …taken from this many of the corpus's main topics. */
const CORPUS_TOPICS = 200;

interface Scored {
  sentence: Sentence;
  score: number;
  stems: Set<string>;
}

const PRONOUN_OPENERS = new Set(['it', 'this', 'that', 'they', 'these', 'those', 'he', 'she', 'such']);

function sentenceScores(index: CorpusIndex, document: CorpusDocument): Scored[] {
  const central = centrality(index, document);
  const authored = document.sentences.filter((s) => s.kind === 'author');
  const lastParagraph = Math.max(0, ...authored.map((s) => s.paragraph));
  const openingParagraphs = Math.max(1, Math.min(3, Math.round(lastParagraph * 0.15)));
  return authored.map((sentence) => {
    const r = reading(index, sentence);
    const words = sentence.text.split(/\s+/).length;
    let cueMass = 0;
    for (const cue of r.cues) cueMass += cue.bare ? 0 : cue.weight;
    cueMass += r.fortunes.length * 0.5 + (r.stalemate ? 0.5 : 0);
    // Thesis-likeness: the author's stated conviction, a verdict or prediction, the opening and close.
    let thesisLike = 1 + 0.3 * Math.min(2, cueMass);
    if (r.thesis) thesisLike += 0.7;
    if (sentence.paragraph === 1) thesisLike += 0.4;
    else if (sentence.paragraph <= openingParagraphs) thesisLike += 0.25;
    if (sentence.paragraph === lastParagraph) thesisLike += 0.15;
    let score = (0.3 + (central.get(sentence.id) ?? 0)) * thesisLike;
    if (r.question) score *= 0.35;
    if (r.reported) score *= 0.4;
    if (words < 7) score *= 0.6;
    if (words > 45) score *= 0.75;
    const first =
      sentence.text
        .split(/\s+/)[0]
        ?.toLowerCase()
        .replace(/[^a-z’']/g, '') ?? '';
    if (PRONOUN_OPENERS.has(first)) score *= 0.9;
    return { sentence, score, stems: new Set(analysedSentence(index, sentence).stems) };
  });
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / Math.sqrt(a.size * b.size);
}

/** Greedy pick by score with a redundancy penalty; optionally away from paragraphs already used. */
function pick(pool: Scored[], count: number, chosen: Scored[], spreadParagraphs: boolean): Scored[] {
  const picked: Scored[] = [];
  const taken = new Set(chosen.map((c) => c.sentence.id));
  while (picked.length < count) {
    let best: Scored | null = null;
    let bestValue = -1;
    for (const candidate of pool) {
      if (taken.has(candidate.sentence.id)) continue;
      const others = [...chosen, ...picked];
      const overlap = Math.max(0, ...others.map((o) => similarity(candidate.stems, o.stems)));
      let value = candidate.score * (1 - REDUNDANCY * overlap);
      if (spreadParagraphs && others.some((o) => o.sentence.paragraph === candidate.sentence.paragraph)) {
        value *= 0.7;
      }
      if (value > bestValue) [best, bestValue] = [candidate, value];
    }
    if (!best) break;
    picked.push(best);
    taken.add(best.sentence.id);
  }
  return picked;
}

/**
 * Topics to compare the document on: the corpus's main topics (words and phrases several documents
 * discuss, from the index) that this document itself discusses in at least two sentences, most discussed
 * first. Names are left out: "Putin" is a person, not a question two essays can disagree on.
 */
function documentTopics(index: CorpusIndex, document: CorpusDocument, count: number): string[] {
  const sentences = document.sentences
    .filter((s) => s.kind === 'author')
    .map((s) => new Set(analysedSentence(index, s).stems));
  const size = Math.max(1, index.sentenceCount);
  const ranked: Array<{ phrase: string; weight: number }> = [];
  for (const phrase of index.topics(CORPUS_TOPICS)) {
    const tokens = analyse(phrase);
    if (tokens.length === 0) continue;
    // A name is written with a capital everywhere in the document.
    if (!tokens.every((t) => new RegExp(`(?<![\\p{L}])${t.word}(?![\\p{L}])`, 'u').test(document.source)))
      continue;
    const mentions = sentences.filter((stems) => tokens.every((t) => stems.has(t.stem))).length;
    if (mentions < 2) continue;
    const rarity = Math.min(...tokens.map((t) => Math.log(1 + size / (index.vocabulary.count(t.word) + 1))));
    ranked.push({ phrase, weight: mentions * rarity * (tokens.length > 1 ? 1.5 : 1) });
  }
  return ranked
    .sort((a, b) => b.weight - a.weight || a.phrase.localeCompare(b.phrase))
    .slice(0, count)
    .map((e) => e.phrase);
}

interface Comparison {
  topic: string;
  own: Sentence;
  other: Assessment;
  otherSentence: Sentence;
  disagrees: boolean;
}

/** Another document that disagrees with this one on one of its main topics (the clearest such case). */
function findComparison(index: CorpusIndex, document: CorpusDocument): Comparison | null {
  let best: { value: number; comparison: Comparison } | null = null;
  let fallback: { value: number; comparison: Comparison } | null = null;
  const topics = documentTopics(index, document, COMPARISON_TOPICS);
  for (const [rank, topic] of topics.entries()) {
    const centralTopic = 1 - rank / (2 * topics.length);
    const { assessed } = assessTopic(index, topic);
    const own = assessed.find((a) => a.document.docId === document.docId);
    if (!own) continue;
    for (const other of assessed) {
      if (other === own) continue;
      const d: Disagreement | null = disagreement(own, other);
      const strength = Math.min(own.strength, other.strength) * centralTopic;
      if (d) {
        // "lean" mixes value and outlook: the weakest kind of disagreement to build a question on.
        const value = d.score * strength * (d.dimension === 'lean' ? 0.5 : 1);
        if (!best || value > best.value) {
          const comparison = {
            topic,
            own: sideEvidence(own, d.dimension, d.signA).sentence,
            other,
            otherSentence: sideEvidence(other, d.dimension, d.signB).sentence,
            disagrees: true,
          };
          best = { value, comparison };
        }
      } else {
        // No clear disagreement: the pair whose leans differ most still makes a comparison.
        const value = Math.abs(own.lean - other.lean) * strength;
        if (!fallback || value > fallback.value) {
          fallback = {
            value,
            comparison: {
              topic,
              own: own.evidence[0]!.sentence,
              other,
              otherSentence: other.evidence[0]!.sentence,
              disagrees: false,
            },
          };
        }
      }
    }
  }
  return best?.comparison ?? fallback?.comparison ?? null;
}

/** A sentence the next one answers with "But", "Still", "Yet" or "However": conceded, not claimed. */
function isConceded(document: CorpusDocument, sentence: Sentence): boolean {
  const next = document.sentences.find(
    (s) =>
      s.paragraph === sentence.paragraph && s.position === sentence.position + 1 && s.kind === sentence.kind,
  );
  return next !== undefined && /^(but|still|yet|however)\b/iu.test(next.text);
}

function cite(index: CorpusIndex, entry: Scored): Quote {
  return toQuote(index, { sentence: entry.sentence, score: Math.round(entry.score * 1000) / 1000 });
}

export function study(index: CorpusIndex, docRef: string): StudyGuide | null {
  const document = index.document(docRef.trim());
  if (!document) return null;
  const scored = sentenceScores(index, document);
  const overview = pick(scored, OVERVIEW_SENTENCES, [], true).sort((a, b) => a.sentence.id - b.sentence.id);
  const authored = scored.length;
  const keyCount = Math.min(MAX_KEY_QUOTES, Math.max(MIN_KEY_QUOTES, Math.round(authored / 12)));
  const keys = pick(scored, keyCount, overview, true).sort((a, b) => a.sentence.id - b.sentence.id);

  const overviewText = overview
    .map(
      (e) =>
        `“${e.sentence.text}” (${e.sentence.section ? `${e.sentence.section}, ` : ''}¶${e.sentence.paragraph})`,
    )
    .join(ELLIPSIS);

  // One question per kind of claim, from the most central claims first.
  const claims: Claim[] = [...overview, ...keys]
    .filter((e) => !isConceded(document, e.sentence))
    .sort((a, b) => b.score - a.score)
    .map((e) => claimOf(e.sentence, reading(index, e.sentence)));
  const questions: string[] = [];
  const kinds = new Set<string>();
  for (const claim of claims) {
    if (questions.length >= 3) break;
    if (kinds.has(claim.kind)) continue;
    kinds.add(claim.kind);
    questions.push(questionFor(claim));
  }
  const comparison = findComparison(index, document);
  if (comparison) {
    questions.push(
      comparisonQuestion(
        comparison.own,
        comparison.other.document.title,
        comparison.otherSentence,
        comparison.disagrees,
      ),
    );
  }
  for (const claim of claims) {
    if (questions.length >= Math.min(MAX_QUESTIONS, 4)) break;
    const question = questionFor(claim);
    if (!questions.includes(question)) questions.push(question);
  }
  for (const open of OPEN_QUESTIONS) if (questions.length < 3) questions.push(open);

  return {
    docId: document.docId,
    title: document.title,
    author: document.author,
    source: document.sourceUrl ?? null,
    overview: overviewText,
    quotes: keys.map((e) => cite(index, e)),
    questions: questions.slice(0, MAX_QUESTIONS),
    overviewQuotes: overview.map((e) => cite(index, e)),
    comparedWith: comparison?.other.document.docId ?? null,
  };
}
