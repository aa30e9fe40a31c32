import type { Sentence } from '../corpus/types.js';
import type { SentenceReading } from './cues.js';

/**
 * Discussion questions: fixed templates, each filled with a verbatim span of the document (in quotation
 * marks, with its paragraph) chosen for the kind of claim it makes. The template is ours and reads as
 * ours; the claim is always the author's own words.
 */

export type ClaimKind =
  'refusal' | 'verdict' | 'distance' | 'stand' | 'prediction' | 'opening' | 'balance' | 'thesis';

export interface Claim {
  sentence: Sentence;
  kind: ClaimKind;
  /** The cue that gave the kind, as written ("delusion", "unlikely to accept"), or the refusing actor. */
  cue: string | null;
}

/** Sentences longer than this are quoted by the clause that carries the claim. */
const MAX_QUOTED_WORDS = 40;
const CLAUSE_SPLIT = /(?<=[;:])\s+|\s+[—–]\s+/u;

/** The part of a sentence worth quoting in a question: all of it, or the clause holding `cue`, marked “…”. */
export function quotable(text: string, cue: string | null): string {
  if (text.split(/\s+/).length <= MAX_QUOTED_WORDS) return text;
  const pieces = text.split(CLAUSE_SPLIT).filter((p) => p.split(/\s+/).length >= 5);
  const piece = (cue ? pieces.find((p) => p.includes(cue)) : undefined) ?? pieces[0] ?? text;
  const start = text.indexOf(piece);
  const before = start > 0 ? '… ' : '';
  const after = start + piece.length < text.length ? ' …' : '';
  return `${before}${piece}${after}`;
}

export function claimOf(sentence: Sentence, reading: SentenceReading): Claim {
  const refusal = reading.cues.find((c) => c.refusalBy);
  if (refusal) return { sentence, kind: 'refusal', cue: refusal.refusalBy! };
  let strongest = null as SentenceReading['cues'][number] | null;
  for (const cue of reading.cues) {
    // Bare denials and refusals by no one in particular say too little to build a question on.
    if (cue.bare || cue.refusal) continue;
    if (!strongest || cue.weight > strongest.weight) strongest = cue;
  }
  if (strongest && strongest.weight >= 1) {
    if (strongest.wide) {
      // Scare quotes: the cue is the quoted phrase itself.
      const inner = /[“"]([^”"]+)[”"]/u.exec(strongest.text)?.[1] ?? strongest.text;
      return { sentence, kind: 'distance', cue: inner };
    }
    const kind: ClaimKind =
      strongest.dimension === 'value'
        ? strongest.polarity < 0
          ? 'verdict'
          : 'stand'
        : strongest.polarity < 0
          ? 'prediction'
          : 'opening';
    return { sentence, kind, cue: strongest.text };
  }
  if (reading.fortunes.length > 0 || reading.stalemate) return { sentence, kind: 'balance', cue: null };
  return { sentence, kind: 'thesis', cue: null };
}

const where = (sentence: Sentence): string => `¶${sentence.paragraph}`;

export function questionFor(claim: Claim): string {
  const quote = `“${quotable(claim.sentence.text, claim.kind === 'refusal' ? null : claim.cue)}” (${where(claim.sentence)})`;
  switch (claim.kind) {
    case 'refusal':
      return `The essay expects ${claim.cue} to refuse: ${quote}. What, if anything, could change ${claim.cue}’s calculation?`;
    case 'verdict':
      return `The essay does not mince words: ${quote}. Is “${claim.cue}” a fair description, and how would the people it criticises answer?`;
    case 'distance':
      return `The essay puts “${claim.cue}” in quotation marks: ${quote}. What does it doubt about the idea, and is the doubt fair?`;
    case 'stand':
      return `The essay takes a stand here: ${quote}. What is it arguing for, and what against?`;
    case 'prediction':
      return `The essay predicts: ${quote}. What would have to happen for this prediction to prove wrong?`;
    case 'opening':
      return `The essay sees an opening: ${quote}. What evidence supports this, and what could close it?`;
    case 'balance':
      return `The essay reads the balance of the war this way: ${quote}. What evidence does it rely on, and how could that reading be tested?`;
    case 'thesis':
      return `The author writes: ${quote}. Which of the essay’s examples best support this, and which step of the argument is weakest?`;
  }
}

export function comparisonQuestion(
  own: Sentence,
  otherTitle: string,
  other: Sentence,
  disagrees: boolean,
): string {
  const a = `“${quotable(own.text, null)}” (${where(own)})`;
  const b = `“${quotable(other.text, null)}” (${where(other)})`;
  return disagrees
    ? `This essay argues: ${a}. “${otherTitle}” counters: ${b}. Who has the better of it, and why?`
    : `This essay argues: ${a}. “${otherTitle}” puts it differently: ${b}. Where exactly do the two part ways?`;
}

/** For a document too short to yield three claims of its own. */
export const OPEN_QUESTIONS = [
  'The overview above picks the sentences that state the essay’s core. Which of them does the rest of the essay support best, and which least?',
  'Which single sentence of the essay would you choose as its thesis, and why?',
  'What does the essay take for granted that a reader from the other side would dispute?',
];
