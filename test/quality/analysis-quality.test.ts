/**
 * /positions and /contrast quality on the bundled corpus, against the judged sets in
 * positions-judgments.json and contrast-judgments.json. The figures are those of `npm run eval`
 * (section "analysis"); docs/QUALITY.md records them and how they were judged.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureAnalysis, type AnalysisEvaluation } from '../../scripts/quality/analysis-eval.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

/**
 * Floors, set a little below the figures measured on the bundled corpus (13 positions topics, of which
 * the last three were judged and added after the method was tuned on the first ten; 9 contrast topics):
 * - positions hit rate 0.857 (30 of 35 judged author positions quoted with a sentence that states them;
 *   the misses are lexical: the author states the position without the topic's words or their
 *   thesaurus relations, e.g. 003 and 004 on "battlefield");
 * - positions found rate 0.886 (31 of 35); false-position rate 0.000 (0 of 19 silent documents given one);
 * - contrast pair recall 0.800 (8 of 10), pair precision 1.000 (8 correct, 0 wrong, 1 "acceptable" of 9
 *   returned), no-disagreement topics 1.000 (3 of 3 answered with no pair and a note).
 * Raise them when the method improves; never lower them to make a change pass.
 */
const FLOOR_POSITION_HIT_RATE = 0.8;
const FLOOR_POSITION_FOUND_RATE = 0.85;
const CEILING_FALSE_POSITION_RATE = 0.05;
const FLOOR_CONTRAST_RECALL = 0.7;
const FLOOR_CONTRAST_PRECISION = 0.9;
const FLOOR_NO_DISAGREEMENT_ACCURACY = 1;

let evaluation: AnalysisEvaluation;

beforeAll(async () => {
  const corpus = await loadCorpus(CORPUS_DIR);
  evaluation = await measureAnalysis(corpus, CorpusIndex.build(corpus));
});

describe('/positions and /contrast quality on the bundled corpus', () => {
  it('has judgments that all resolve against the corpus', () => {
    expect(evaluation.problems).toEqual([]);
    expect(evaluation.positions.topics.length).toBeGreaterThanOrEqual(8);
    expect(evaluation.contrast.topics.length).toBeGreaterThanOrEqual(6);
  });

  it('quotes the sentences that state each author’s position', () => {
    expect(evaluation.positions.hitRate).toBeGreaterThanOrEqual(FLOOR_POSITION_HIT_RATE);
    expect(evaluation.positions.foundRate).toBeGreaterThanOrEqual(FLOOR_POSITION_FOUND_RATE);
  });

  it('gives no position to documents that are silent on the topic', () => {
    expect(evaluation.positions.falsePositionRate).toBeLessThanOrEqual(CEILING_FALSE_POSITION_RATE);
  });

  it('finds the pairs of authors who truly disagree, and pairs no others', () => {
    expect(evaluation.contrast.recall).toBeGreaterThanOrEqual(FLOOR_CONTRAST_RECALL);
    expect(evaluation.contrast.precision).toBeGreaterThanOrEqual(FLOOR_CONTRAST_PRECISION);
    expect(evaluation.contrast.noDisagreementAccuracy).toBeGreaterThanOrEqual(FLOOR_NO_DISAGREEMENT_ACCURACY);
  });
});
