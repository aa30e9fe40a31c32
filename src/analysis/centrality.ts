import type { CorpusDocument } from '../corpus/types.js';
import type { CorpusIndex } from '../search/corpus-index.js';
import { analysedSentence } from './topic.js';

/**
 * How central each of a document's own sentences is to it: cosine similarity between the sentence and
 * the rest of the document (tf-idf over stems, idf from the whole corpus), scaled so the most central
 * sentence scores 1. A sentence that restates what the whole essay keeps returning to scores high; an
 * aside or an anecdote scores low. Only the author's sentences count: comments and quotations are not
 * the document's argument.
 */

/** Per index, then per document: a reload keeps unchanged documents, but the idf it weighs them by changes. */
const cache = new WeakMap<CorpusIndex, WeakMap<CorpusDocument, Map<number, number>>>();

export function centrality(index: CorpusIndex, document: CorpusDocument): Map<number, number> {
  let perDocument = cache.get(index);
  if (!perDocument) cache.set(index, (perDocument = new WeakMap()));
  const cached = perDocument.get(document);
  if (cached) return cached;
  const sentences = document.sentences.filter((s) => s.kind === 'author');
  const corpusSize = Math.max(1, index.sentenceCount);
  const idfOf = new Map<string, number>();
  const vectors = sentences.map((sentence) => {
    const { stems, words } = analysedSentence(index, sentence);
    const tf = new Map<string, number>();
    stems.forEach((id, k) => {
      tf.set(id, (tf.get(id) ?? 0) + 1);
      if (!idfOf.has(id)) {
        idfOf.set(id, Math.log(1 + corpusSize / (index.vocabulary.count(words[k]!) + 1)));
      }
    });
    const vector = new Map<string, number>();
    for (const [id, n] of tf) vector.set(id, (1 + Math.log(n)) * idfOf.get(id)!);
    return vector;
  });
  const centroid = new Map<string, number>();
  for (const vector of vectors) for (const [id, w] of vector) centroid.set(id, (centroid.get(id) ?? 0) + w);

  let centroidNorm = 0;
  for (const w of centroid.values()) centroidNorm += w * w;
  const raw = vectors.map((vector) => {
    // Similarity to the rest of the document: the centroid minus the sentence itself.
    let withCentroid = 0;
    let own = 0;
    for (const [id, w] of vector) {
      withCentroid += w * centroid.get(id)!;
      own += w * w;
    }
    const dot = withCentroid - own;
    const rest = centroidNorm - 2 * withCentroid + own;
    return own > 0 && rest > 1e-9 ? Math.max(0, dot) / Math.sqrt(own * rest) : 0;
  });
  const max = Math.max(1e-9, ...raw);
  const result = new Map<number, number>();
  sentences.forEach((s, i) => result.set(s.id, raw[i]! / max));
  perDocument.set(document, result);
  return result;
}
