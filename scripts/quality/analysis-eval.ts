/**
 * `/positions` and `/contrast` quality against judged sets (test/quality/positions-judgments.json and
 * contrast-judgments.json), judged by reading the five essays before looking at any output.
 *
 * Positions, per topic and overall:
 * - hit rate: of the documents judged to take a position, how often the entry for that document quotes
 *   (or summarises with) a sentence that states the judged position;
 * - found rate: how often such a document gets an entry at all;
 * - false-position rate: of the documents judged silent, how often one is wrongly given a position.
 * Contrast: recall and precision of document pairs (a pair judged "acceptable" is neither rewarded nor
 * penalised), and for topics with no real disagreement, how often the answer is no pair and a note.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { contrast } from '../../src/analysis/contrast.js';
import { positions } from '../../src/analysis/positions.js';
import type { Corpus } from '../../src/corpus/types.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';
import { mean, normaliseWhitespace } from './metrics.js';
import { fixed, formatTable, type EvaluationSection } from './section.js';

export const POSITIONS_JUDGMENTS_FILE = fileURLToPath(
  new URL('../../test/quality/positions-judgments.json', import.meta.url),
);
export const CONTRAST_JUDGMENTS_FILE = fileURLToPath(
  new URL('../../test/quality/contrast-judgments.json', import.meta.url),
);
/** Pairs asked of /contrast when measuring: enough to see every pair the system would call a disagreement. */
export const CONTRAST_EVAL_LIMIT = 10;

const documentsSchema = z.record(z.string(), z.string().min(20, 'name a document by a distinctive phrase'));

const positionsSchema = z.object({
  description: z.string(),
  documents: documentsSchema,
  topics: z
    .array(
      z.object({
        topic: z.string().min(1),
        positions: z.record(
          z.string(),
          z.object({ position: z.string().min(1), contains: z.array(z.string().min(10)).min(1) }),
        ),
        silent: z.array(z.string()),
        optional: z.array(z.string()).default([]),
        note: z.string().optional(),
      }),
    )
    .min(1),
});

const contrastSchema = z.object({
  description: z.string(),
  documents: documentsSchema,
  topics: z
    .array(
      z.object({
        topic: z.string().min(1),
        pairs: z.array(z.object({ a: z.string(), b: z.string(), axis: z.string() })),
        acceptable: z.array(z.tuple([z.string(), z.string()])).default([]),
        note: z.string().optional(),
      }),
    )
    .min(1),
});

