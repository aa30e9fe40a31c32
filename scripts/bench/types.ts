import type { QueryKind } from './queries.js';

/** What the parent tells a measuring child (passed as a JSON file). */
export interface ChildConfig {
  mode: 'index' | 'baseline' | 'profile';
  size: number;
  /** The generated corpus folder. */
  dir: string;
  /** Module exporting `loadCorpus(dir)`; default the project's `src/corpus/load.ts`. */
  loader: string | null;
  workloadFile: string;
  resultFile: string;
  baseline: { queries: number; budgetMs: number };
  /** Where the profile child writes `.cpuprofile` / `.heapprofile` files. */
  profileDir: string;
}

export interface Timings {
  /** Per query, in milliseconds, in workload order: wall time, and CPU time of this process. */
  ms: number[];
  cpuMs: number[];
  kinds: QueryKind[];
  /** Queries that returned at least one result (a sanity check that the bench measures real work). */
  withResults: number;
  errors: number;
  firstError: string | null;
}

export interface IndexResult {
  mode: 'index';
  size: number;
  documents: number;
  sentences: number;
  problems: number;
  firstProblem: string | null;
  loadMs: number;
  buildMs: number;
  /** CPU time of loading and building (user + system): what the wall times would be on an idle machine. */
  loadCpuMs: number;
  buildCpuMs: number;
  /** One-minute load average of the machine when the child started and when it finished. */
  loadAverage: [number, number];
  /** Heap used after a full GC, after loading and after building (MB). */
  heapAfterLoadMB: number;
  heapAfterBuildMB: number;
  /** Typed arrays and other off-heap buffers after building (MB). */
  arrayBuffersAfterBuildMB: number;
  rssAfterBuildMB: number;
  /** Peak RSS so far, after loading, after building, and at the end (after every query) (MB). */
  peakAfterLoadMB: number;
  peakAfterBuildMB: number;
  peakRssMB: number;
  /**
   * A reload as the running bot does one after a file changed (`loadCorpus` given the served corpus, then
   * `CorpusIndex.buildAsync`), with the old index still alive: its wall time and the peak RSS after it.
   * Measured after the queries, so `peakRssMB` (the target) stays the figure of a bot that is not reloading.
   */
  reloadMs: number;
  peakAfterReloadMB: number;
  /** Largest heap used and heap reserved seen between queries (no forced GC): the garbage queries make. */
  queryHeapUsedMaxMB: number;
  queryHeapTotalMaxMB: number;
  /** Distinct surface words and stems in the index's vocabulary. */
  indexedWords: number | null;
  indexedStems: number | null;
  cpus: string;
  quote: Timings;
  positions: Timings;
  contrast: Timings;
}

export interface BaselineResult {
  mode: 'baseline';
  size: number;
  sentences: number;
  buildMs: number;
  buildCpuMs: number;
  queries: Timings;
  /** Queries planned; fewer ran when the time budget ran out. */
  planned: number;
  peakRssMB: number;
  cpus: string;
}

export interface HotSpot {
  name: string;
  /** Milliseconds (CPU profile) or megabytes (heap profile). */
  self: number;
  total: number;
}

export interface ProfileResult {
  mode: 'profile';
  size: number;
  loadMs: number;
  buildMs: number;
  /** Top functions and files by self time, for loading and for building. */
  load: { functions: HotSpot[]; files: HotSpot[] };
  build: { functions: HotSpot[]; files: HotSpot[] };
  /** Each command's measured queries, after a warm-up: CPU by function and file, and every byte allocated (garbage included). */
  queries: Array<{
    command: 'quote' | 'positions' | 'contrast';
    count: number;
    ms: number;
    functions: HotSpot[];
    files: HotSpot[];
    allocated: { functions: HotSpot[]; files: HotSpot[]; totalMB: number };
  }>;
  /** Memory still live after loading and building, by allocating function and by file (sampled). */
  retained: { functions: HotSpot[]; files: HotSpot[]; totalMB: number };
  files: string[];
}

export type ChildResult = IndexResult | BaselineResult | ProfileResult;
