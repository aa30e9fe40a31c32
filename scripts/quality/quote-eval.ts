/**
 * `/quote` quality: judged topic queries (test/quality/quote-judgments.json) scored by precision@5 and
 * nDCG@5 over the first page a reader sees, with recall@10 for information.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Corpus, Sentence } from '../../src/corpus/types.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import { quote } from '../../src/search/quote.js';
import {
  judgeRanking,
  mean,
  ndcgAtK,
  normaliseWhitespace,
  precisionAtK,
  recallAtK,
  type Judgment,
} from './metrics.js';
import { fixed, formatTable, type EvaluationSection } from './section.js';

export const QUOTE_JUDGMENTS_FILE = fileURLToPath(
  new URL('../../test/quality/quote-judgments.json', import.meta.url),
);
/** Judged blind after the ranking was tuned on QUOTE_JUDGMENTS_FILE; never tune against it. */
export const QUOTE_HELDOUT_FILE = fileURLToPath(
  new URL('../../test/quality/quote-judgments-heldout.json', import.meta.url),
);

const judgmentSchema = z.object({
  contains: z.string().min(25, 'a judged substring must be at least 25 characters, to be distinctive'),
  grade: z.union([z.literal(1), z.literal(2)]),
});

const judgmentSetSchema = z.object({
  description: z.string(),
  queries: z
    .array(
      z.object({
        query: z.string().min(1),
        note: z.string().optional(),
        relevant: z.array(judgmentSchema).min(1, 'every query needs at least one judged sentence'),
      }),
    )
    .min(1),
});

export type JudgmentSet = z.infer<typeof judgmentSetSchema>;
export type JudgedQuery = JudgmentSet['queries'][number];

/** Reads and validates a judgments file; throws with the file name and the zod issues when it is malformed. */
export async function loadJudgments(file = QUOTE_JUDGMENTS_FILE): Promise<JudgmentSet> {
  const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
  const parsed = judgmentSetSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file}: invalid judgments file\n${issues}`);
  }
  return parsed.data;
}

export interface JudgmentProblem {
  query: string;
  contains: string;
  problem: string;
}

function shorten(text: string, max = 90): string {
  const flat = normaliseWhitespace(text);
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * Checks that every judged substring names exactly one sentence that `/quote` can return by default
 * (an author's sentence, not furniture, a heading, a reader comment or a block quotation), and that no two
 * judgments of one query name the same sentence. Returns the resolved sentence of each substring.
 */
export function resolveJudgments(
  corpus: Corpus,
  set: JudgmentSet,
): { problems: JudgmentProblem[]; sentenceOf: Map<string, Sentence> } {
  const all = [...corpus.eachSentence()];
  const normalised = all.map((s) => normaliseWhitespace(s.text));
  const problems: JudgmentProblem[] = [];
  const sentenceOf = new Map<string, Sentence>();
  const diagnosis = new Map<string, string | null>();

  const diagnose = (contains: string): string | null => {
    const needle = normaliseWhitespace(contains);
    const hits: Sentence[] = [];
    normalised.forEach((text, i) => {
      if (text.includes(needle)) hits.push(all[i]!);
    });
    if (hits.length === 1) {
      const sentence = hits[0]!;
      sentenceOf.set(contains, sentence);
      if (sentence.kind !== 'author') {
        return `names a ${sentence.kind} sentence (${sentence.docId} ¶${sentence.paragraph}), which /quote does not return by default; judge only the authors' own sentences`;
      }
      return null;
    }
    if (hits.length > 1) {
      const where = hits.map((s) => `${s.docId} ¶${s.paragraph}: "${shorten(s.text, 60)}"`).join('; ');
      return `occurs in ${hits.length} sentences (${where}); lengthen it so it names one`;
    }
    for (const document of corpus.documents) {
      for (const paragraph of document.paragraphs) {
        if (!normaliseWhitespace(paragraph.text).includes(needle)) continue;
        if (paragraph.kind === 'furniture' || paragraph.kind === 'heading') {
          return `is in ${paragraph.kind} of ${document.docId}, which is never searched`;
        }
        const [head, tail] = [needle.slice(0, 12), needle.slice(-12)];
        const pieces = document.sentences
          .filter((s) => s.paragraph === paragraph.number)
          .filter(
            (s) => normaliseWhitespace(s.text).includes(head) || normaliseWhitespace(s.text).includes(tail),
          )
          .map((s) => `"${shorten(s.text, 50)}"`);
        return `spans a sentence boundary in ${document.docId} ¶${paragraph.number}${pieces.length > 0 ? ` (split into ${pieces.join(' + ')})` : ''}; use a substring of one sentence`;
      }
    }
    return 'is not found in the corpus (mistyped, curly vs straight quotes, or the text changed)';
  };

  for (const { query, relevant } of set.queries) {
    const seenSentences = new Map<number, string>();
    for (const { contains } of relevant) {
      if (!diagnosis.has(contains)) diagnosis.set(contains, diagnose(contains));
      const problem = diagnosis.get(contains);
      if (problem) {
        problems.push({ query, contains, problem });
        continue;
      }
      const sentence = sentenceOf.get(contains)!;
      const earlier = seenSentences.get(sentence.id);
      if (earlier !== undefined) {
        problems.push({ query, contains, problem: `names the same sentence as "${earlier}" in this query` });
      }
      seenSentences.set(sentence.id, contains);
    }
  }
  return { problems, sentenceOf };
}

export interface RankedResult {
  rank: number;
  docId: string;
  paragraph: number;
  text: string;
  grade: number;
}

