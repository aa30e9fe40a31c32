import os from 'node:os';
import type { GeneratedCorpus } from './generate.js';
import type { Query, QueryKind } from './queries.js';
import type { Pinning } from './runner.js';
import { formatCount, formatMB, formatMs, percentile } from './stats.js';
import type { BaselineResult, HotSpot, IndexResult, ProfileResult, Timings } from './types.js';

/** Everything measured for one corpus size. */
export interface SizeResult {
  size: number;
  corpus: GeneratedCorpus;
  index: IndexResult | null;
  indexError: string | null;
  /** Null with no error when the baseline was skipped (`--no-baseline`). */
  baseline: BaselineResult | null;
  baselineError: string | null;
  profile: ProfileResult | null;
  profileError: string | null;
}

export interface RunInfo {
  date: string;
  pinning: Pinning;
  sourceOrigin: string;
  sourceFiles: number;
  seed: string;
  generatorVersion: number;
  workload: {
    quote: number;
    positions: number;
    contrast: number;
    warmup: number;
    mix: Record<string, number>;
  };
  totalMs: number;
}

/** The targets of issue #2, checked at the largest corpus. */
export const TARGETS = {
  documents: 10_000,
  quoteP99Ms: 20,
  buildMs: 15_000,
  peakRssMB: 600,
  distinctWords: 50_000,
};

const p50 = (t: Timings | undefined) => (t && t.ms.length > 0 ? percentile(t.ms, 50) : NaN);
const p99 = (t: Timings | undefined) => (t && t.ms.length > 0 ? percentile(t.ms, 99) : NaN);
const pair = (t: Timings | undefined) => `${formatMs(p50(t))} / ${formatMs(p99(t))}`;

export function machine(): { cpu: string; cores: number; memoryGB: number; node: string; os: string } {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

export function table(results: readonly SizeResult[]): string {
  const header = [
    'Size',
    'Documents',
    'Sentences',
    'Distinct words',
    'Load ms',
    'Build ms',
    'quote p50 / p99 ms',
    'positions p50 / p99 ms',
    'contrast p50 / p99 ms',
    'Peak RSS MB',
    'Baseline build ms',
    'Baseline p50 / p99 ms (queries)',
    'Baseline RSS MB',
  ];
  const rows = results.map((r) => {
    const i = r.index;
    const b = r.baseline;
    const baselineQueries = b
      ? `${pair(b.queries)} (${b.queries.ms.length}${b.queries.ms.length < b.planned ? ` of ${b.planned}` : ''})`
      : r.baselineError
        ? 'failed'
        : 'skipped';
    return [
      formatCount(r.size),
      i ? formatCount(i.documents) : 'failed',
      i ? formatCount(i.sentences) : '–',
      formatCount(r.corpus.distinctWords),
      i ? formatMs(i.loadMs) : '–',
      i ? formatMs(i.buildMs) : '–',
      i ? pair(i.quote) : '–',
      i ? pair(i.positions) : '–',
      i ? pair(i.contrast) : '–',
      i ? formatMB(i.peakRssMB) : '–',
      b ? formatMs(b.buildMs) : '–',
      baselineQueries,
      b ? formatMB(b.peakRssMB) : '–',
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, k) => (k === 0 ? '---:' : '---:'))), ...rows.map(line)].join(
    '\n',
  );
}

export interface Verdict {
  checked: boolean;
  pass: boolean;
  text: string;
}

/** Pass/fail against the targets, at 10,000 documents. */
export function verdict(results: readonly SizeResult[]): Verdict {
  const r = results.find((x) => x.size === TARGETS.documents);
  if (!r) {
    return {
      checked: false,
      pass: false,
      text: `Targets apply at ${formatCount(TARGETS.documents)} documents, which this run did not measure (run without --sizes).`,
    };
  }
  if (!r.index)
    return {
      checked: true,
      pass: false,
      text: `FAIL: the ${formatCount(r.size)}-document run failed: ${r.indexError}`,
    };
  const i = r.index;
  const checks: Array<[string, boolean]> = [
    [`quote p99 ${formatMs(p99(i.quote))} ms < ${TARGETS.quoteP99Ms} ms`, p99(i.quote) < TARGETS.quoteP99Ms],
    [`build ${formatMs(i.buildMs)} ms < ${formatCount(TARGETS.buildMs)} ms`, i.buildMs < TARGETS.buildMs],
    [`peak RSS ${formatMB(i.peakRssMB)} MB < ${TARGETS.peakRssMB} MB`, i.peakRssMB < TARGETS.peakRssMB],
    [
      `${formatCount(i.documents)} documents loaded of ${formatCount(r.size)}`,
      i.documents === r.size && i.sentences > 0,
    ],
    [
      `${formatCount(r.corpus.distinctWords)} distinct words ≥ ${formatCount(TARGETS.distinctWords)}`,
      r.corpus.distinctWords >= TARGETS.distinctWords,
    ],
  ];
  const pass = checks.every(([, ok]) => ok);
  const extra = [
    `positions p99 ${formatMs(p99(i.positions))} ms`,
    `contrast p99 ${formatMs(p99(i.contrast))} ms`,
  ].join(', ');
  return {
    checked: true,
    pass,
    text:
      `${pass ? 'PASS' : 'FAIL'} at ${formatCount(r.size)} documents: ` +
      checks.map(([label, ok]) => `${ok ? '✅' : '❌'} ${label}`).join('; ') +
      ` (no target, for information: ${extra}).`,
  };
}

