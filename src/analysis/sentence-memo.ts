import type { Sentence } from '../corpus/types.js';
import type { CorpusIndex } from '../search/corpus-index.js';

/**
 * Sentences remembered per index. A positions or contrast answer reads at most 16 documents (~1,300
 * sentences), so this holds the last few dozen answers' worth: a topic asked again, or a neighbouring
 * one, reads its documents from memory. Bounded because each entry costs about a kilobyte and a bot
 * runs for weeks: at 300,000 entries two such memos grew a 10,000-document bot by several hundred MB.
 */
export const MEMO_SENTENCES = 40_000;

const registry: Array<WeakMap<CorpusIndex, Map<number, unknown>>> = [];

/** Drops what every memo holds for `index` (an index about to be replaced need not keep its memory). */
export function forgetMemos(index: CorpusIndex): void {
  for (const memos of registry) memos.delete(index);
}

/** `derive` memoised by sentence id, per index (a reload starts afresh); when full it starts over. */
export function sentenceMemo<T>(
  derive: (sentence: Sentence) => T,
  limit = MEMO_SENTENCES,
): (index: CorpusIndex, sentence: Sentence) => T {
  const memos = new WeakMap<CorpusIndex, Map<number, T>>();
  registry.push(memos);
  return (index, sentence) => {
    let memo = memos.get(index);
    if (!memo) memos.set(index, (memo = new Map()));
    let entry = memo.get(sentence.id);
    if (entry === undefined) {
      entry = derive(sentence);
      if (memo.size >= limit) memo.clear();
      memo.set(sentence.id, entry);
    }
    return entry;
  };
}
