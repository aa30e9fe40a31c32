/**
 * One measurement in a fresh process (so peak RSS belongs to one corpus size and one method):
 * `node --expose-gc --import tsx scripts/bench/child.ts <config.json>`. Started by scripts/bench.ts.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { contrast } from '../../src/analysis/contrast.js';
import { positions } from '../../src/analysis/positions.js';
import { Corpus } from '../../src/corpus/corpus.js';
import { forgetMemos } from '../../src/analysis/sentence-memo.js';
import { loadCorpus as projectLoadCorpus } from '../../src/corpus/load.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';
import { quote } from '../../src/search/quote.js';
import { Profiler, summariseCpu, summariseHeap } from './profile.js';
import type { Query, Workload } from './queries.js';
import { megabytes } from './stats.js';
import type {
  BaselineResult,
  ChildConfig,
  ChildResult,
  IndexResult,
  ProfileResult,
  Timings,
} from './types.js';

type LoadCorpus = typeof projectLoadCorpus;

const root = path.resolve(import.meta.dirname, '..', '..');

function collectGarbage(): void {
  if (typeof globalThis.gc !== 'function') throw new Error('Run with node --expose-gc.');
  globalThis.gc();
  globalThis.gc();
}

/** Peak resident set size of this process so far (maxRSS is in kilobytes). */
function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function allowedCpus(): string {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    return /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function loader(config: ChildConfig): Promise<LoadCorpus> {
  if (!config.loader) return projectLoadCorpus;
  const module = (await import(pathToFileURL(path.resolve(config.loader)).href)) as {
    loadCorpus: LoadCorpus;
  };
  return module.loadCorpus;
}

/** CPU time (user + system) of this process so far, in ms. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Wall and CPU milliseconds of a synchronous call. */
function time<T>(run: () => T): [T, number, number] {
  const cpu = cpuNow();
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started, cpuNow() - cpu];
}

/** Largest heap used / reserved seen between measured queries (sampled outside the timed calls). */
const heapWatch = { used: 0, total: 0 };

function watchHeap(): void {
  const { heapUsed, heapTotal } = process.memoryUsage();
  heapWatch.used = Math.max(heapWatch.used, heapUsed);
  heapWatch.total = Math.max(heapWatch.total, heapTotal);
}