/** Things that would make the figures meaningless: dropped documents, errors, an unpinned run. */
export function warnings(results: readonly SizeResult[], pinning: Pinning): string[] {
  const out: string[] = [];
  if (!pinning.pinned) out.push(`Queries were ${pinning.how}: "one core" is not enforced.`);
  for (const r of results) {
    const label = `${formatCount(r.size)} docs`;
    if (r.indexError) out.push(`${label}: index run failed: ${r.indexError}`);
    if (r.baselineError) out.push(`${label}: baseline run failed: ${r.baselineError}`);
    if (r.profileError) out.push(`${label}: profile run failed: ${r.profileError}`);
    const i = r.index;
    if (!i) continue;
    if (i.documents === 0)
      out.push(`${label}: the loader returned no documents (is src/corpus/load.ts still a placeholder?).`);
    else if (i.documents !== r.size) out.push(`${label}: loaded ${i.documents} documents of ${r.size}.`);
    if (i.problems > 0) out.push(`${label}: ${i.problems} load problems, e.g. ${i.firstProblem}`);
    const busiest = Math.max(...i.loadAverage);
    if (busiest > 1.5) {
      out.push(
        `${label}: the machine was busy (load average up to ${busiest.toFixed(1)} on ${machine().cores} cores): wall times are inflated; see the CPU times under Details.`,
      );
    }
    if (pinning.pinned && i.cpus !== '0') out.push(`${label}: the child ran on CPUs ${i.cpus}, not CPU 0.`);
    for (const [name, t] of [
      ['quote', i.quote],
      ['positions', i.positions],
      ['contrast', i.contrast],
    ] as const) {
      if (t.errors > 0) out.push(`${label}: ${t.errors} ${name} queries threw, e.g. ${t.firstError}`);
    }
  }
  return out;
}

const KINDS: QueryKind[] = ['one-word', 'two-word', 'typo', 'unknown', 'phrase', 'named'];

function byKind(t: Timings, kind: QueryKind): number[] {
  return t.ms.filter((_, k) => t.kinds[k] === kind);
}

