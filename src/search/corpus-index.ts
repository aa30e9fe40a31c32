import type { Corpus, CorpusDocument, Sentence, SentenceKind } from '../corpus/types.js';

export interface SearchHit {
  sentence: Sentence;
  score: number;
}

export interface SearchRequest {
  limit: number;
  offset?: number;
  docId?: string;
  kinds?: SentenceKind[];
}

/** PLACEHOLDER: being written. Signatures are the contract. */
export class CorpusIndex {
  private constructor(readonly corpus: Corpus) {}

  static build(corpus: Corpus): CorpusIndex {
    return new CorpusIndex(corpus);
  }

  search(_query: string, _request: SearchRequest): { hits: SearchHit[]; total: number } {
    throw new Error('not implemented');
  }

  suggest(_query: string): string[] {
    throw new Error('not implemented');
  }

  topics(_limit: number): string[] {
    throw new Error('not implemented');
  }

  completeTopic(_typed: string, _limit: number): string[] {
    throw new Error('not implemented');
  }

  findDocument(_ref: string): CorpusDocument | null {
    throw new Error('not implemented');
  }

  completeDocument(_typed: string, _limit: number): CorpusDocument[] {
    throw new Error('not implemented');
  }
}
