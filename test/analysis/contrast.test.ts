import { beforeAll, describe, expect, it } from 'vitest';
import { contrast } from '../../src/analysis/contrast.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import { bundledIndex, doc } from './bundled.js';

let index: CorpusIndex;
beforeAll(async () => {
  index = await bundledIndex();
});

const pairOf = (a: string, b: string): string => [a, b].sort().join(' × ');

describe('contrast on the bundled corpus', () => {
  it('finds the clearest known disagreement: talks as a delusion against a war ripe for settlement', () => {
    const result = contrast(index, { topic: 'negotiations' });
    expect(result.note).toBeNull();
    const pairs = result.pairs.map((p) => pairOf(p.a.docId, p.b.docId));
    expect(pairs).toContain(pairOf(doc(index, '000').docId, doc(index, '004').docId));
    const pair = result.pairs.find((p) => [p.a.docId, p.b.docId].includes(doc(index, '004').docId))!;
    expect(pair.axis).toMatch(/ripe/);
    expect(pair.axis).not.toContain('\n');
  });

  it('finds disagreements of other kinds: what a thing is worth, and who is ahead', () => {
    const guarantees = contrast(index, { topic: 'security guarantees' }).pairs.map((p) =>
      pairOf(p.a.docId, p.b.docId),
    );
    expect(guarantees).toContain(pairOf(doc(index, '001').docId, doc(index, '004').docId));
    const morale = contrast(index, { topic: 'morale' });
    expect(morale.pairs.map((p) => pairOf(p.a.docId, p.b.docId))).toContain(
      pairOf(doc(index, '000').docId, doc(index, '001').docId),
    );
    expect(morale.pairs[0]!.dimension).toBe('fortune');
  });

  it('pairs only documents that disagree: the sceptics of the talks are never set against each other', () => {
    const sceptics = ['000', '001', '002', '003'].map((n) => doc(index, n).docId);
    for (const pair of contrast(index, { topic: 'negotiations', limit: 10 }).pairs) {
      expect(sceptics.includes(pair.a.docId) && sceptics.includes(pair.b.docId)).toBe(false);
    }
  });

  it('says plainly when the documents do not disagree', () => {
    const result = contrast(index, { topic: 'sanctions' });
    expect(result.pairs).toEqual([]);
    expect(result.note).toMatch(/do not clearly disagree/);
    expect(result.note).toContain('sanctions');
  });

  it('says so when only one document, or none, takes a position', () => {
    const one = contrast(index, { topic: 'Korea model' });
    expect(one.pairs).toEqual([]);
    expect(one.note).toMatch(/Only one document/);
    const none = contrast(index, { topic: 'quantum chromodynamics' });
    expect(none.pairs).toEqual([]);
    expect(none.note).toBeTruthy();
    expect(none.suggestions.length).toBeGreaterThan(0);
  });

  it('quotes each side in its own words: an author sentence of each document, never a comment', () => {
    for (const topic of [
      'negotiations',
      'security guarantees',
      'morale',
      'battlefield',
      'Europe',
      'ceasefire',
    ]) {
      for (const pair of contrast(index, { topic, limit: 10 }).pairs) {
        expect(pair.a.docId).not.toBe(pair.b.docId);
        for (const q of [pair.a, pair.b]) {
          expect(q.kind).toBe('author');
          expect(index.corpus.sentence(q.sentenceId)!.kind).toBe('author');
          expect(index.document(q.docId)!.source).toContain(q.text);
        }
        expect(pair.axis.length).toBeGreaterThan(10);
      }
    }
  });

  it('keeps to the requested number of pairs', () => {
    expect(contrast(index, { topic: 'negotiations', limit: 1 }).pairs).toHaveLength(1);
    expect(contrast(index, { topic: 'negotiations', limit: 2 }).pairs.length).toBeLessThanOrEqual(2);
  });
});
