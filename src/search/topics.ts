import type { Token } from './analyzer.js';
import { GENERIC_WORDS } from './stopwords.js';

export interface Topic {
  /** As people write it, e.g. `security guarantees`. */
  phrase: string;
  /** How many sentences mention it. */
  mentions: number;
  /** How many documents mention it. */
  documents: number;
}

/** Topics drawn from at most this many sentences, evenly spaced, so a huge corpus builds fast. */
const SAMPLE_SENTENCES = 30_000;
const MAX_TOPICS = 500;

interface Tally {
  forms: Map<string, number>;
  mentions: number;
  docs: Set<string>;
}

function tally(table: Map<string, Tally>, key: string, form: string, docId: string): void {
  let entry = table.get(key);
  if (!entry) table.set(key, (entry = { forms: new Map(), mentions: 0, docs: new Set() }));
  entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
  entry.mentions += 1;
  if (entry.docs.size < 1000) entry.docs.add(docId);
}

function commonestForm(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) if (count > bestCount) [best, bestCount] = [form, count];
  return best;
}

/**
 * Gathers the corpus's main topics while the index analyses each sentence (so no sentence is analysed
 * twice): content words and two-word phrases that several sentences (and, in a corpus of several
 * documents, several documents) discuss.
 */
export class TopicCollector {
  private readonly table = new Map<string, Tally>();
  private readonly step: number;
  private seenAuthored = 0;

  constructor(authoredSentences: number) {
    this.step = Math.max(1, Math.ceil(authoredSentences / SAMPLE_SENTENCES));
  }

  /** Whether the next authored sentence belongs to the sample (call once per authored sentence). */
  wantsNext(): boolean {
    return this.seenAuthored++ % this.step === 0;
  }

  /** Tallies one sampled sentence's tokens. */
  add(docId: string, tokens: readonly Token[]): void {
    const seen = new Set<string>();
    tokens.forEach((token, k) => {
      if (isTopicWord(token.word) && !seen.has(token.stem)) {
        seen.add(token.stem);
        tally(this.table, token.stem, token.word, docId);
      }
      const next = tokens[k + 1];
      if (
        next &&
        next.position === token.position + 1 &&
        isPhraseWord(token.word) &&
        isPhraseWord(next.word)
      ) {
        const key = `${token.stem} ${next.stem}`;
        if (!seen.has(key)) {
          seen.add(key);
          tally(this.table, key, `${token.word} ${next.word}`, docId);
        }
      }
    });
  }

  /** The topics, most discussed first. */
  topics(documentCount: number): Topic[] {
    const minDocuments = documentCount >= 3 ? 2 : 1;
    const topics: Array<Topic & { weight: number }> = [];
    for (const [key, entry] of this.table) {
      const isPhrase = key.includes(' ');
      if (entry.mentions < 2 || entry.docs.size < minDocuments) continue;
      const weight = entry.mentions * Math.log2(1 + entry.docs.size) * (isPhrase ? 2 : 1);
      topics.push({
        phrase: commonestForm(entry.forms),
        mentions: entry.mentions,
        documents: entry.docs.size,
        weight,
      });
    }
    topics.sort((a, b) => b.weight - a.weight || a.phrase.localeCompare(b.phrase));
    return topics
      .slice(0, MAX_TOPICS)
      .map(({ phrase, mentions, documents }) => ({ phrase, mentions, documents }));
  }
}

const HAS_DIGIT = /\p{N}/u;

function isPhraseWord(word: string): boolean {
  return !GENERIC_WORDS.has(word) && !HAS_DIGIT.test(word);
}

function isTopicWord(word: string): boolean {
  return word.length >= 4 && isPhraseWord(word);
}
