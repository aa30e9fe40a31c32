import { describe, expect, it } from 'vitest';
import { forgetMemos, sentenceMemo } from '../../src/analysis/sentence-memo.js';
import type { Sentence } from '../../src/corpus/types.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';
import { bundledIndex } from './bundled.js';

describe('sentenceMemo', () => {
  it('derives each sentence once per index, and again for another index of the same corpus', async () => {
    const index = await bundledIndex();
    const derived: number[] = [];
    const wordCount = sentenceMemo((s: Sentence) => {
      derived.push(s.id);
      return s.text.split(/\s+/u).length;
    });
    const sentences = index.corpus.documents[0]!.sentences.slice(0, 5);
    const first = sentences.map((s) => wordCount(index, s));
    const again = sentences.map((s) => wordCount(index, s));
    expect(again).toEqual(first);
    expect(derived).toEqual(sentences.map((s) => s.id));
    const rebuilt = CorpusIndex.build(index.corpus);
    expect(sentences.map((s) => wordCount(rebuilt, s))).toEqual(first);
    expect(derived).toHaveLength(10);
  });

  it('starts over when full, so a long-running bot does not grow without bound', async () => {
    const index = await bundledIndex();
    let calls = 0;
    const memo = sentenceMemo((s: Sentence) => {
      calls += 1;
      return s.text.length;
    }, 3);
    const sentences = [...index.corpus.eachSentence()].slice(0, 4);
    for (const s of sentences.slice(0, 3)) memo(index, s);
    for (const s of sentences.slice(0, 3)) memo(index, s);
    expect(calls).toBe(3);
    memo(index, sentences[3]!); // a fourth entry: the memo starts over with it
    memo(index, sentences[0]!);
    expect(calls).toBe(5);
    expect(memo(index, sentences[3]!)).toBe(sentences[3]!.text.length);
    expect(calls).toBe(5);
  });

  it('forgets what it holds for one index, and only for that one', async () => {
    const index = await bundledIndex();
    const other = CorpusIndex.build(index.corpus);
    let calls = 0;
    const memo = sentenceMemo((s: Sentence) => {
      calls += 1;
      return s.id;
    });
    const sentence = index.corpus.sentence(0)!;
    memo(index, sentence);
    memo(other, sentence);
    expect(calls).toBe(2);
    forgetMemos(index);
    memo(other, sentence);
    expect(calls).toBe(2);
    memo(index, sentence);
    expect(calls).toBe(3);
  });
});
