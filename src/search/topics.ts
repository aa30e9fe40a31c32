import type { Sentence } from '../corpus/types.js';
import { analyse } from './analyzer.js';
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
const SAMPLE_SENTENCES = 120_000;
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
 * The corpus's main topics: content words and two-word phrases that several sentences (and, in a
 * corpus of several documents, several documents) discuss, most discussed first.
 */
export function extractTopics(sentences: readonly Sentence[], documentCount: number): Topic[] {
  const authored = sentences.filter((s) => s.kind === 'author');
  const step = Math.max(1, Math.ceil(authored.length / SAMPLE_SENTENCES));
  const table = new Map<string, Tally>();
  for (let i = 0; i < authored.length; i += step) {
    const sentence = authored[i]!;
    const tokens = analyse(sentence.text);
    const seen = new Set<string>();
    tokens.forEach((token, k) => {
      if (
        token.word.length >= 4 &&
        !GENERIC_WORDS.has(token.word) &&
        !/\p{N}/u.test(token.word) &&
        !seen.has(token.stem)
      ) {
        seen.add(token.stem);
        tally(table, token.stem, token.word, sentence.docId);
      }
      const next = tokens[k + 1];
      if (
        next &&
        next.position === token.position + 1 &&
        !/\p{N}/u.test(token.word + next.word) &&
        !GENERIC_WORDS.has(token.word) &&
        !GENERIC_WORDS.has(next.word)
      ) {
        const key = `${token.stem} ${next.stem}`;
        if (!seen.has(key)) {
          seen.add(key);
          tally(table, key, `${token.word} ${next.word}`, sentence.docId);
        }
      }
    });
  }
  const minDocuments = documentCount >= 3 ? 2 : 1;
  const topics: Array<Topic & { weight: number }> = [];
  for (const [key, entry] of table) {
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