/** Memory and per-kind latency per size, and what fraction of queries found something. */
/** The slowest measured queries of one kind of call at one size, slowest first. */
function slowest(t: Timings, queries: readonly Query[], n: number): string {
  return t.ms
    .map((ms, k) => ({ ms, cpu: t.cpuMs[k] ?? NaN, query: queries[k] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map(
      (x) =>
        `"${x.query?.text ?? '?'}" (${x.query?.kind ?? '?'}) ${formatMs(x.ms)} ms (CPU ${formatMs(x.cpu)})`,
    )
    .join('; ');
}

export function details(
  results: readonly SizeResult[],
  workload: { quote: readonly Query[]; positions: readonly Query[]; contrast: readonly Query[] },
): string {
  const measured = results.filter((r) => r.index);
  if (measured.length === 0) return '_No index runs completed._';
  const memory = [
    '| Size | Words | Indexed words / stems | Heap after load MB | Heap after build MB | Buffers MB | Heap used / reserved during queries, max MB | Peak RSS after load / build / queries MB | Reload after one edit: ms / peak RSS MB | Generate ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map((r) => {
      const i = r.index!;
      return `| ${formatCount(r.size)} | ${formatCount(r.corpus.words)} | ${formatCount(i.indexedWords)} / ${formatCount(i.indexedStems)} | ${formatMB(i.heapAfterLoadMB)} | ${formatMB(i.heapAfterBuildMB)} | ${formatMB(i.arrayBuffersAfterBuildMB)} | ${formatMB(i.queryHeapUsedMaxMB)} / ${formatMB(i.queryHeapTotalMaxMB)} | ${formatMB(i.peakAfterLoadMB)} / ${formatMB(i.peakAfterBuildMB)} / ${formatMB(i.peakRssMB)} | ${formatCount(i.reloadMs)} / ${formatMB(i.peakAfterReloadMB)} | ${formatCount(r.corpus.generateMs)}${r.corpus.reused ? ' (reused)' : ''} |`;
    }),
  ];
  const kinds = [
    `| Size | ${KINDS.map((k) => `${k} p50 / p99`).join(' | ')} | quote with results | positions with results | contrast with results |`,
    `| ---: | ${KINDS.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`,
    ...measured.map((r) => {
      const i = r.index!;
      const cells = KINDS.map((k) => {
        const ms = byKind(i.quote, k);
        return ms.length ? `${formatMs(percentile(ms, 50))} / ${formatMs(percentile(ms, 99))}` : '–';
      });
      const share = (t: Timings) => `${t.withResults} / ${t.ms.length}`;
      return `| ${formatCount(r.size)} | ${cells.join(' | ')} | ${share(i.quote)} | ${share(i.positions)} | ${share(i.contrast)} |`;
    }),
  ];
  const cpuPair = (t: Timings) =>
    t.cpuMs.length ? `${formatMs(percentile(t.cpuMs, 50))} / ${formatMs(percentile(t.cpuMs, 99))}` : '–';
  const cpu = [
    '| Size | Load average at start / end | Load CPU ms | Build CPU ms | quote CPU p50 / p99 ms | positions CPU p50 / p99 ms | contrast CPU p50 / p99 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...measured.map((r) => {
      const i = r.index!;
      return `| ${formatCount(r.size)} | ${i.loadAverage.map((x) => x.toFixed(1)).join(' / ')} | ${formatMs(i.loadCpuMs)} | ${formatMs(i.buildCpuMs)} | ${cpuPair(i.quote)} | ${cpuPair(i.positions)} | ${cpuPair(i.contrast)} |`;
    }),
  ];
  return [
    'CPU time of the measuring process beside the one-minute load average of the machine (other work on the machine inflates wall times most; CPU times rise less, through shared caches and the hypervisor):',
    '',
    ...cpu,
    '',
    'Memory (heap after a full GC; "buffers" are typed arrays outside the JS heap):',
    '',
    ...memory,
    '',
    '`quote` latency by kind of query, in ms:',
    '',
    ...kinds,
    '',
    'Slowest queries at each size:',
    '',
    ...measured.flatMap((r) => {
      const i = r.index!;
      return [
        `- ${formatCount(r.size)} docs, \`quote\`: ${slowest(i.quote, workload.quote, 5)}`,
        `- ${formatCount(r.size)} docs, \`positions\`: ${slowest(i.positions, workload.positions, 3)}`,
        `- ${formatCount(r.size)} docs, \`contrast\`: ${slowest(i.contrast, workload.contrast, 3)}`,
      ];
    }),
  ].join('\n');
}

function spots(title: string, list: HotSpot[], unit: string, n = 10): string[] {
  return [
    `${title}:`,
    '',
    `| ${unit} self | ${unit} total | Function or file |`,
    '| ---: | ---: | --- |',
    ...list.slice(0, n).map((s) => `| ${s.self} | ${s.total} | \`${s.name.replace(/\|/g, '\\|')}\` |`),
    '',
  ];
}

export function profiles(results: readonly SizeResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const p = r.profile;
    if (!p) continue;
    out.push(
      `### Profile at ${formatCount(r.size)} documents (load ${formatMs(p.loadMs)} ms, build ${formatMs(p.buildMs)} ms under the profiler)`,
      '',
      ...spots('Loading, by function', p.load.functions, 'ms'),
      ...spots('Loading, by file', p.load.files, 'ms', 6),
      ...spots('Building, by function', p.build.functions, 'ms'),
      ...spots('Building, by file', p.build.files, 'ms', 6),
      ...p.queries.flatMap((q) => [
        ...spots(
          `The ${q.count} \`${q.command}\` queries (${formatMs(q.ms)} ms under the profiler), CPU by function`,
          q.functions,
          'ms',
        ),
        ...spots(
          `The \`${q.command}\` queries: allocated (garbage included, sampled, ${q.allocated.totalMB} MB), by function`,
          q.allocated.functions,
          'MB',
          8,
        ),
      ]),
      ...spots(
        `Live after load + build (sampled, ${p.retained.totalMB} MB), by allocating function`,
        p.retained.functions,
        'MB',
      ),
      ...spots('Live after load + build, by file', p.retained.files, 'MB', 6),
      `Raw profiles (open in Chrome DevTools): ${p.files.map((f) => `\`${f}\``).join(', ')}.`,
      '',
    );
  }
  return out.join('\n');
}

export function machineLine(info: RunInfo): string {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}, Node ${m.node}; ${info.pinning.how}.`;
}

