/**
 * A loaded corpus: its documents in file-name order, sentence ids running across them, and the files
 * that could not be loaded. A corpus with problems still serves the documents that did load.
 */
import type { CorpusDocument } from './corpus-document.js';
import type { CorpusProblem, Sentence } from './types.js';

export class Corpus {
  readonly documents: readonly CorpusDocument[];
  /** How many sentences all documents hold; ids run from 0 to this, document after document. */
  readonly sentenceCount: number;

  /** Documents are numbered in the order given: each one's sentence ids follow the previous one's. */
  constructor(
    readonly dir: string,
    documents: readonly CorpusDocument[],
    readonly problems: CorpusProblem[] = [],
  ) {
    let next = 0;
    this.documents = documents.map((document) => {
      const numbered = document.withFirstSentenceId(next);
      next += document.sentenceCount;
      return numbered;
    });
    this.sentenceCount = next;
  }

  /** The document holding sentence `id`. */
  documentOf(id: number): CorpusDocument | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.sentenceCount) return undefined;
    let low = 0;
    let high = this.documents.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.documents[middle]!.firstSentenceId <= id) low = middle;
      else high = middle - 1;
    }
    return this.documents[low];
  }

  /** Sentence `id` (0-based across the corpus), or undefined when there is none. */
  sentence(id: number): Sentence | undefined {
    const document = this.documentOf(id);
    return document?.sentence(id - document.firstSentenceId);
  }

  /** Every sentence, document after document, made as it is reached. */
  *eachSentence(): Generator<Sentence> {
    for (const document of this.documents) yield* document.eachSentence();
  }
}
