import type { CorpusIndex } from './corpus-index.js';

export interface DocumentEntry {
  docId: string;
  title: string;
  author: string | null;
  source: string | null;
  /** The maintainer's one-line thesis, or the document's first sentence when it has none. */
  thesis: string;
  paragraphs: number;
  sentences: number;
}

export interface DocumentsResult {
  documents: DocumentEntry[];
}

/** `/docs`: the reading list. */
export function listDocuments(index: CorpusIndex): DocumentsResult {
  return {
    documents: index.corpus.documents.map((document) => ({
      docId: document.docId,
      title: document.title,
      author: document.author,
      source: document.sourceUrl,
      thesis: document.summary ?? document.firstSentence('author')?.text ?? '',
      paragraphs: document.countedParagraphCount,
      sentences: document.sentenceCount,
    })),
  };
}
