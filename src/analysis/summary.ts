import type { Sentence } from '../corpus/types.js';

/**
 * Verbatim summaries: the author's own sentences, in the order the document has them. Sentences that
 * follow each other in one paragraph are joined by a space (as in the source); otherwise by " … ", so a
 * reader sees where text was left out. Nothing is paraphrased, so nothing can be misattributed.
 */

export const ELLIPSIS = ' … ';

export function verbatimSummary(sentences: readonly Sentence[]): string {
  const ordered = [...sentences].sort((a, b) => a.id - b.id);
  let summary = '';
  ordered.forEach((sentence, i) => {
    const previous = ordered[i - 1];
    if (previous) {
      const adjacent =
        previous.docId === sentence.docId &&
        previous.paragraph === sentence.paragraph &&
        sentence.position === previous.position + 1;
      summary += adjacent ? ' ' : ELLIPSIS;
    }
    summary += sentence.text;
  });
  return summary;
}

/** Words in a text, roughly: for keeping summaries to a readable length. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