export interface QuoteQueryEvaluation {
  query: string;
  note: string | null;
  precision: number;
  ndcg: number;
  recall: number;
  /** Number of judged sentences (grades 1 and 2). */
  judged: number;
  /** The first page (k results) as returned, with the grade each earned. */
  top: RankedResult[];
  /** Grade-2 judgments not found in the first `recallK` results. */
  missed: Judgment[];
}

export interface QuoteEvaluation {
  k: number;
  recallK: number;
  queries: QuoteQueryEvaluation[];
  mean: { precision: number; ndcg: number; recall: number };
  /** Judgments that do not resolve to exactly one searchable sentence; must be empty for honest figures. */
  problems: JudgmentProblem[];
}

/**
 * Runs every judged query through `quote()` as a reader would (default options: authors' sentences only)
 * and scores the first page of `k` results (precision@k, nDCG@k) and the first `recallK` (recall).
 */
export function evaluateQuote(
  index: CorpusIndex,
  set: JudgmentSet,
  options: { k?: number; recallK?: number } = {},
): QuoteEvaluation {
  const k = options.k ?? 5;
  const recallK = options.recallK ?? 10;
  const { problems } = resolveJudgments(index.corpus, set);
  const queries = set.queries.map(({ query, note, relevant }): QuoteQueryEvaluation => {
    const page = quote(index, { topic: query, limit: k }).results;
    const deeper = quote(index, { topic: query, limit: recallK }).results;
    const judgedPage = judgeRanking(
      page.map((r) => r.text),
      relevant,
    );
    const judgedDeeper = judgeRanking(
      deeper.map((r) => r.text),
      relevant,
    );
    const found = new Set(judgedDeeper.matched.filter((m): m is number => m !== null));
    return {
      query,
      note: note ?? null,
      precision: precisionAtK(judgedPage.grades, k),
      ndcg: ndcgAtK(
        judgedPage.grades,
        relevant.map((j) => j.grade),
        k,
      ),
      recall: recallAtK(judgedDeeper.matched, relevant, recallK),
      judged: relevant.length,
      top: page.map((r, i) => ({
        rank: i + 1,
        docId: r.docId,
        paragraph: r.paragraph,
        text: r.text,
        grade: judgedPage.grades[i] ?? 0,
      })),
      missed: relevant.filter((j, i) => j.grade === 2 && !found.has(i)),
    };
  });
  return {
    k,
    recallK,
    queries,
    mean: {
      precision: mean(queries.map((q) => q.precision)),
      ndcg: mean(queries.map((q) => q.ndcg)),
      recall: mean(queries.map((q) => q.recall)),
    },
    problems,
  };
}

/** The per-query table and overall means, as printed by `npm run eval`. */
export function formatQuoteEvaluation(evaluation: QuoteEvaluation, details = false): string {
  const { k, recallK } = evaluation;
  const rows = evaluation.queries.map((q) => [
    q.query,
    String(q.judged),
    fixed(q.precision),
    fixed(q.ndcg),
    fixed(q.recall),
  ]);
  rows.push([
    'MEAN',
    '',
    fixed(evaluation.mean.precision),
    fixed(evaluation.mean.ndcg),
    fixed(evaluation.mean.recall),
  ]);
  const table = formatTable(['query', 'judged', `P@${k}`, `nDCG@${k}`, `R@${recallK}`], rows, [
    'l',
    'r',
    'r',
    'r',
    'r',
  ]);
  const lines = [
    `${evaluation.queries.length} judged queries; mean P@${k} ${fixed(evaluation.mean.precision)}, mean nDCG@${k} ${fixed(evaluation.mean.ndcg)}, mean R@${recallK} ${fixed(evaluation.mean.recall)}`,
    '',
    table,
  ];
  if (evaluation.problems.length > 0) {
    lines.push('', `BROKEN JUDGMENTS (${evaluation.problems.length}): the figures above are not trustworthy`);
    for (const p of evaluation.problems) lines.push(`  [${p.query}] "${p.contains}" ${p.problem}`);
  }
  if (details) {
    for (const q of evaluation.queries) {
      lines.push('', `## ${q.query}  (P@${k} ${fixed(q.precision)}, nDCG@${k} ${fixed(q.ndcg)})`);
      for (const r of q.top)
        lines.push(`  ${r.rank}. [${r.grade}] ${r.docId} ¶${r.paragraph}: ${shorten(r.text, 110)}`);
      for (const m of q.missed) lines.push(`  missed (grade 2, not in top ${recallK}): "${m.contains}"`);
    }
  }
  return lines.join('\n');
}

function quoteSectionFor(name: string, title: string, file: string): EvaluationSection {
  return {
    name,
    title,
    async run({ index, details }) {
      const set = await loadJudgments(file);
      const evaluation = evaluateQuote(index, set);
      return {
        name,
        text: formatQuoteEvaluation(evaluation, details),
        json: {
          k: evaluation.k,
          recallK: evaluation.recallK,
          mean: evaluation.mean,
          queries: evaluation.queries.map((q) => ({
            query: q.query,
            judged: q.judged,
            precision: q.precision,
            ndcg: q.ndcg,
            recall: q.recall,
          })),
          problems: evaluation.problems,
        },
        failed: evaluation.problems.length > 0,
      };
    },
  };
}

export const quoteSection = quoteSectionFor('quote', '/quote: judged topic queries', QUOTE_JUDGMENTS_FILE);
export const quoteHeldoutSection = quoteSectionFor(
  'quote-heldout',
  '/quote: held-out queries (judged blind, never tuned on)',
  QUOTE_HELDOUT_FILE,
);