export function method(info: RunInfo): string {
  const mix = Object.entries(info.workload.mix)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return `- **Corpora.** \`.bench/corpus-N/\` (git-ignored), generated reproducibly (seed \`${info.seed}\`, generator v${info.generatorVersion}, sfc32 PRNG) from the ${info.sourceFiles} essays in \`${info.sourceOrigin}\`: N Markdown documents of 1,350–1,650 words with YAML front matter (title; author, source, date and summary on some) and 3–6 \`## \` sections. Paragraphs are copied whole from an essay (20%) or built from sentences that are verbatim (45%), an essay sentence with about a third of its content words swapped for invented ones (25%), or synthetic (30%: real and invented content words with function words). Invented words are pronounceable syllable strings drawn Zipf-distributed (s = 1) from a 150,000-word lexicon, so the vocabulary grows with the corpus as a real reading list's does (Heaps' law); about 8% of documents carry one line of scraped site furniture. Document i depends only on the seed and i, so smaller corpora are prefixes of larger ones. A folder is reused when its marker (\`.bench/corpus-N.json\`) has the same generator version, seed and source hash. "Distinct words" counts distinct lower-cased words of the bodies.
- **Isolation.** Each size runs in its own \`node --expose-gc --import tsx\` process (${info.pinning.how}), so peak RSS (\`process.resourceUsage().maxRSS\`) is that of one corpus and one method, including Node, tsx and the loaded corpus. The naive baseline runs in another process.
- **Timings.** Load = \`loadCorpus(dir)\`; build = \`CorpusIndex.build(corpus)\`; heap figures after a forced full GC. Queries run after a GC and then a warm-up of ${info.workload.warmup} other queries (a forced GC discards compiled code, so it comes first); latency is wall time of one call (\`quote(index, { topic, limit: 5 })\`, \`positions(index, { topic })\`, \`contrast(index, { topic })\`), p50/p99 by nearest rank. Reload (last, after the queries, so it does not count in the peak RSS target) = what the bot does after one file changed: \`loadCorpus(dir, { previous })\` with the first document left out of \`previous\` (so its file is read again) and \`CorpusIndex.buildAsync\`, while the old index is still held.
- **Workload.** Fixed and seeded, the same at every size: ${info.workload.quote} \`quote\` queries (${mix}), ${info.workload.positions} \`positions\` and ${info.workload.contrast} \`contrast\` topics (one- and two-word topics, typos, the named topics of the issues). "Unknown" queries are pronounceable words no corpus contains (the "did you mean" path).
- **Baseline.** \`new Fuse(allSentenceTexts, { includeScore: true, ignoreLocation: true, threshold: 0.4 })\` over every loaded sentence; build time, then a round-robin mix of the \`quote\` queries (20 at up to 1,000 documents, 3 at 10,000) under a time budget, so its p99 is the slowest of few queries.
- **Targets** (issue #2) at ${formatCount(TARGETS.documents)} documents: \`quote\` p99 < ${TARGETS.quoteP99Ms} ms on one core, build < ${formatCount(TARGETS.buildMs)} ms, whole-process peak RSS < ${TARGETS.peakRssMB} MB, with ≥ ${formatCount(TARGETS.distinctWords)} distinct words.`;
}

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

/** `docs/BENCHMARKS.md`, keeping the hand-written notes between the markers of the previous version. */
export function benchmarksDocument(
  results: readonly SizeResult[],
  info: RunInfo,
  workload: Parameters<typeof details>[1],
  previous: string | null,
): string {
  const v = verdict(results);
  const notes =
    previous && previous.includes(NOTES_START) && previous.includes(NOTES_END)
      ? previous.slice(previous.indexOf(NOTES_START), previous.indexOf(NOTES_END) + NOTES_END.length)
      : `${NOTES_START}\n_Analysis of the latest run goes here; \`npm run bench -- --write\` keeps this section._\n${NOTES_END}`;
  const profileText = profiles(results);
  const warned = warnings(results, info.pinning);
  return [
    '# Benchmarks',
    '',
    `Measured ${info.date} by \`npm run bench -- --write\` (whole run ${formatCount(info.totalMs / 1000)} s). Everything above "Notes" is regenerated by that command; the notes are kept.`,
    '',
    `**${v.text}**`,
    '',
    table(results),
    '',
    `Machine: ${machineLine(info)}`,
    '',
    ...(warned.length > 0 ? ['Warnings:', '', ...warned.map((w) => `- ${w}`), ''] : []),
    '## Details',
    '',
    details(results, workload),
    '',
    ...(profileText ? ['## Profiles', '', profileText] : []),
    '## Method',
    '',
    method(info),
    '',
    'Reproduce: `npm run bench` (all sizes, ~10 minutes the first time, corpora then reused), `npm run bench -- --sizes 5,100` for a quick run, `--profile` to add CPU and heap profiles of loading, building and the queries at the largest size, `--no-baseline` to skip the naive baseline.',
    '',
    '## Notes',
    '',
    notes,
    '',
  ].join('\n');
}
