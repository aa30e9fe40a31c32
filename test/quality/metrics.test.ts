import { describe, expect, it } from 'vitest';
import {
  dcgAtK,
  judgeRanking,
  mean,
  ndcgAtK,
  normaliseWhitespace,
  precisionAtK,
  recallAtK,
  type Judgment,
} from '../../scripts/quality/metrics.js';

const LOG2_3 = Math.log2(3);

describe('precisionAtK', () => {
  it('counts grade ≥ 1 as relevant among the first k', () => {
    expect(precisionAtK([2, 0, 1, 0, 0], 5)).toBe(0.4);
    expect(precisionAtK([2, 0, 1, 0, 0], 1)).toBe(1);
    expect(precisionAtK([0, 2, 2, 2, 2, 2], 5)).toBe(0.8);
  });

  it('counts missing ranks as not relevant', () => {
    expect(precisionAtK([2], 5)).toBe(0.2);
    expect(precisionAtK([], 5)).toBe(0);
  });

  it('rejects a k that is not a positive integer', () => {
    expect(() => precisionAtK([1], 0)).toThrow(RangeError);
    expect(() => precisionAtK([1], 2.5)).toThrow(RangeError);
  });
});

describe('dcgAtK and ndcgAtK', () => {
  it('discounts gains by log2(rank + 1)', () => {
    expect(dcgAtK([2, 0, 1], 3)).toBeCloseTo(2 + 0 + 1 / 2, 12);
    expect(dcgAtK([1, 1], 5)).toBeCloseTo(1 + 1 / LOG2_3, 12);
    expect(dcgAtK([2, 2, 2], 1)).toBe(2);
  });

  it('is 1 for the ideal ordering and less for a worse one', () => {
    expect(ndcgAtK([2, 2, 1], [1, 2, 2], 5)).toBeCloseTo(1, 12);
    const ideal = 2 + 2 / LOG2_3 + 1 / 2;
    const actual = 1 + 2 / LOG2_3 + 2 / 2;
    expect(ndcgAtK([1, 2, 2], [2, 2, 1], 5)).toBeCloseTo(actual / ideal, 12);
    expect(ndcgAtK([1, 2, 2], [2, 2, 1], 5)).toBeCloseTo(0.867087, 5);
  });

  it('builds the ideal from every judged sentence, not only the ones retrieved', () => {
    // One grade-2 sentence found at rank 2, but two grade-2 sentences were judged.
    expect(ndcgAtK([0, 2], [2, 2], 5)).toBeCloseTo(2 / LOG2_3 / (2 + 2 / LOG2_3), 12);
    // More judged sentences than k: a page of five grade-2 results is still ideal.
    expect(ndcgAtK([2, 2, 2, 2, 2], [2, 2, 2, 2, 2, 2, 2, 1], 5)).toBeCloseTo(1, 12);
    // Five grade-1 results when five grade-2 sentences exist: half the ideal gain.
    expect(ndcgAtK([1, 1, 1, 1, 1], [2, 2, 2, 2, 2], 5)).toBeCloseTo(0.5, 12);
  });

  it('is 0 when nothing relevant is retrieved or nothing is judged', () => {
    expect(ndcgAtK([0, 0, 0], [2, 1], 5)).toBe(0);
    expect(ndcgAtK([], [2], 5)).toBe(0);
    expect(ndcgAtK([2], [], 5)).toBe(0);
  });
});

describe('judgeRanking', () => {
  const judgments: Judgment[] = [
    { contains: 'security guarantees for Ukraine', grade: 2 },
    { contains: 'soft guarantees', grade: 1 },
    { contains: 'the weather was cold', grade: 1 },
  ];

  it('grades each result by the judgment whose substring it contains, normalising whitespace', () => {
    const { grades, matched } = judgeRanking(
      [
        'Everything depends on  security\nguarantees for Ukraine.',
        'Nothing here.',
        'Then soft guarantees came.',
      ],
      judgments,
    );
    expect(grades).toEqual([2, 0, 1]);
    expect(matched).toEqual([0, null, 1]);
  });

  it('is case- and punctuation-sensitive (substrings are verbatim)', () => {
    expect(judgeRanking(['Security Guarantees for Ukraine'], judgments).grades).toEqual([0]);
  });

  it('credits each judgment once, so a repeated result earns nothing the second time', () => {
    const text = 'Everything depends on security guarantees for Ukraine.';
    expect(judgeRanking([text, text], judgments).grades).toEqual([2, 0]);
  });

  it('takes the highest grade when a result contains several judged substrings', () => {
    const { grades, matched } = judgeRanking(
      ['Soft guarantees? No: soft guarantees and security guarantees for Ukraine.'],
      judgments,
    );
    expect(grades).toEqual([2]);
    expect(matched).toEqual([0]);
  });

  it('normalises whitespace on its own', () => {
    expect(normaliseWhitespace('  a \t b\n\nc ')).toBe('a b c');
  });
});

describe('recallAtK and mean', () => {
  const judgments: Judgment[] = [
    { contains: 'a'.repeat(25), grade: 2 },
    { contains: 'b'.repeat(25), grade: 1 },
    { contains: 'c'.repeat(25), grade: 2 },
    { contains: 'd'.repeat(25), grade: 1 },
  ];

  it('is the share of judged sentences found in the first k', () => {
    expect(recallAtK([0, null, 2], judgments, 10)).toBe(0.5);
    expect(recallAtK([0, null, 2], judgments, 2)).toBe(0.25);
    expect(recallAtK([], judgments, 10)).toBe(0);
    expect(recallAtK([0, 1, 2, 3], judgments, 4)).toBe(1);
  });

  it('averages, with 0 for an empty list', () => {
    expect(mean([1, 0, 0.5])).toBeCloseTo(0.5, 12);
    expect(mean([])).toBe(0);
  });
});
