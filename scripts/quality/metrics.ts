/**
 * Ranking metrics for judged queries: precision@k, nDCG@k and recall@k over graded judgments.
 *
 * A judgment names one sentence by a verbatim substring (`contains`) and grades it: 2 = squarely about
 * the topic, 1 = relevant or partially about it. A ranked result matches a judgment when its text contains
 * the substring (whitespace normalised on both sides); unjudged results have grade 0.
 */

export interface Judgment {
  /** Verbatim, distinctive substring of exactly one sentence of the corpus. */
  contains: string;
  /** 1 = relevant / partially about the topic, 2 = squarely about it and quotable on it. */
  grade: number;
}

/** Collapses every run of whitespace to one space and trims, so line wrapping never decides a match. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface JudgedRanking {
  /** Grade of each ranked result, in rank order (0 when it matches no judgment). */
  grades: number[];
  /** Index into the judgments of the judgment each result matched, or null. */
  matched: Array<number | null>;
}

/**
 * Grades a ranked list of result texts against the judgments. Each judgment is credited at most once
 * (to the first result that contains it), so a repeated result never counts twice. When a result contains
 * several judged substrings, the highest grade wins.
 */
export function judgeRanking(texts: readonly string[], judgments: readonly Judgment[]): JudgedRanking {
  const needles = judgments.map((j) => normaliseWhitespace(j.contains));
  const used = new Set<number>();
  const grades: number[] = [];
  const matched: Array<number | null> = [];
  for (const text of texts) {
    const haystack = normaliseWhitespace(text);
    let best: number | null = null;
    needles.forEach((needle, i) => {
      if (used.has(i) || needle === '' || !haystack.includes(needle)) return;
      if (best === null || judgments[i]!.grade > judgments[best]!.grade) best = i;
    });
    if (best !== null) used.add(best);
    matched.push(best);
    grades.push(best === null ? 0 : Math.max(0, judgments[best]!.grade));
  }
  return { grades, matched };
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}

/**
 * Precision@k: the share of the first k ranks holding a relevant result (grade ≥ 1). Missing ranks (fewer
 * than k results returned) count as not relevant, so returning less is never rewarded.
 */
export function precisionAtK(grades: readonly number[], k: number): number {
  checkK(k);
  let relevant = 0;
  for (const grade of grades.slice(0, k)) if (grade >= 1) relevant += 1;
  return relevant / k;
}

/** Discounted cumulative gain of the first k ranks: Σ gain_i / log2(i + 1), ranks i from 1, gain = grade. */
export function dcgAtK(grades: readonly number[], k: number): number {
  checkK(k);
  let sum = 0;
  grades.slice(0, k).forEach((grade, i) => {
    sum += grade / Math.log2(i + 2);
  });
  return sum;
}

/**
 * nDCG@k: DCG of the ranking divided by the DCG of the ideal ranking built from every judged sentence
 * (all judgments sorted by grade, best first). 0 when nothing is judged relevant.
 */
export function ndcgAtK(grades: readonly number[], judgedGrades: readonly number[], k: number): number {
  const ideal = dcgAtK(
    judgedGrades.filter((g) => g > 0).sort((a, b) => b - a),
    k,
  );
  return ideal === 0 ? 0 : dcgAtK(grades, k) / ideal;
}

/** Recall@k: the share of judged sentences (grade ≥ 1) found among the first k results. */
export function recallAtK(
  matched: ReadonlyArray<number | null>,
  judgments: readonly Judgment[],
  k: number,
): number {
  checkK(k);
  const relevant = judgments.filter((j) => j.grade >= 1).length;
  if (relevant === 0) return 0;
  const found = new Set<number>();
  for (const index of matched.slice(0, k)) {
    if (index !== null && judgments[index]!.grade >= 1) found.add(index);
  }
  return found.size / relevant;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
