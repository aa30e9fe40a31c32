import Fuse from 'fuse.js';
import { stem } from './analyzer.js';

/** A known word the query can be mapped to, with how sure the mapping is (1 = typed exactly). */
export interface WordMatch {
  word: string;
  wordId: number;
  weight: number;
}

const MIN_FUZZY_LENGTH = 4;
const MAX_CANDIDATES = 60;

function bigramsOf(word: string): string[] {
  const padded = `^${word}$`;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) grams.add(padded.slice(i, i + 2));
  return [...grams];
}

/**
 * The corpus vocabulary: the surface words the index matches on (what people type), grouped by stem
 * into word families (guarantee, guarantees, guaranteed). Typo tolerance is fuse.js over the surface words, but only over a few dozen
 * candidates that share letter pairs with the typed word, so a 50,000-word vocabulary stays fast.
 */
export class Vocabulary {
  private readonly stemIds = new Map<string, number>();
  readonly stems: string[] = [];
  private readonly wordIds = new Map<string, number>();
  readonly words: string[] = [];
  private wordStem: number[] = [];
  private wordCount: number[] = [];
  private bigramIndex = new Map<string, Int32Array>();
  /** The commonest surface word of each stem: how a suggestion spells it. */
  private commonestWord: string[] = [];

  private familyOf: number[][] = [];
  private sharedCounts = new Uint8Array(0);
  private wordLength = new Uint8Array(0);

  /** Registers one occurrence of `word` and returns its word id. */
  add(word: string, stemmed = stem(word)): number {
    let wordId = this.wordIds.get(word);
    if (wordId === undefined) {
      wordId = this.words.length;
      this.wordIds.set(word, wordId);
      this.words.push(word);
      this.wordStem.push(this.stemId(stemmed, true));
      this.wordCount.push(0);
    }
    this.wordCount[wordId]! += 1;
    return wordId;
  }

  /** Registers one more occurrence of a word already added. */
  addOccurrence(wordId: number): void {
    this.wordCount[wordId]! += 1;
  }

  stemId(stemmed: string, create = false): number {
    let id = this.stemIds.get(stemmed);
    if (id === undefined) {
      if (!create) return -1;
      id = this.stems.length;
      this.stemIds.set(stemmed, id);
      this.stems.push(stemmed);
    }
    return id;
  }

  /** The other words of `wordId`'s family (same stem), itself excluded. */
  relatives(wordId: number): readonly number[] {
    return (this.familyOf[this.wordStem[wordId]!] ?? []).filter((id) => id !== wordId);
  }

  get size(): number {
    return this.words.length;
  }

  hasWord(word: string): boolean {
    return this.wordIds.has(word);
  }

  count(word: string): number {
    const id = this.wordIds.get(word);
    return id === undefined ? 0 : this.wordCount[id]!;
  }

  /** Builds the letter-pair index used to pick fuzzy candidates; call once after the last `add`. */
  seal(): void {
    const commonestCount: number[] = [];
    this.familyOf = this.stems.map(() => []);
    this.words.forEach((word, id) => {
      const stemId = this.wordStem[id]!;
      this.familyOf[stemId]!.push(id);
      if ((commonestCount[stemId] ?? -1) < this.wordCount[id]!) {
        commonestCount[stemId] = this.wordCount[id]!;
        this.commonestWord[stemId] = word;
      }
    });
    const lists = new Map<string, number[]>();
    this.words.forEach((word, id) => {
      if (word.length < MIN_FUZZY_LENGTH - 1 || /^\p{N}+$/u.test(word)) return;
      for (const gram of bigramsOf(word)) {
        let list = lists.get(gram);
        if (!list) lists.set(gram, (list = []));
        list.push(id);
      }
    });
    this.bigramIndex = new Map([...lists].map(([gram, ids]) => [gram, Int32Array.from(ids)]));
  }

  /**
   * Known words close to `typed` (a normalised word), best first. An exact word comes back alone with
   * weight 1; otherwise fuse.js scores the candidates and weak matches are dropped.
   */
  match(typed: string, maxResults = 3, threshold = 0.34): WordMatch[] {
    const exactId = this.wordIds.get(typed);
    if (exactId !== undefined) return [{ word: typed, wordId: exactId, weight: 1 }];
    const stemmedId = this.stemId(stem(typed));
    if (stemmedId >= 0) {
      const word = this.commonestWord[stemmedId]!;
      return [{ word, wordId: this.wordIds.get(word)!, weight: 1 }];
    }
    if (typed.length < MIN_FUZZY_LENGTH) return [];
    const candidates = this.candidates(typed);
    if (candidates.length === 0) return [];
    const fuse = new Fuse(candidates, {
      includeScore: true,
      threshold,
      ignoreLocation: true,
      minMatchCharLength: 2,
    });
    const seenStems = new Set<number>();
    const matches: WordMatch[] = [];
    for (const { item, score = 1 } of fuse.search(typed)) {
      const id = this.wordIds.get(item)!;
      const stemId = this.wordStem[id]!;
      if (seenStems.has(stemId)) continue;
      if (Math.abs(item.length - typed.length) > Math.max(2, typed.length / 3)) continue;
      const weight = Math.max(0.1, 1 - score) ** 2;
      // A much weaker second reading is a different word, not another spelling of this one.
      if (matches.length > 0 && weight < matches[0]!.weight * 0.75) break;
      seenStems.add(stemId);
      matches.push({ word: item, wordId: id, weight });
      if (matches.length >= maxResults) break;
    }
    return matches;
  }

  /** Words sharing the most letter pairs with `typed`, frequent words first among equals. */
  private candidates(typed: string): string[] {
    // Counting in a reusable typed array: a Map per lookup was most of a typo query's time and garbage.
    if (this.sharedCounts.length < this.words.length) {
      this.sharedCounts = new Uint8Array(this.words.length);
      this.wordLength = Uint8Array.from(this.words, (w) => Math.min(255, w.length));
    }
    const counts = this.sharedCounts;
    const lengths = this.wordLength;
    const touched: number[] = [];
    for (const gram of bigramsOf(typed)) {
      const ids = this.bigramIndex.get(gram);
      if (!ids) continue;
      for (const id of ids) {
        if (Math.abs(lengths[id]! - typed.length) > 3) continue;
        if (counts[id] === 0) touched.push(id);
        if (counts[id]! < 255) counts[id]! += 1;
      }
    }
    const needed = Math.max(1, Math.floor((typed.length + 1) / 2) - 1);
    const kept: Array<[number, number]> = [];
    for (const id of touched) {
      if (counts[id]! >= needed) kept.push([id, counts[id]!]);
      counts[id] = 0;
    }
    return kept
      .sort((x, y) => y[1] - x[1] || this.wordCount[y[0]]! - this.wordCount[x[0]]!)
      .slice(0, MAX_CANDIDATES)
      .map(([id]) => this.words[id]!);
  }
}