function measure(queries: readonly Query[], run: (text: string) => boolean, budgetMs = Infinity): Timings {
  const timings: Timings = { ms: [], cpuMs: [], kinds: [], withResults: 0, errors: 0, firstError: null };
  const started = performance.now();
  for (const query of queries) {
    const cpu0 = cpuNow();
    const t0 = performance.now();
    let found = false;
    try {
      found = run(query.text);
    } catch (error) {
      timings.errors += 1;
      timings.firstError ??= `${query.text}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const elapsed = performance.now() - t0;
    const cpu = cpuNow() - cpu0;
    timings.ms.push(Math.round(elapsed * 1000) / 1000);
    timings.cpuMs.push(Math.round(cpu * 1000) / 1000);
    timings.kinds.push(query.kind);
    if (found) timings.withResults += 1;
    watchHeap();
    const spent = performance.now() - started;
    if (spent + spent / timings.ms.length > budgetMs) break;
  }
  return timings;
}

function warm(queries: readonly Query[], run: (text: string) => unknown): void {
  for (const query of queries) {
    try {
      run(query.text);
    } catch {
      // Errors are counted when measuring.
    }
  }
}

async function measureIndex(config: ChildConfig, workload: Workload): Promise<IndexResult> {
  const loadAverageAtStart = os.loadavg()[0]!;
  const load = await loader(config);
  collectGarbage();
  const loadCpuStarted = cpuNow();
  const loadStarted = performance.now();
  const corpus = await load(config.dir);
  const loadMs = performance.now() - loadStarted;
  const loadCpuMs = cpuNow() - loadCpuStarted;
  const peakAfterLoadMB = peakRssMB();
  collectGarbage();
  const heapAfterLoadMB = megabytes(process.memoryUsage().heapUsed);

  const [index, buildMs, buildCpuMs] = time(() => CorpusIndex.build(corpus));
  const peakAfterBuildMB = peakRssMB();
  collectGarbage();
  const memory = process.memoryUsage();

  const runQuote = (topic: string) => quote(index, { topic, limit: 5 }).results.length > 0;
  const runPositions = (topic: string) => positions(index, { topic }).positions.length > 0;
  const runContrast = (topic: string) => contrast(index, { topic }).pairs.length > 0;
  // The forced full GC comes before the warm-up: it discards compiled code, so the query right after it
  // ran 30–60 ms at 10,000 documents instead of ~5, a cost no running bot pays (it never forces a GC).
  collectGarbage();
  warm(workload.warmup.quote, runQuote);
  warm(workload.warmup.positions, runPositions);
  warm(workload.warmup.contrast, runContrast);

  const quoteTimings = measure(workload.quote, runQuote);
  const positionsTimings = measure(workload.positions, runPositions);
  const contrastTimings = measure(workload.contrast, runContrast);
  const peakRss = peakRssMB();
  const reloadMs = await measureReload(load, config.dir, corpus, index);
  const problem = corpus.problems[0];
  return {
    mode: 'index',
    size: config.size,
    documents: corpus.documents.length,
    sentences: corpus.sentenceCount,
    problems: corpus.problems.length,
    firstProblem: problem ? `${problem.file} (${problem.field}): ${problem.message}` : null,
    loadMs,
    buildMs,
    loadCpuMs,
    buildCpuMs,
    loadAverage: [loadAverageAtStart, os.loadavg()[0]!],
    heapAfterLoadMB,
    heapAfterBuildMB: megabytes(memory.heapUsed),
    arrayBuffersAfterBuildMB: megabytes(memory.arrayBuffers),
    rssAfterBuildMB: megabytes(memory.rss),
    peakAfterLoadMB,
    peakAfterBuildMB,
    peakRssMB: peakRss,
    reloadMs,
    peakAfterReloadMB: peakRssMB(),
    queryHeapUsedMaxMB: megabytes(heapWatch.used),
    queryHeapTotalMaxMB: megabytes(heapWatch.total),
    indexedWords: index.vocabulary.words.length,
    indexedStems: index.vocabulary.stems.length,
    cpus: allowedCpus(),
    quote: quoteTimings,
    positions: positionsTimings,
    contrast: contrastTimings,
  };
}

/**
 * One reload after one file changed, as LiveIndex does it: the first document is left out of the previous
 * corpus so its file is read again (editing the shared generated corpus would invalidate it); the old index
 * stays referenced until the new one is built. Returns the wall time in ms.
 */
async function measureReload(
  load: LoadCorpus,
  dir: string,
  corpus: Corpus,
  serving: CorpusIndex,
): Promise<number> {
  const previous = new Corpus(corpus.dir, corpus.documents.slice(1), []);
  const started = performance.now();
  forgetMemos(serving); // as LiveIndex does before it re-indexes
  const next = await CorpusIndex.buildAsync(await load(dir, { previous }));
  const ms = performance.now() - started;
  if (next.sentenceCount !== serving.sentenceCount) throw new Error('the reload indexed a different corpus');
  return ms;
}

/** The naive way: one plain fuse.js over every sentence's text. */
async function measureBaseline(
  config: ChildConfig,
  workload: Workload,
  queries: Query[],
): Promise<BaselineResult> {
  const load = await loader(config);
  let texts = [...(await load(config.dir)).eachSentence()].map((s) => s.text);
  collectGarbage();
  const [fuse, buildMs, buildCpuMs] = time(
    () => new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.4 }),
  );
  const sentences = texts.length;
  texts = [];
  collectGarbage();
  warm(workload.warmup.quote.slice(0, 1), (text) => fuse.search(text));
  const timings = measure(queries, (text) => fuse.search(text).length > 0, config.baseline.budgetMs);
  return {
    mode: 'baseline',
    size: config.size,
    sentences,
    buildMs,
    buildCpuMs,
    queries: timings,
    planned: queries.length,
    peakRssMB: peakRssMB(),
    cpus: allowedCpus(),
  };
}

/** CPU profiles of loading, building and the `quote` queries, and the sampled heap still live after building. */
async function profileBuild(config: ChildConfig, workload: Workload): Promise<ProfileResult> {
  const load = await loader(config);
  const profiler = new Profiler();
  await profiler.start();
  collectGarbage();
  await profiler.startHeap();
  await profiler.startCpu();
  const loadStarted = performance.now();
  const corpus = await load(config.dir);
  const loadMs = performance.now() - loadStarted;
  const loadProfile = await profiler.stopCpu();
  await profiler.startCpu();
  const [index, buildMs] = time(() => CorpusIndex.build(corpus));
  const buildProfile = await profiler.stopCpu();
  collectGarbage();
  const heapProfile = await profiler.stopHeap();
  const commands = [
    ['quote', (topic: string) => quote(index, { topic, limit: 5 })],
    ['positions', (topic: string) => positions(index, { topic })],
    ['contrast', (topic: string) => contrast(index, { topic })],
  ] as const;
  const queries: ProfileResult['queries'] = [];
  const written: Array<[string, unknown]> = [
    ['load.cpuprofile', loadProfile],
    ['build.cpuprofile', buildProfile],
    ['retained.heapprofile', heapProfile],
  ];
  for (const [command, run] of commands) {
    collectGarbage();
    warm(workload.warmup[command], run);
    await profiler.startHeap(true);
    await profiler.startCpu();
    const started = performance.now();
    warm(workload[command], run);
    const ms = performance.now() - started;
    const cpuProfile = await profiler.stopCpu();
    const allocationProfile = await profiler.stopHeap();
    queries.push({
      command,
      count: workload[command].length,
      ms,
      ...summariseCpu(cpuProfile, root),
      allocated: summariseHeap(allocationProfile, root),
    });
    written.push(
      [`${command}.cpuprofile`, cpuProfile],
      [`${command}-allocated.heapprofile`, allocationProfile],
    );
  }
  profiler.stop();
  mkdirSync(config.profileDir, { recursive: true });
  const files = written.map(([suffix, profile]) => {
    const file = path.join(config.profileDir, `corpus-${config.size}-${suffix}`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  });
  return {
    mode: 'profile',
    size: config.size,
    loadMs,
    buildMs,
    load: summariseCpu(loadProfile, root),
    build: summariseCpu(buildProfile, root),
    queries,
    retained: summariseHeap(heapProfile, root),
    files: files.map((f) => path.relative(root, f)),
  };
}

async function main(): Promise<void> {
  const configFile = process.argv[2];
  if (!configFile) throw new Error('usage: child.ts <config.json>');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as ChildConfig;
  const workload = JSON.parse(readFileSync(config.workloadFile, 'utf8')) as Workload & { baseline: Query[] };
  let result: ChildResult;
  if (config.mode === 'index') result = await measureIndex(config, workload);
  else if (config.mode === 'baseline')
    result = await measureBaseline(config, workload, workload.baseline.slice(0, config.baseline.queries));
  else result = await profileBuild(config, workload);
  writeFileSync(config.resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
