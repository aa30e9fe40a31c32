import { analyse } from '../search/analyzer.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { toQuote } from '../search/quote.js';
import { assessTopic, type Assessment, type Evidence } from './assess.js';
import { verbatimSummary, wordCount } from './summary.js';
import type { Position, PositionsResult } from './types.js';

export interface PositionsOptions {
  topic: string;
  /** Quotes per author (default 3, at most 10). */
  limit?: number;
}

/**
 * `/positions`: for a topic, one entry per document that takes a position on it, strongest and most
 * direct first. Each entry has a stance label read from the author's cues (assess.ts), a summary made
 * only of the author's own most central sentences on the topic (verbatim), and the cited quotes it rests
 * on. Documents with nothing squarely on the topic are listed as silent; reader comments and quotations
 * of other people never count.
 */

const DEFAULT_QUOTES = 3;
const MAX_QUOTES = 10;
/** Entries shown at most: beyond a dozen authors, a reading group wants a narrower topic. */
export const MAX_POSITIONS = 12;
/** Silent documents listed at most (all of them are counted in `silentTotal`). */
export const MAX_SILENT = 100;
/** A summary takes two sentences, or three when they are short. */
const SUMMARY_SENTENCES = 3;
const SUMMARY_WORDS = 70;
const SUMMARY_STRENGTH = 0.5;
/** Evidence this weakly on the topic is context, not a quote. */
const MIN_QUOTE_TOPICALITY = 0.3;

/** The sentences an entry quotes: strongest first, statements before questions and reports. */
export function quotableEvidence(assessment: Assessment, count: number): Evidence[] {
  const usable = assessment.evidence.filter((e) => e.topicality >= MIN_QUOTE_TOPICALITY);
  const ranked = [...usable].sort(
    (a, b) => penalty(a) * b.strength - penalty(b) * a.strength || a.sentence.id - b.sentence.id,
  );
  const chosen: Evidence[] = [];
  for (const e of ranked) {
    if (chosen.length >= count) break;
    if (chosen.some((c) => c.sentence.text === e.sentence.text)) continue;
    chosen.push(e);
  }
  return chosen;
}

/** Questions and reported speech make weak quotes for a position: ranked as if a third as strong. */
function penalty(e: Evidence): number {
  return e.reading.question || e.reading.reported ? 3 : 1;
}

function summaryOf(quotes: readonly Evidence[]): string {
  const picked: Evidence[] = [];
  let words = 0;
  const strongest = quotes[0]?.strength ?? 0;
  for (const e of quotes) {
    const n = wordCount(e.sentence.text);
    if (picked.length >= 2 && (picked.length >= SUMMARY_SENTENCES || words + n > SUMMARY_WORDS)) break;
    // A third sentence much weaker than the first would blur the summary rather than complete it.
    if (picked.length >= 2 && e.strength < SUMMARY_STRENGTH * strongest) break;
    picked.push(e);
    words += n;
  }
  return verbatimSummary(picked.map((e) => e.sentence));
}

/** The maintainer's one-line summary, when it speaks to the topic: it may frame an entry, never replace it. */
function framingOf(assessment: Assessment, topicStems: Set<string>): string | null {
  const summary = assessment.document.summary?.trim();
  if (!summary) return null;
  return analyse(summary).some((t) => topicStems.has(t.stem)) ? summary : null;
}

export function positions(index: CorpusIndex, options: PositionsOptions): PositionsResult {
  const topic = options.topic.replace(/\s+/g, ' ').trim();
  const perAuthor = Math.min(MAX_QUOTES, Math.max(1, Math.trunc(options.limit ?? DEFAULT_QUOTES)));
  const assessment = assessTopic(index, topic);
  const topicStems = new Set(analyse(topic).map((t) => t.stem));
  const shown = assessment.assessed.slice(0, MAX_POSITIONS);
  const entries: Position[] = shown.map((a) => {
    const quotes = quotableEvidence(a, Math.max(perAuthor, 1));
    const document = a.document;
    return {
      docId: document.docId,
      title: document.title,
      author: document.author,
      stance: a.stance,
      summary: summaryOf(quotes.slice(0, Math.max(2, Math.min(perAuthor, SUMMARY_SENTENCES)))),
      quotes: quotes.map((e) => toQuote(index, { sentence: e.sentence, score: round(e.strength) })),
      framing: framingOf(a, topicStems),
    };
  });
  const taking = new Set(assessment.assessed.map((a) => a.document.docId));
  const silentAll = index.corpus.documents.filter((d) => !taking.has(d.docId)).map((d) => d.docId);
  return {
    topic,
    positions: entries,
    silent: silentAll.slice(0, MAX_SILENT),
    silentTotal: silentAll.length,
    morePositions: assessment.assessed.length - shown.length,
    // "Did you mean" only when nothing matched at all; a topic that matched but found no position is answered
    // by `silent`.
    suggestions: assessment.total === 0 ? index.suggest(topic) : [],
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
