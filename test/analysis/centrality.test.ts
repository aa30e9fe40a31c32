import { describe, expect, it } from 'vitest';
import { centrality } from '../../src/analysis/centrality.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { parseDocument } from '../../src/corpus/document.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';
import { bundledIndex, doc } from './bundled.js';

describe('centrality', () => {
  it('scores every author sentence of a document in 0..1, the most central at 1', async () => {
    const index = await bundledIndex();
    const document = doc(index, '001');
    const scores = centrality(index, document);
    const authored = document.sentences.filter((s) => s.kind === 'author');
    expect([...scores.keys()]).toEqual(authored.map((s) => s.id));
    const values = [...scores.values()];
    expect(Math.max(...values)).toBe(1);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('is weighed by the index it is asked with: a reload that keeps a document still re-weighs it', async () => {
    const index = await bundledIndex();
    const document = doc(index, '001');
    // A reading list that discusses guarantees everywhere: "guarantees" stops being distinctive.
    const flood = parseDocument(
      '999-flood.md',
      `---\ntitle: Flood\n---\n\n${Array.from({ length: 80 }, (_, i) => `Security guarantees matter, point ${i}.`).join(' ')}\n`,
    ).document!;
    const reloaded = CorpusIndex.build(new Corpus(index.corpus.dir, [...index.corpus.documents, flood]));
    expect(reloaded.corpus.documents[1]).toBe(document); // the same object, kept by the reload
    const before = centrality(index, document);
    const after = centrality(reloaded, document);
    // What a fresh computation under the new index gives, on an equal document the cache has never seen.
    const fresh = centrality(reloaded, document.withFileStamp('another stamp'));
    expect([...after.values()]).toEqual([...fresh.values()]);
    expect([...after.values()]).not.toEqual([...before.values()]);
  });
});
