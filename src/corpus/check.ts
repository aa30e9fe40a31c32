/** `parley check`: validate a corpus folder and explain every problem to a human. */
import { loadCorpus } from './load.js';
import type { Corpus, CorpusProblem } from './types.js';

export interface CheckResult {
  documents: number;
  sentences: number;
  problems: CorpusProblem[];
}

export function summarise(corpus: Corpus): CheckResult {
  return {
    documents: corpus.documents.length,
    sentences: corpus.sentenceCount,
    problems: corpus.problems,
  };
}

/** Loads `dir` and reports what loaded and what did not. Never throws for a bad corpus. */
export async function checkCorpus(dir: string): Promise<CheckResult> {
  return summarise(await loadCorpus(dir));
}

/**
 * One block per problem, e.g.
 *
 *     bad.md:2
 *       field:   title
 *       problem: the title is empty
 *       fix:     add a line "title: ..." to the front matter
 *
 * Blocks are separated by a blank line; no trailing newline.
 */
export function formatProblems(problems: readonly CorpusProblem[]): string {
  return problems
    .map((p) =>
      [
        `${p.file}${p.line !== undefined ? `:${p.line}` : ''}`,
        `  field:   ${p.field}`,
        `  problem: ${p.message}`,
        `  fix:     ${p.fix}`,
      ].join('\n'),
    )
    .join('\n\n');
}

/** A whole `check` report: counts, then the problems if any. */
export function formatCheckReport(dir: string, result: CheckResult): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const head = `${dir}: ${plural(result.documents, 'document')}, ${plural(result.sentences, 'sentence')}, ${
    result.problems.length === 0 ? 'no problems' : plural(result.problems.length, 'problem')
  }`;
  return result.problems.length === 0 ? head : `${head}\n\n${formatProblems(result.problems)}`;
}

/** Lists what the loader set aside as site furniture, per document (for a verbose check). */
export function formatFurniture(corpus: Corpus): string {
  const lines: string[] = [];
  for (const doc of corpus.documents) {
    const furniture = doc.paragraphs.filter((p) => p.kind === 'furniture');
    if (furniture.length === 0) continue;
    lines.push(doc.file);
    for (const p of furniture) {
      const line = doc.source.slice(0, p.start).split('\n').length;
      const text = p.text.length > 70 ? `${p.text.slice(0, 67)}...` : p.text;
      lines.push(`  line ${line} (${p.furniture ?? 'furniture'}): ${text}`);
    }
  }
  return lines.join('\n');
}