export type PositionsJudgments = z.infer<typeof positionsSchema>;
export type ContrastJudgments = z.infer<typeof contrastSchema>;

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file}: invalid judgments file\n${issues}`);
  }
  return parsed.data;
}

export async function loadAnalysisJudgments(): Promise<{
  positions: PositionsJudgments;
  contrast: ContrastJudgments;
}> {
  return {
    positions: await readJson(POSITIONS_JUDGMENTS_FILE, positionsSchema),
    contrast: await readJson(CONTRAST_JUDGMENTS_FILE, contrastSchema),
  };
}

/** Judged documents are named by a phrase found in exactly one document: resolved to that document's id. */
export function resolveDocuments(
  corpus: Corpus,
  documents: Record<string, string>,
): { docOf: Map<string, string>; problems: string[] } {
  const docOf = new Map<string, string>();
  const problems: string[] = [];
  for (const [key, phrase] of Object.entries(documents)) {
    const holders = corpus.documents.filter((d) => d.source.includes(phrase));
    if (holders.length === 1) docOf.set(key, holders[0]!.docId);
    else problems.push(`document "${key}": "${phrase}" is in ${holders.length} documents, not exactly one`);
  }
  return { docOf, problems };
}

/** Every judged sentence must be an author's sentence of the judged document, named unambiguously. */
export function checkPositionJudgments(
  corpus: Corpus,
  set: PositionsJudgments,
  docOf: Map<string, string>,
): string[] {
  const problems: string[] = [];
  const sentences = [...corpus.eachSentence()].map((s) => ({
    sentence: s,
    text: normaliseWhitespace(s.text),
  }));
  for (const topic of set.topics) {
    const keys = [...Object.keys(topic.positions), ...topic.silent, ...topic.optional];
    for (const key of keys) if (!docOf.has(key)) problems.push(`${topic.topic}: unknown document "${key}"`);
    if (new Set(keys).size !== keys.length) problems.push(`${topic.topic}: a document is judged twice`);
    for (const [key, judged] of Object.entries(topic.positions)) {
      for (const contains of judged.contains) {
        const wanted = normaliseWhitespace(contains);
        const found = sentences.filter((s) => s.text.includes(wanted));
        const where = `${topic.topic} / ${key}: "${contains}"`;
        if (found.length === 0) problems.push(`${where} is in no sentence`);
        else if (found.length > 1) problems.push(`${where} is in ${found.length} sentences`);
        else if (found[0]!.sentence.docId !== docOf.get(key))
          problems.push(`${where} is in another document`);
        else if (found[0]!.sentence.kind !== 'author')
          problems.push(`${where} is a ${found[0]!.sentence.kind}`);
      }
    }
  }
  return problems;
}

export interface PositionsTopicEvaluation {
  topic: string;
  judged: number;
  /** Judged documents whose entry quotes a sentence stating the judged position. */
  hits: number;
  /** Judged documents that got an entry at all. */
  found: number;
  silentJudged: number;
  /** Documents judged silent that were given a position. */
  wronglyPositioned: string[];
  missed: string[];
  stances: Record<string, string>;
}

export interface PositionsEvaluation {
  topics: PositionsTopicEvaluation[];
  hitRate: number;
  foundRate: number;
  falsePositionRate: number;
  /** Mean over topics of the per-topic hit rate. */
  meanTopicHitRate: number;
}

export function evaluatePositions(
  index: CorpusIndex,
  set: PositionsJudgments,
  docOf: Map<string, string>,
): PositionsEvaluation {
  const topics = set.topics.map((judged): PositionsTopicEvaluation => {
    const result = positions(index, { topic: judged.topic });
    const entries = new Map(result.positions.map((p) => [p.docId, p]));
    let hits = 0;
    let found = 0;
    const missed: string[] = [];
    const stances: Record<string, string> = {};
    for (const [key, position] of Object.entries(judged.positions)) {
      const entry = entries.get(docOf.get(key)!);
      if (!entry) {
        missed.push(`${key} (no entry)`);
        continue;
      }
      found += 1;
      stances[key] = entry.stance;
      const texts = [entry.summary, ...entry.quotes.map((q) => q.text)].map(normaliseWhitespace);
      const hit = position.contains.some((c) => texts.some((t) => t.includes(normaliseWhitespace(c))));
      if (hit) hits += 1;
      else missed.push(`${key} (no judged sentence)`);
    }
    const wronglyPositioned = judged.silent.filter((key) => entries.has(docOf.get(key)!));
    return {
      topic: judged.topic,
      judged: Object.keys(judged.positions).length,
      hits,
      found,
      silentJudged: judged.silent.length,
      wronglyPositioned,
      missed,
      stances,
    };
  });
  const sum = (f: (t: PositionsTopicEvaluation) => number): number => topics.reduce((s, t) => s + f(t), 0);
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return {
    topics,
    hitRate: ratio(
      sum((t) => t.hits),
      sum((t) => t.judged),
    ),
    foundRate: ratio(
      sum((t) => t.found),
      sum((t) => t.judged),
    ),
    falsePositionRate: ratio(
      sum((t) => t.wronglyPositioned.length),
      sum((t) => t.silentJudged),
    ),
    meanTopicHitRate: mean(topics.filter((t) => t.judged > 0).map((t) => t.hits / t.judged)),
  };
}

export interface ContrastTopicEvaluation {
  topic: string;
  truePairs: number;
  returned: string[];
  correct: number;
  wrong: string[];
  missed: string[];
  /** For a topic with no real disagreement: no wrong pair, and a note when nothing was paired. */
  quietCorrect: boolean | null;
  note: string | null;
}

export interface ContrastEvaluation {
  topics: ContrastTopicEvaluation[];
  recall: number;
  precision: number;
  /** Share of no-disagreement topics answered with no (wrong) pair and a note. */
  noDisagreementAccuracy: number;
}

const pairKey = (a: string, b: string): string => [a, b].sort().join(' × ');

export function evaluateContrast(
  index: CorpusIndex,
  set: ContrastJudgments,
  docOf: Map<string, string>,
  limit = CONTRAST_EVAL_LIMIT,
): ContrastEvaluation {
  const keyOf = new Map([...docOf].map(([key, docId]) => [docId, key]));
  const topics = set.topics.map((judged): ContrastTopicEvaluation => {
    const result = contrast(index, { topic: judged.topic, limit });
    const truth = new Set(judged.pairs.map((p) => pairKey(p.a, p.b)));
    const acceptable = new Set(judged.acceptable.map(([a, b]) => pairKey(a, b)));
    const returned = result.pairs.map((p) =>
      pairKey(keyOf.get(p.a.docId) ?? p.a.docId, keyOf.get(p.b.docId) ?? p.b.docId),
    );
    const correct = returned.filter((k) => truth.has(k)).length;
    const wrong = returned.filter((k) => !truth.has(k) && !acceptable.has(k));
    return {
      topic: judged.topic,
      truePairs: truth.size,
      returned,
      correct,
      wrong,
      missed: [...truth].filter((k) => !returned.includes(k)),
      quietCorrect:
        truth.size === 0 ? wrong.length === 0 && (result.pairs.length > 0 || result.note !== null) : null,
      note: result.note,
    };
  });
  const correct = topics.reduce((s, t) => s + t.correct, 0);
  const wrong = topics.reduce((s, t) => s + t.wrong.length, 0);
  const truth = topics.reduce((s, t) => s + t.truePairs, 0);
  const quiet = topics.filter((t) => t.quietCorrect !== null);
  return {
    topics,
    recall: truth === 0 ? 0 : correct / truth,
    precision: correct + wrong === 0 ? 0 : correct / (correct + wrong),
    noDisagreementAccuracy:
      quiet.length === 0 ? 0 : quiet.filter((t) => t.quietCorrect).length / quiet.length,
  };
}

export interface AnalysisEvaluation {
  positions: PositionsEvaluation;
  contrast: ContrastEvaluation;
  /** Judgments that do not resolve against the corpus: the figures cannot be trusted while any remain. */
  problems: string[];
}

export async function measureAnalysis(corpus: Corpus, index: CorpusIndex): Promise<AnalysisEvaluation> {
  const judgments = await loadAnalysisJudgments();
  const positionDocs = resolveDocuments(corpus, judgments.positions.documents);
  const contrastDocs = resolveDocuments(corpus, judgments.contrast.documents);
  const problems = [
    ...positionDocs.problems,
    ...contrastDocs.problems,
    ...checkPositionJudgments(corpus, judgments.positions, positionDocs.docOf),
  ];
  for (const topic of judgments.contrast.topics) {
    const keys = [...topic.pairs.flatMap((p) => [p.a, p.b]), ...topic.acceptable.flat()];
    for (const key of keys) {
      if (!contrastDocs.docOf.has(key)) problems.push(`contrast ${topic.topic}: unknown document "${key}"`);
    }
  }
  return {
    positions: evaluatePositions(index, judgments.positions, positionDocs.docOf),
    contrast: evaluateContrast(index, judgments.contrast, contrastDocs.docOf),
    problems,
  };
}

export function formatAnalysisEvaluation(evaluation: AnalysisEvaluation, details = false): string {
  const { positions: p, contrast: c } = evaluation;
  const lines: string[] = [];
  if (evaluation.problems.length > 0) {
    lines.push('Broken judgments (fix these first):', ...evaluation.problems.map((x) => `  ✗ ${x}`), '');
  }
  lines.push(
    'Positions (default options)',
    '',
    formatTable(
      ['topic', 'judged', 'hit', 'found', 'silent', 'wrong', 'missed'],
      p.topics.map((t) => [
        t.topic,
        String(t.judged),
        String(t.hits),
        String(t.found),
        String(t.silentJudged),
        t.wronglyPositioned.join(' ') || '-',
        t.missed.join('; ') || '-',
      ]),
      ['l', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
    '',
    `hit rate ${fixed(p.hitRate)} (mean per topic ${fixed(p.meanTopicHitRate)}) · found rate ${fixed(p.foundRate)} · false-position rate ${fixed(p.falsePositionRate)}`,
  );
  if (details) {
    lines.push('', 'Stances given:');
    for (const t of p.topics) {
      for (const [key, stance] of Object.entries(t.stances)) lines.push(`  ${t.topic} / ${key}: ${stance}`);
    }
  }
  lines.push(
    '',
    `Contrast (limit ${CONTRAST_EVAL_LIMIT})`,
    '',
    formatTable(
      ['topic', 'true', 'returned', 'correct', 'wrong', 'missed'],
      c.topics.map((t) => [
        t.topic,
        String(t.truePairs),
        t.returned.join(', ') || (t.note ? '(note)' : '-'),
        String(t.correct),
        t.wrong.join(', ') || '-',
        t.missed.join(', ') || '-',
      ]),
      ['l', 'r', 'l', 'r', 'l', 'l'],
    ),
    '',
    `pair recall ${fixed(c.recall)} · pair precision ${fixed(c.precision)} · no-disagreement topics answered correctly ${fixed(c.noDisagreementAccuracy)}`,
  );
  if (details) {
    lines.push('', 'Notes given:');
    for (const t of c.topics) if (t.note) lines.push(`  ${t.topic}: ${t.note}`);
  }
  return lines.join('\n');
}

export const analysisSection: EvaluationSection = {
  name: 'analysis',
  title: 'Positions and contrast (/positions, /contrast)',
  async run({ corpus, index, details }) {
    const evaluation = await measureAnalysis(corpus, index);
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      name: 'analysis',
      text: formatAnalysisEvaluation(evaluation, details),
      json: {
        positions: {
          hitRate: round(evaluation.positions.hitRate),
          meanTopicHitRate: round(evaluation.positions.meanTopicHitRate),
          foundRate: round(evaluation.positions.foundRate),
          falsePositionRate: round(evaluation.positions.falsePositionRate),
          topics: evaluation.positions.topics,
        },
        contrast: {
          recall: round(evaluation.contrast.recall),
          precision: round(evaluation.contrast.precision),
          noDisagreementAccuracy: round(evaluation.contrast.noDisagreementAccuracy),
          topics: evaluation.contrast.topics,
        },
        problems: evaluation.problems,
      },
      failed: evaluation.problems.length > 0,
    };
  },
};
