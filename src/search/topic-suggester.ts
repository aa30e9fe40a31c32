import Fuse from 'fuse.js';
import { analyse, normalise } from './analyzer.js';
import type { Topic } from './topics.js';
import type { Vocabulary } from './vocabulary.js';

/** Fuzzy topic matching (fuse.js) runs over the most discussed topics only: its cost is per topic. */
const FUZZY_TOPICS = 150;
/** Fuzzy topic completions weaker than this (fuse.js score, 0 = perfect) are noise. */
const TOPIC_FUZZY_THRESHOLD = 0.3;
/** "Did you mean" looks at this many query words and this many characters at most. */
const SUGGEST_MAX_WORDS = 4;
const SUGGEST_MAX_PATTERN = 32;

/** Topic autocomplete and "did you mean", from the corpus's main topics and vocabulary. */
export class TopicSuggester {
  private readonly phrases: string[];
  private readonly topicFuse: Fuse<Topic>;

  constructor(
    mainTopics: readonly Topic[],
    private readonly vocabulary: Vocabulary,
  ) {
    this.phrases = mainTopics.map((t) => t.phrase);
    this.topicFuse = new Fuse(mainTopics.slice(0, FUZZY_TOPICS), {
      keys: ['phrase'],
      includeScore: true,
      threshold: 0.4,
      ignoreLocation: true,
    });
  }

  /** The most discussed topics, most discussed first. */
  topics(limit: number): string[] {
    return this.phrases.slice(0, limit);
  }

  /**
   * "Did you mean": the query with its words corrected, topics holding a corrected word, then topics that
   * resemble the query (fuse.js, on at most a few words: its cost grows with the pattern's length).
   */
  suggest(query: string, limit = 5): string[] {
    const suggestions: string[] = [];
    const tokens = analyse(query).slice(0, SUGGEST_MAX_WORDS);
    const groups = tokens.map((t) => ({ typed: t.word, matches: this.vocabulary.match(t.word, 1, 0.5) }));
    if (groups.length > 0 && groups.every((g) => g.matches.length > 0)) {
      const corrected = groups.map((g) => g.matches[0]!.word).join(' ');
      if (corrected !== groups.map((g) => g.typed).join(' ')) suggestions.push(corrected);
    }
    const correctedWords = new Set(groups.flatMap((g) => g.matches.map((m) => m.word)));
    for (const phrase of this.phrases) {
      if (phrase.split(' ').some((word) => correctedWords.has(word))) suggestions.push(phrase);
      if (suggestions.length >= limit * 2) break;
    }
    const text = tokens.map((t) => t.word).join(' ');
    if (text && suggestions.length < limit) {
      const pattern = text.slice(0, SUGGEST_MAX_PATTERN);
      for (const { item } of this.topicFuse.search(pattern, { limit: limit * 2 }))
        suggestions.push(item.phrase);
    }
    const typed = normalise(query).trim();
    const unique = [...new Set(suggestions)].filter((s) => s !== typed);
    if (unique.length < limit) unique.push(...this.topics(limit).filter((t) => !unique.includes(t)));
    return unique.slice(0, limit);
  }

  /**
   * Topic suggestions for what has been typed: exact match first, then topics starting with it, then
   * topics with a word starting with it, then topics holding the typo-corrected words, then fuzzy.
   */
  complete(typed: string, limit: number): string[] {
    const text = normalise(typed).replace(/\s+/g, ' ').trim();
    if (!text) return this.topics(limit);
    const phrases = this.phrases;
    const exact = phrases.filter((p) => p === text);
    const prefix = phrases.filter((p) => p.startsWith(text));
    const wordPrefix = phrases.filter((p) => p.split(' ').some((w) => w.startsWith(text)));
    const corrected = analyse(text).flatMap((t) => this.vocabulary.match(t.word, 2).map((m) => m.word));
    const holdingCorrected = phrases.filter((p) => corrected.some((word) => p.split(' ').includes(word)));
    const fuzzy = this.topicFuse
      .search(text, { limit: limit * 2 })
      .filter((r) => (r.score ?? 1) <= TOPIC_FUZZY_THRESHOLD)
      .map((r) => r.item.phrase);
    return [...new Set([...exact, ...prefix, ...wordPrefix, ...holdingCorrected, ...fuzzy])].slice(0, limit);
  }
}
