/**
 * The shape every evaluation section of `npm run eval` shares. Each section (quote today; positions,
 * contrast, ... later) lives in its own file, exports one `EvaluationSection`, and is listed in
 * `scripts/eval.ts`.
 */
import type { Corpus } from '../../src/corpus/types.js';
import type { CorpusIndex } from '../../src/search/corpus-index.js';

export interface EvaluationContext {
  /** The corpus folder evaluated. */
  corpusDir: string;
  corpus: Corpus;
  index: CorpusIndex;
  /** Print per-query detail (top results with their grades, missed judgments). */
  details: boolean;
}

export interface SectionReport {
  /** Section key, e.g. `quote`; the key of this section in `--json` output. */
  name: string;
  /** Human-readable report: tables and overall figures. */
  text: string;
  /** Machine-readable figures for `--json`. */
  json: unknown;
  /** True when the section could not be measured honestly (e.g. broken judgments); `npm run eval` exits 1. */
  failed: boolean;
}

export interface EvaluationSection {
  name: string;
  title: string;
  run(context: EvaluationContext): SectionReport | Promise<SectionReport>;
}

/** A plain-text table: columns padded to their widest cell; `align` per column ('l' or 'r'). */
export function formatTable(headers: string[], rows: string[][], align: Array<'l' | 'r'>): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A figure in [0, 1] with three decimals. */
export function fixed(value: number): string {
  return value.toFixed(3);
}
