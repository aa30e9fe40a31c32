/**
 * `npm run eval [-- --json] [-- --details] [-- --corpus DIR] [-- --only NAME]`: measures answer quality on
 * the bundled corpus. Each evaluation section lives in its own file under scripts/quality/ and is listed in
 * SECTIONS below; to add one (positions, contrast, ...), write a module exporting an `EvaluationSection`
 * and append it here.
 *
 * Text goes to stdout; with --json, stdout holds exactly one JSON document. Exits 1 when the corpus has
 * load problems or a section could not be measured honestly (e.g. a judgment that does not resolve).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../src/corpus/load.js';
import { CorpusIndex } from '../src/search/corpus-index.js';
import { analysisSection } from './quality/analysis-eval.js';
import { quoteHeldoutSection, quoteSection } from './quality/quote-eval.js';
import type { EvaluationSection, SectionReport } from './quality/section.js';

export const SECTIONS: EvaluationSection[] = [quoteSection, quoteHeldoutSection, analysisSection];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      corpus: { type: 'string', default: path.join(ROOT, 'corpus') },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(
      [
        'npm run eval -- [--json] [--details] [--corpus DIR] [--only SECTION]',
        `  sections: ${SECTIONS.map((s) => s.name).join(', ')}`,
        '  --json     print the figures as one JSON document',
        "  --details  also print each query's first page with grades, and missed grade-2 sentences",
      ].join('\n'),
    );
    return 0;
  }

  const corpusDir = path.resolve(values.corpus);
  const sections = values.only ? SECTIONS.filter((s) => values.only!.includes(s.name)) : SECTIONS;
  if (sections.length === 0) {
    console.error(
      `No such section: ${values.only!.join(', ')} (known: ${SECTIONS.map((s) => s.name).join(', ')})`,
    );
    return 2;
  }

  const corpus = await loadCorpus(corpusDir);
  if (corpus.documents.length === 0) {
    console.error(`No documents loaded from ${corpusDir}: nothing to evaluate.`);
    return 1;
  }
  for (const p of corpus.problems) console.error(`corpus problem: ${p.file} [${p.field}] ${p.message}`);
  const index = CorpusIndex.build(corpus);

  const reports: SectionReport[] = [];
  for (const section of sections) {
    reports.push(await section.run({ corpusDir, corpus, index, details: values.details }));
  }

  if (values.json) {
    const json = {
      corpus: path.relative(process.cwd(), corpusDir) || '.',
      documents: corpus.documents.length,
      sentences: corpus.sentenceCount,
      sections: Object.fromEntries(reports.map((r) => [r.name, r.json])),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    console.log(
      `Corpus: ${corpusDir} (${corpus.documents.length} documents, ${corpus.sentenceCount} sentences)`,
    );
    reports.forEach((report, i) => {
      console.log(`\n# ${sections[i]!.title}\n\n${report.text}`);
    });
  }
  const failed = reports.filter((r) => r.failed).map((r) => r.name);
  if (failed.length > 0)
    console.error(`Evaluation incomplete: fix the problems reported in ${failed.join(', ')}.`);
  return failed.length > 0 || corpus.problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
