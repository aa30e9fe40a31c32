/**
 * The bundled corpus (corpus/*.md), loaded and indexed once per test file. Documents are named by their
 * number ("000" … "004"), so the tests survive a renamed slug.
 */
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/corpus/load.js';
import type { CorpusDocument } from '../../src/corpus/types.js';
import { CorpusIndex } from '../../src/search/corpus-index.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus', import.meta.url));

let loading: Promise<CorpusIndex> | null = null;

export function bundledIndex(): Promise<CorpusIndex> {
  loading ??= loadCorpus(CORPUS_DIR).then((corpus) => CorpusIndex.build(corpus));
  return loading;
}

/** The bundled document whose id starts with `number` ("004" → "004-ripe-for-a-negotiated-settlement"). */
export function doc(index: CorpusIndex, number: string): CorpusDocument {
  const found = index.corpus.documents.filter((d) => d.docId.startsWith(`${number}-`) || d.docId === number);
  if (found.length !== 1)
    throw new Error(`expected one bundled document numbered ${number}, found ${found.length}`);
  return found[0]!;
}

/** Every sentence of the document's reader comments (004 ends with three). */
export function commentTexts(index: CorpusIndex): string[] {
  return [...index.corpus.eachSentence()].filter((s) => s.kind === 'comment').map((s) => s.text);
}
