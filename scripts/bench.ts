/**
 * `npm run bench`: generates reproducible corpora of 5, 100, 1,000 and 10,000 documents, measures loading,
 * index build, query latency and peak memory for each in its own process, beside the naive baseline
 * (one plain fuse.js over every sentence), and prints a markdown table with a pass/fail line against
 * the targets. `--write` also rewrites docs/BENCHMARKS.md. See `npm run bench -- --help`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createGenerator, DEFAULT_SEED, ensureCorpus, GENERATOR_VERSION } from './bench/generate.js';
import { baselineQueries, buildWorkload } from './bench/queries.js';
import {
  benchmarksDocument,
  details,
  machineLine,
  profiles,
  table,
  verdict,
  warnings,
  type RunInfo,
  type SizeResult,
} from './bench/report.js';
import { detectPinning, runChild } from './bench/runner.js';
import { readSources } from './bench/sources.js';
import { formatCount } from './bench/stats.js';
import type { BaselineResult, ChildConfig, IndexResult, ProfileResult } from './bench/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const DEFAULT_SIZES = [5, 100, 1_000, 10_000];
const MINUTE = 60_000;

const HELP = `npm run bench -- [options]

  --sizes 5,100      corpus sizes to measure (default 5,100,1000,10000)
  --write            rewrite docs/BENCHMARKS.md with the results
  --no-baseline      skip the naive fuse.js baseline
  --profile          also profile load, build and queries (CPU, sampled heap) at the largest size
  --strict           exit with status 1 when the targets are missed
  --seed TEXT        generator seed (default "${DEFAULT_SEED}")
  --loader PATH      module exporting loadCorpus(dir) to use instead of src/corpus/load.ts
  --help             this help`;

/** Baseline queries per size and their time budget: a naive query costs seconds at 10,000 documents. */
function baselinePlan(size: number): { queries: number; budgetMs: number } {
  return size <= 1_000 ? { queries: 20, budgetMs: 60_000 } : { queries: 3, budgetMs: 90_000 };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      write: { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      seed: { type: 'string', default: DEFAULT_SEED },
      loader: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const sizes = values.sizes
    ? values.sizes.split(',').map((s) => Number(s.trim().replace(/[_,]/g, '')))
    : DEFAULT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 100_000)) {
    log(`--sizes takes whole numbers from 1 to 100000, e.g. --sizes 5,100 (got "${values.sizes}").`);
    return 2;
  }
  const started = performance.now();
  mkdirSync(BENCH_DIR, { recursive: true });
  const pinning = detectPinning();
  const material = readSources(ROOT);
  const generator = createGenerator(material, values.seed);
  const workload = buildWorkload(material, generator.lexicon, values.seed);
  const baseline = baselineQueries(workload.quote, 20);
  const workloadFile = path.join(BENCH_DIR, 'workload.json');
  writeFileSync(workloadFile, JSON.stringify({ ...workload, baseline }, null, 1));
  const mix: Record<string, number> = {};
  for (const q of workload.quote) mix[q.kind] = (mix[q.kind] ?? 0) + 1;
  log(
    `Sources: ${material.files.length} essays from ${path.relative(ROOT, material.dir) || material.dir} ` +
      `(${material.sentences.length} sentences). Workload: ${workload.quote.length} quote, ` +
      `${workload.positions.length} positions, ${workload.contrast.length} contrast queries. Children ${pinning.how}.`,
  );

  const results: SizeResult[] = [];
  for (const size of sizes) {
    const t0 = performance.now();
    const corpus = ensureCorpus(generator, size, BENCH_DIR);
    log(
      `corpus-${size}: ${corpus.reused ? 'reused' : `generated in ${formatCount(performance.now() - t0)} ms`}, ` +
        `${formatCount(corpus.words)} words, ${formatCount(corpus.distinctWords)} distinct`,
    );
    const config = (mode: ChildConfig['mode']): ChildConfig => ({
      mode,
      size,
      dir: corpus.dir,
      loader: values.loader ? path.resolve(values.loader) : null,
      workloadFile,
      resultFile: path.join(BENCH_DIR, `result-${mode}-${size}.json`),
      baseline: baselinePlan(size),
      profileDir: path.join(BENCH_DIR, 'profiles'),
    });
    const result: SizeResult = {
      size,
      corpus,
      index: null,
      indexError: null,
      baseline: null,
      baselineError: null,
      profile: null,
      profileError: null,
    };
    const index = await runChild<IndexResult>(config('index'), pinning, 15 * MINUTE);
    result.index = index.result;
    result.indexError = index.error;
    log(`  index: ${index.error ?? `done in ${formatCount(index.wallMs / 1000)} s`}`);
    if (!values['no-baseline']) {
      const naive = await runChild<BaselineResult>(config('baseline'), pinning, 8 * MINUTE);
      result.baseline = naive.result;
      result.baselineError = naive.error;
      log(`  baseline: ${naive.error ?? `done in ${formatCount(naive.wallMs / 1000)} s`}`);
    }
    if (values.profile && size === Math.max(...sizes)) {
      const profile = await runChild<ProfileResult>(config('profile'), pinning, 15 * MINUTE);
      result.profile = profile.result;
      result.profileError = profile.error;
      log(`  profile: ${profile.error ?? `done in ${formatCount(profile.wallMs / 1000)} s`}`);
    }
    results.push(result);
  }

  const info: RunInfo = {
    date: new Date().toISOString().slice(0, 10),
    pinning,
    sourceOrigin: material.origin === 'corpus' ? 'corpus/' : '../shared/seeds/',
    sourceFiles: material.files.length,
    seed: values.seed,
    generatorVersion: GENERATOR_VERSION,
    workload: {
      quote: workload.quote.length,
      positions: workload.positions.length,
      contrast: workload.contrast.length,
      warmup:
        workload.warmup.quote.length + workload.warmup.positions.length + workload.warmup.contrast.length,
      mix,
    },
    totalMs: performance.now() - started,
  };
  writeFileSync(path.join(BENCH_DIR, 'last-run.json'), JSON.stringify({ info, results }, null, 1));
  const v = verdict(results);
  const warned = warnings(results, pinning);
  console.log(`\n${table(results)}\n`);
  console.log(`${v.text}\n`);
  console.log(`Machine: ${machineLine(info)}\n`);
  if (warned.length > 0) console.log(`Warnings:\n${warned.map((w) => `- ${w}`).join('\n')}\n`);
  console.log(`${details(results, workload)}\n`);
  const profileText = profiles(results);
  if (profileText) console.log(profileText);
  const failed = results.some((r) => r.indexError);
  if (values.write && failed) {
    log('Not writing docs/BENCHMARKS.md: a measurement failed (see above); fix it and run again.');
  } else if (values.write) {
    const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : null;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, benchmarksDocument(results, info, workload, previous));
    log(`Wrote ${path.relative(ROOT, file)}.`);
  }
  return failed ? 1 : values.strict && v.checked && !v.pass ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
