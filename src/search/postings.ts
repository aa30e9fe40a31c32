/**
 * Inverted index in compressed-row form: for each stem id, the sentences containing it and how often.
 * Built in two passes (count, then fill) so 10,000 documents need no per-term growable arrays.
 */
export class Postings {
  private constructor(
    /** offsets[t]..offsets[t+1] is term t's slice of `sentences` and `frequencies`. */
    private readonly offsets: Int32Array,
    readonly sentences: Int32Array,
    readonly frequencies: Uint16Array,
  ) {}

  /** `termsOfSentence` is the stem ids of each sentence, flattened, with `bounds` marking where each ends. */
  static build(termCount: number, flatTerms: Int32Array, bounds: Int32Array): Postings {
    const sentenceCount = bounds.length - 1;
    const documentFrequency = new Int32Array(termCount + 1);
    const seen = new Int32Array(termCount).fill(-1);
    for (let s = 0; s < sentenceCount; s++) {
      for (let i = bounds[s]!; i < bounds[s + 1]!; i++) {
        const term = flatTerms[i]!;
        if (seen[term] !== s) {
          seen[term] = s;
          documentFrequency[term + 1]! += 1;
        }
      }
    }
    const offsets = new Int32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) offsets[t + 1] = offsets[t]! + documentFrequency[t + 1]!;
    const cursor = offsets.slice(0, termCount);
    const sentences = new Int32Array(offsets[termCount]!);
    const frequencies = new Uint16Array(offsets[termCount]!);
    seen.fill(-1);
    for (let s = 0; s < sentenceCount; s++) {
      for (let i = bounds[s]!; i < bounds[s + 1]!; i++) {
        const term = flatTerms[i]!;
        if (seen[term] !== s) {
          seen[term] = s;
          const slot = cursor[term]!++;
          sentences[slot] = s;
          frequencies[slot] = 1;
        } else {
          const slot = cursor[term]! - 1;
          frequencies[slot] = Math.min(65_535, frequencies[slot]! + 1);
        }
      }
    }
    return new Postings(offsets, sentences, frequencies);
  }

  documentFrequency(term: number): number {
    return this.offsets[term + 1]! - this.offsets[term]!;
  }

  start(term: number): number {
    return this.offsets[term]!;
  }

  end(term: number): number {
    return this.offsets[term + 1]!;
  }

  get byteSize(): number {
    return this.offsets.byteLength + this.sentences.byteLength + this.frequencies.byteLength;
  }
}
