import type { CorpusProblem } from './types.js';

/** Builds a problem; `line` is 1-based in the file, when known. */
export function problem(
  file: string,
  field: string,
  message: string,
  fix: string,
  line?: number,
): CorpusProblem {
  return line === undefined ? { file, field, message, fix } : { file, field, message, fix, line };
}

/** 1-based line number of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  let i = text.indexOf('\n');
  while (i !== -1 && i < offset) {
    line++;
    i = text.indexOf('\n', i + 1);
  }
  return line;
}
